package org.diffsweep.jobs.phase;

/**
 * How an axis is spaced. Boundary interpolation and refinement work in the internal coordinate: the value itself
 * (LINEAR) or its natural log (LOG, for ratio axes such as variance ratio and imbalance ratio).
 */
public enum AxisScale {
    LINEAR,
    LOG;

    /** Axis value → internal coordinate. */
    public double toInternal(double v) {
        if (this == LOG) {
            if (!(v > 0)) throw new IllegalArgumentException("log axis needs positive values, got " + v);
            return Math.log(v);
        }
        return v;
    }

    /** Internal coordinate → axis value. */
    public double fromInternal(double u) { return this == LOG ? Math.exp(u) : u; }
}
