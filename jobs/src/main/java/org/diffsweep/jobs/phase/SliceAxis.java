package org.diffsweep.jobs.phase;

import java.util.Objects;

/**
 * One axis of a 2-D slice.
 *
 * @param name   axis name as in the spec (e.g. {@code "imbalanceRatio"})
 * @param label  human label with units for figures (e.g. {@code "imbalance ratio π_A/π_B (dimensionless)"})
 * @param scale  spacing of the axis
 * @param values the grid values, strictly increasing (positive on a log axis)
 */
public record SliceAxis(String name, String label, AxisScale scale, double[] values) implements java.io.Serializable {
    public SliceAxis {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scale, "scale");
        label = label == null ? name : label;
        values = values.clone();
        if (values.length < 2) {
            throw new IllegalArgumentException("axis " + name + " needs at least 2 values, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            scale.toInternal(values[i]);
            if (i > 0 && !(values[i] > values[i - 1])) {
                throw new IllegalArgumentException("axis " + name + " values must increase strictly, at index " + i);
            }
        }
    }

    /** Number of grid values. */
    public int size() { return values.length; }

    /** Grid value {@code i} (axis units). */
    public double value(int i) { return values[i]; }

    /** Grid value {@code i} in the internal coordinate. */
    public double internal(int i) { return scale.toInternal(values[i]); }

    /** Index of the grid value equal to {@code v} within relative 1e-9, or −1. */
    public int indexOf(double v) {
        for (int i = 0; i < values.length; i++) {
            if (Math.abs(values[i] - v) <= 1e-9 * Math.max(Math.abs(v), Math.abs(values[i])) || values[i] == v) return i;
        }
        return -1;
    }
}
