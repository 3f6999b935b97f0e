package org.diffsweep.core.point;

import java.util.function.DoublePredicate;

/**
 * The per-field domain rules of a point (theory §12.2–§12.3): the one place they are written. {@link PointParams},
 * {@link org.diffsweep.core.point.ClassSpec} and {@link TauGrid} enforce them, and the spec layer reports a
 * violation with its YAML path and {@link #rule()} text. Rules that couple fields (weights summing to 1, p >= 1,
 * every class getting a training point) live in {@link PointParams#problems}.
 */
public enum PointField {
    D("d", "must be an integer >= 1", v -> v >= 1 && v == Math.rint(v) && v <= Integer.MAX_VALUE),
    SEED("seed", "must be an integer", v -> v == Math.rint(v) && Math.abs(v) <= 0x1p63),
    PSI_P("psiP", "must be > 0", PointField::positive),
    PSI_N("psiN", "must be > 0", PointField::positive),
    T("t", "must be > 0", PointField::positive),
    DELTA_GEN("deltaGen", "must be > 0", PointField::positive),
    KAPPA("kappa", "must be in (0, 1)", v -> v > 0 && v < 1),
    WEIGHT("weight", "must be in (0, 1]", v -> v > 0 && v <= 1),
    RADIUS("radius", "must be >= 0", v -> v >= 0 && v < Double.POSITIVE_INFINITY),
    ANGLE_DEG("angleDeg", "must be finite", Double::isFinite),
    VARIANCE("variance", "must be > 0", PointField::positive),
    TAU_MIN("min", "must be > 0", PointField::positive),
    TAU_POINTS("points", "must be an integer in [2, " + TauGrid.MAX_POINTS + "]",
            v -> v >= 2 && v <= TauGrid.MAX_POINTS && v == Math.rint(v));

    private final String key;
    private final String rule;
    private final DoublePredicate accepts;

    PointField(String key, String rule, DoublePredicate accepts) {
        this.key = key;
        this.rule = rule;
        this.accepts = accepts;
    }

    /** The field with this key, or null. */
    public static PointField byKey(String key) {
        for (PointField f : values()) if (f.key.equals(key)) return f;
        return null;
    }

    /** The key of the field in the point format (inside {@code classes[i]} or {@code tauGrid} for those fields). */
    public String key() { return key; }

    /** What is allowed, as a phrase ("must be > 0"). */
    public String rule() { return rule; }

    /** Whether {@code v} satisfies the rule (NaN never does). */
    public boolean accepts(double v) { return accepts.test(v); }

    /** Throws {@link IllegalArgumentException} "{@code field = value: rule}" when {@code v} breaks the rule. */
    public double require(double v) {
        if (!accepts(v)) throw new IllegalArgumentException(key + " = " + v + ": " + rule);
        return v;
    }

    private static boolean positive(double v) { return v > 0 && v < Double.POSITIVE_INFINITY; }
}
