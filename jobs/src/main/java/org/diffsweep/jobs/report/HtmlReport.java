package org.diffsweep.jobs.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.diffsweep.jobs.ledger.LedgerTable;

/**
 * Renders {@link ReportData} as one self-contained HTML5 file: inline CSS, figures as {@code data:} PNGs or inline
 * SVG, no scripts, no external resources (so it opens offline and can be mailed as one file). All text is
 * HTML-escaped.
 */
public final class HtmlReport {
    private static final String CSS = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;margin:2em auto;",
            "max-width:1100px;padding:0 1em;color:#222;line-height:1.45}",
            "h1{border-bottom:2px solid #333;padding-bottom:.2em}h2{margin-top:1.8em;border-bottom:1px solid #bbb}",
            "table{border-collapse:collapse;margin:.8em 0;font-size:.9em}",
            "th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}",
            "th{background:#f0f0f0}tr:nth-child(even) td{background:#fafafa}",
            "pre{background:#f6f6f6;border:1px solid #ddd;padding:.8em;overflow-x:auto;font-size:.85em}",
            "figure{margin:1.2em 0}figure img,figure svg{max-width:100%;height:auto;border:1px solid #ddd}",
            "figcaption{font-size:.9em;color:#444;margin-top:.3em}.none{color:#666;font-style:italic}",
            "dl.prov{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dl.prov dt{font-weight:bold}",
            "dl.prov dd{margin:0;font-family:monospace}");

    private HtmlReport() {
    }

    /** The report as HTML text. */
    public static String render(ReportData d) {
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(d.title())).append("</title>\n<style>\n").append(CSS)
                .append("\n</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(d.title())).append("</h1>\n");

        ReportProvenance p = d.provenance();
        h.append("<h2 id=\"provenance\">Provenance</h2>\n<dl class=\"prov\">\n");
        item(h, "diffsweep version", p.version());
        item(h, "git commit", p.commit());
        item(h, "spec hash", p.specHash());
        item(h, "generated", p.date());
        item(h, "Spark master", p.masterUrl());
        h.append("</dl>\n");

        h.append("<h2 id=\"summary\">").append(d.reversal() != null || d.figures().isEmpty() && d.tables().isEmpty()
                ? "Where reversal occurs" : "Summary").append("</h2>\n");
        if (d.reversal() != null) table(h, d.reversal().header(), d.reversal().rows());
        if (d.summary().isEmpty() && d.reversal() == null) {
            h.append("<p class=\"none\">No phase results.</p>\n");
        } else if (!d.summary().isEmpty()) {
            h.append("<ul>\n");
            for (String s : d.summary()) h.append("<li>").append(esc(s)).append("</li>\n");
            h.append("</ul>\n");
        }

        if (!d.figures().isEmpty()) h.append("<h2 id=\"figures\">Figures</h2>\n");
        for (ReportFigure f : d.figures()) {
            h.append("<figure>\n<h3>").append(esc(f.title())).append("</h3>\n");
            if (f.png() != null) {
                h.append("<img alt=\"").append(esc(f.title())).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(f.png())).append("\">\n");
            } else {
                h.append(inlineSvg(f.svg())).append('\n');
            }
            h.append("<figcaption>").append(esc(f.caption())).append("</figcaption>\n</figure>\n");
        }

        for (ReportTable t : d.tables()) {
            h.append("<h2>").append(esc(t.title())).append("</h2>\n");
            table(h, t.header(), t.rows(), t.links());
        }

        h.append("<h2 id=\"problems\">Failed and ambiguous points</h2>\n");
        if (d.problems().isEmpty()) {
            h.append("<p class=\"none\">None: every point finished and no per-class curve was ambiguous.</p>\n");
        } else {
            List<List<String>> rows = d.problems().stream()
                    .map(q -> List.of(q.pointId(), q.coordinates(), q.status(), q.diagnostic())).toList();
            table(h, List.of("point id", "coordinates", LedgerTable.STATUS.name(), LedgerTable.DIAGNOSTIC.name()), rows);
        }

        h.append("<h2 id=\"spec\">Sweep spec</h2>\n<pre>").append(esc(d.specText())).append("</pre>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** Writes the report to {@code file} (UTF-8), creating parent folders. */
    public static void write(ReportData d, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(file, render(d), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void item(StringBuilder h, String k, String v) {
        h.append("<dt>").append(esc(k)).append("</dt><dd>").append(esc(v == null ? "unknown" : v)).append("</dd>\n");
    }

    private static void table(StringBuilder h, List<String> header, List<List<String>> rows) { table(h, header, rows, null); }

    /** A table; with {@code links}, row i's last cell links to {@code links.get(i)} when that is not null. */
    private static void table(StringBuilder h, List<String> header, List<List<String>> rows, List<String> links) {
        h.append("<table>\n<thead><tr>");
        for (String c : header) h.append("<th>").append(esc(c)).append("</th>");
        h.append("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < rows.size(); i++) {
            List<String> r = rows.get(i);
            String link = links == null ? null : links.get(i);
            h.append("<tr>");
            for (int k = 0; k < r.size(); k++) {
                h.append("<td>");
                if (link != null && k == r.size() - 1) h.append("<a href=\"").append(esc(link)).append("\">").append(esc(r.get(k))).append("</a>");
                else h.append(esc(r.get(k)));
                h.append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    /** SVG document → element for inlining: XML prolog and DOCTYPE removed; scripts are refused. */
    static String inlineSvg(String svg) {
        int i = svg.indexOf("<svg");
        if (i < 0) throw new IllegalArgumentException("not an SVG document");
        String body = svg.substring(i);
        if (body.toLowerCase(java.util.Locale.ROOT).contains("<script")) {
            throw new IllegalArgumentException("SVG with scripts cannot be inlined");
        }
        return body;
    }

    /** HTML text escaping (element content and double-quoted attributes). */
    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
