package org.diffsweep.jobs.json;

/**
 * The CSV field rules of every table diffsweep writes: a string is quoted (inner quotes doubled) when it holds a
 * comma, a quote or a line break; a double is written in Java's shortest round-trip form, NaN and null as an empty
 * field; anything else as {@link String#valueOf}.
 */
public final class Csv {
    private Csv() {}

    /** One CSV line of {@code fields}, newline included. */
    public static String line(Object... fields) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < fields.length; k++) b.append(k > 0 ? "," : "").append(field(fields[k]));
        return b.append('\n').toString();
    }

    /** One CSV field. */
    public static String field(Object v) {
        if (v == null || v instanceof Double d && d.isNaN()) return "";
        return v instanceof String s ? quote(s) : String.valueOf(v);
    }

    /** A string field, quoted when needed. */
    public static String quote(String s) {
        boolean plain = s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0;
        return plain ? s : '"' + s.replace("\"", "\"\"") + '"';
    }
}
