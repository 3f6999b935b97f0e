package org.diffsweep.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.diffsweep.jobs.json.Json;

/**
 * Prints a {@link Report}: {@code --json} writes one pretty-printed JSON object to standard output (null values
 * dropped, doubles in Java's round-trip decimal form); otherwise an aligned text rendering of the same tree,
 * with lists of objects (e.g. {@code classes}) as tables. Notes always go to standard error.
 */
public final class Output {
    private Output() {}

    /** Prints {@code report} as JSON or text. */
    public static void print(Report report, boolean json, PrintWriter out, PrintWriter err) {
        if (json) out.println(Json.ordered(report.fields()));
        else out.print(toText(report.fields()));
        for (String note : report.notes()) err.println(note);
        out.flush();
        err.flush();
    }

    /** {@code w} as an auto-flushing UTF-8 {@link java.io.PrintStream}, for APIs that take a stream (progress lines). */
    public static java.io.PrintStream stream(PrintWriter w) {
        java.io.OutputStream bytes = new java.io.OutputStream() {
            private final java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();

            @Override public void write(int b) { buf.write(b); }

            @Override public void write(byte[] b, int off, int len) { buf.write(b, off, len); }

            @Override public void flush() {
                w.write(buf.toString(java.nio.charset.StandardCharsets.UTF_8));
                buf.reset();
                w.flush();
            }
        };
        return new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The text rendering of a JSON-ready map. */
    public static String toText(Object fields) {
        StringBuilder sb = new StringBuilder();
        render(Json.tree(fields), "", sb);
        return sb.toString();
    }

    private static void render(JsonNode obj, String indent, StringBuilder sb) {
        int width = 0;
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) width = Math.max(width, it.next().length());
        for (Map.Entry<String, JsonNode> e : obj.properties()) {
            JsonNode v = e.getValue();
            if (v.isObject()) {
                sb.append(indent).append(e.getKey()).append('\n');
                render(v, indent + "  ", sb);
            } else if (v.isArray() && v.size() > 0 && allObjects(v)) {
                sb.append(indent).append(e.getKey()).append('\n');
                table(v, indent + "  ", sb);
            } else {
                sb.append(indent).append(pad(e.getKey(), width)).append("  ").append(scalar(v)).append('\n');
            }
        }
    }

    private static boolean allObjects(JsonNode arr) {
        for (JsonNode x : arr) if (!x.isObject()) return false;
        return true;
    }

    private static void table(JsonNode rows, String indent, StringBuilder sb) {
        Set<String> cols = new LinkedHashSet<>();
        for (JsonNode r : rows) r.fieldNames().forEachRemaining(cols::add);
        List<String> header = new ArrayList<>(cols);
        List<String[]> cells = new ArrayList<>();
        int[] w = new int[header.size()];
        for (int j = 0; j < w.length; j++) w[j] = header.get(j).length();
        for (JsonNode r : rows) {
            String[] c = new String[header.size()];
            for (int j = 0; j < c.length; j++) {
                JsonNode v = r.get(header.get(j));
                c[j] = v == null ? "-" : scalar(v);
                w[j] = Math.max(w[j], c[j].length());
            }
            cells.add(c);
        }
        sb.append(indent);
        for (int j = 0; j < w.length; j++) sb.append(j + 1 < w.length ? pad(header.get(j), w[j]) + "  " : header.get(j));
        sb.append('\n');
        for (String[] c : cells) {
            sb.append(indent);
            for (int j = 0; j < w.length; j++) sb.append(j + 1 < w.length ? pad(c[j], w[j]) + "  " : c[j]);
            sb.append('\n');
        }
    }

    private static String scalar(JsonNode v) {
        if (v.isArray()) {
            if (v.size() > 8) return "[" + v.size() + " values]";
            List<String> parts = new ArrayList<>();
            for (JsonNode x : v) parts.add(x.isContainerNode() ? x.toString() : scalar(x));
            return "[" + String.join(", ", parts) + "]";
        }
        if (v.isObject()) return v.toString();
        if (v.isFloatingPointNumber()) return number(v.doubleValue());
        return v.asText();
    }

    /** Compact human number: integers as integers, else 6 significant digits. */
    static String number(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) return Long.toString((long) x);
        double a = Math.abs(x);
        String s = (a >= 1e-4 && a < 1e6) ? String.format(java.util.Locale.ROOT, "%.6g", x) : String.format(java.util.Locale.ROOT, "%.5e", x);
        if (s.contains("e")) {
            String[] me = s.split("e");
            return stripZeros(me[0]) + "e" + Integer.parseInt(me[1]);
        }
        return stripZeros(s);
    }

    private static String stripZeros(String s) {
        if (!s.contains(".")) return s;
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String pad(String s, int w) { return s.length() >= w ? s : s + " ".repeat(w - s.length()); }
}
