package org.diffsweep.jobs.phase;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A scalar field on the rectilinear grid of a 2-D slice, x fastest: value (i, j) at index {@code i + j * nx}.
 * Missing values are NaN.
 *
 * @param x      x axis
 * @param y      y axis
 * @param values nx · ny values
 */
public record SliceField(SliceAxis x, SliceAxis y, double[] values) {
    public SliceField {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        values = values.clone();
        if (values.length != x.size() * y.size()) {
            throw new IllegalArgumentException("expected " + x.size() * y.size() + " values, got " + values.length);
        }
    }

    /** Value at grid indices (i, j). */
    public double at(int i, int j) { return values[i + j * x.size()]; }

    /** Samples {@code f} at every grid node. */
    public static SliceField sample(SliceAxis x, SliceAxis y, SliceFunction f) {
        double[] v = new double[x.size() * y.size()];
        for (int j = 0; j < y.size(); j++) {
            for (int i = 0; i < x.size(); i++) v[i + j * x.size()] = f.value(x.value(i), y.value(j));
        }
        return new SliceField(x, y, v);
    }

    /**
     * Builds a field from phase-table rows of one slice and metric; nodes without a row (or with a NaN) are NaN.
     *
     * @param what which number to take from a row, e.g. {@code PhaseCell::mean} or {@code c -> c.mean() + c.halfWidth()}
     */
    public static SliceField fromCells(SliceAxis x, SliceAxis y, List<PhaseCell> cells, String slice, DMetric metric,
                                       ToDoubleFunction<PhaseCell> what) {
        double[] v = new double[x.size() * y.size()];
        Arrays.fill(v, Double.NaN);
        for (PhaseCell c : cells) {
            if (!c.slice().equals(slice) || c.metric() != metric) continue;
            int i = x.indexOf(c.x());
            int j = y.indexOf(c.y());
            if (i >= 0 && j >= 0) v[i + j * x.size()] = what.applyAsDouble(c);
        }
        return new SliceField(x, y, v);
    }
}
