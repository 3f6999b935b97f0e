package org.diffsweep.core.point;

/**
 * Log-spaced grid of training times tau in paper units (theory §12.1), from {@code min} to {@code max}
 * inclusive with {@code points} points.
 */
public record TauGrid(double min, double max, int points) {
    /** Most grid points allowed (the curves hold O(C x points) doubles per point). */
    public static final int MAX_POINTS = 1_000_000;
    public static final TauGrid DEFAULT = new TauGrid(1e-2, 1e7, 200);

    public TauGrid {
        PointField.TAU_MIN.require(min);
        if (!(max > min) || !Double.isFinite(max)) throw new IllegalArgumentException("max = " + max + ": must be > min = " + min);
        PointField.TAU_POINTS.require(points);
    }

    /** The grid values, {@code min * (max/min)^(k/(points-1))}. */
    public double[] values() {
        double[] v = new double[points];
        double lmin = Math.log(min), step = (Math.log(max) - lmin) / (points - 1);
        for (int k = 0; k < points; k++) v[k] = Math.exp(lmin + k * step);
        v[0] = min;
        v[points - 1] = max;
        return v;
    }
}
