package org.diffsweep.jobs.fit;

import org.diffsweep.jobs.phase.AxisScale;

/**
 * One regression input: a sweep coordinate, on a log or linear scale.
 *
 * @param name   the coordinate's name (axis path or design range)
 * @param column its index among the coordinates
 * @param scale  LOG: the fit sees ln(value); LINEAR: the value
 * @param min    smallest value present (axis units)
 * @param max    largest value present (axis units)
 */
public record FitFeature(String name, int column, AxisScale scale, double min, double max) {
    /** The value the regression sees. */
    public double internal(double v) { return scale.toInternal(v); }

    /** Axis units of an internal coordinate. */
    public double external(double u) { return scale.fromInternal(u); }

    /** {@code ln varianceRatio} or {@code psiN}. */
    public String label() { return scale == AxisScale.LOG ? "ln " + name : name; }
}
