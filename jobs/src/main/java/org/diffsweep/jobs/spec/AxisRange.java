package org.diffsweep.jobs.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The values of one sweep axis: an explicit list, or a linear or logarithmic range with both end points
 * included (end points are reproduced exactly, not up to rounding).
 */
public sealed interface AxisRange {
    /** The axis values in grid order. */
    double[] values();

    /** Canonical tree of this range for {@code specHash} (see {@link org.diffsweep.jobs.grid.Canonical}). */
    Map<String, Object> canonicalTree();

    /** {@code values: [v0, v1, ...]}, in the given order, non-empty and distinct. */
    record Values(List<Double> list) implements AxisRange {
        public Values { list = List.copyOf(list); }

        @Override public double[] values() {
            double[] v = new double[list.size()];
            for (int i = 0; i < v.length; i++) v[i] = list.get(i);
            return v;
        }

        @Override public Map<String, Object> canonicalTree() { return Map.of("values", new ArrayList<Object>(list)); }
    }

    /** {@code linear: {from, to, points}}: {@code from + k (to - from) / (points - 1)}, k = 0..points-1. */
    record Linear(double from, double to, int points) implements AxisRange {
        @Override public double[] values() {
            double[] v = new double[points];
            for (int k = 0; k < points; k++) v[k] = from + k * (to - from) / (points - 1);
            v[0] = from;
            v[points - 1] = to;
            return v;
        }

        @Override public Map<String, Object> canonicalTree() { return Map.of("linear", range(from, to, points)); }
    }

    /** {@code log: {from, to, points}}: {@code from (to/from)^(k/(points-1))}, k = 0..points-1; from, to > 0. */
    record Log(double from, double to, int points) implements AxisRange {
        @Override public double[] values() {
            double[] v = new double[points];
            double a = Math.log(from), b = Math.log(to);
            for (int k = 0; k < points; k++) v[k] = Math.exp(a + k * (b - a) / (points - 1));
            v[0] = from;
            v[points - 1] = to;
            return v;
        }

        @Override public Map<String, Object> canonicalTree() { return Map.of("log", range(from, to, points)); }
    }

    private static Map<String, Object> range(double from, double to, int points) {
        return Map.of("from", from, "to", to, "points", (long) points);
    }
}
