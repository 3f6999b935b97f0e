package org.diffsweep.jobs.phase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.diffsweep.core.point.PointField;

/**
 * How a sweep's axes are cut into 2-D slices (pure; from the axis names in spec order and the values present):
 * only axes with at least two values count. When {@code imbalanceRatio} is among them it is the y axis and x is the
 * last other such axis in spec order; otherwise x, y are the last two. Every combination of the remaining swept
 * axes' values is one slice, labelled {@code name=value, ...} ({@code all} when there is none).
 *
 * @param x      x axis, or null with fewer than two swept axes
 * @param y      y axis, or null
 * @param slices the other swept axes (slice labels are built from them), spec order
 */
public record SliceLayout(SliceAxis x, SliceAxis y, List<String> slices) implements java.io.Serializable {
    /** The imbalance axis: always the y axis when swept. */
    public static final String IMBALANCE = "imbalanceRatio";

    public SliceLayout { slices = List.copyOf(slices); }

    /** True when a 2-D phase map exists. */
    public boolean hasMap() { return x != null; }

    /**
     * The layout of a sweep with scattered coordinates (a space-filling design's ranges): none, since no two design
     * points share a cell; otherwise {@link #of(List, Map)}.
     */
    public static SliceLayout of(List<String> names, Map<String, TreeSet<Double>> values, List<String> scattered) {
        return scattered.isEmpty() ? of(names, values) : new SliceLayout(null, null, List.of());
    }

    /** The layout of axes {@code names} (spec order) with the distinct {@code values} present for each. */
    public static SliceLayout of(List<String> names, Map<String, TreeSet<Double>> values) {
        List<String> swept = new ArrayList<>();
        for (String n : names) if (values.getOrDefault(n, new TreeSet<>()).size() >= 2) swept.add(n);
        String xn = null, yn = null;
        if (swept.contains(IMBALANCE) && swept.size() >= 2) {
            yn = IMBALANCE;
            for (String n : swept) if (!n.equals(IMBALANCE)) xn = n;
        } else if (swept.size() >= 2) {
            xn = swept.get(swept.size() - 2);
            yn = swept.get(swept.size() - 1);
        }
        List<String> rest = new ArrayList<>();
        for (String n : swept) if (!n.equals(xn) && !n.equals(yn)) rest.add(n);
        return new SliceLayout(xn == null ? null : axis(xn, values.get(xn)), yn == null ? null : axis(yn, values.get(yn)), rest);
    }

    /** The slice axis for {@code name} with these values (log scale for ratios and ranges over a decade). */
    public static SliceAxis axis(String name, TreeSet<Double> vals) {
        double[] v = vals.stream().mapToDouble(Double::doubleValue).toArray();
        boolean log = v[0] > 0 && (name.endsWith("Ratio") || v[v.length - 1] / v[0] >= 10);
        return new SliceAxis(name, label(name), log ? AxisScale.LOG : AxisScale.LINEAR, v);
    }

    /** Human label of an axis with its units. */
    public static String label(String name) {
        return switch (name) {
            case "varianceRatio" -> "variance ratio σ²_A/σ²_B";
            case IMBALANCE -> "imbalance ratio π_A/π_B";
            case "radiusRatio" -> "radius ratio r_A/r_B";
            case "angleDeg" -> "angle between centroids (degrees)";
            default -> {
                PointField f = PointField.byKey(name);
                yield f == null ? name : switch (f) {
                    case T -> "diffusion time t (OU time)";
                    case PSI_P -> "ψ_p = p/d";
                    case PSI_N -> "ψ_n = n/d";
                    case D -> "dimension d";
                    default -> name;
                };
            }
        };
    }

    /** The slice label of given values of the slice axes ({@code all} when there are none). */
    public String label(double[] sliceValues) {
        if (slices.isEmpty()) return "all";
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < slices.size(); k++) {
            if (k > 0) b.append(", ");
            b.append(slices.get(k)).append('=').append(PhaseTables.shortNumber(sliceValues[k]));
        }
        return b.toString();
    }

    /** The slice label of a point, given its coordinate on an axis by name (null: absent). */
    public String label(java.util.function.Function<String, Double> coordinate) {
        return label(slices.stream().mapToDouble(a -> java.util.Objects.requireNonNullElse(coordinate.apply(a), Double.NaN)).toArray());
    }

    /** Every slice label with its slice-axis values, over all combinations of the slice axes' values. */
    public Map<String, double[]> sliceValues(Map<String, TreeSet<Double>> values) {
        Map<String, double[]> out = new java.util.LinkedHashMap<>();
        List<double[]> combos = new ArrayList<>();
        combos.add(new double[0]);
        for (String a : slices) {
            List<double[]> next = new ArrayList<>();
            for (double[] c : combos) {
                for (double v : values.get(a)) {
                    double[] d = java.util.Arrays.copyOf(c, c.length + 1);
                    d[c.length] = v;
                    next.add(d);
                }
            }
            combos = next;
        }
        for (double[] c : combos) out.put(label(c), c);
        return out;
    }

    /** A file-name-safe form of a slice label. */
    public static String slug(String slice) {
        String s = slice.replaceAll("[^A-Za-z0-9.]+", "_").replaceAll("^_+|_+$", "");
        return s.isEmpty() ? "all" : s;
    }
}
