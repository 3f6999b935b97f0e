package org.diffsweep.core.point;

/**
 * One thing wrong with a point, as the point itself sees it: {@code field} is a path relative to the point
 * ({@code psiP}, {@code classes[1].weight}, {@code classes[*].weight}), {@code value} the offending value as text,
 * {@code rule} what is allowed. The spec layer prefixes the YAML path; the message reads
 * {@code field = value: rule}.
 */
public record PointProblem(String field, String value, String rule) {
    /** {@code field = value: rule}. */
    public String message() { return field + " = " + value + ": " + rule; }

    /** A number as users wrote it: integers without a fraction, otherwise Java's shortest round-trip form. */
    public static String show(double x) {
        if (x == 0 && 1 / x < 0) return "-0.0";
        if (x == Math.rint(x) && Math.abs(x) < 1e15) return Long.toString((long) x);
        return Double.toString(x);
    }
}
