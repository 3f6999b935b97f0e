package org.diffsweep.jobs.spec;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.jobs.grid.Grid;
import org.diffsweep.jobs.grid.GridPoint;

/**
 * The lazy Cartesian grid of a {@link SweepSpec}: point {@code index} is decoded by mixed radix, with the
 * <b>seed replica as the slowest digit</b> and the <b>last axis as the fastest</b>:
 * {@code index = k * M + sum_j digit_j * prod_{l > j} size_l}, {@code M = prod_j size_j}. Seeds are slowest so that
 * indices 0..M-1 are one complete replica (a full phase diagram), and raising {@code seeds} appends points without
 * renumbering the existing ones. Replica k has {@code seed = base.seed + k}.
 *
 * <p>Java-serializable (Spark executors rebuild points from it by index): it holds only the base point's primitives,
 * the axis paths and values; the axis setters are re-resolved after deserialization.
 */
public final class SpecGrid implements Grid, Serializable {
    private static final long serialVersionUID = 1L;
    private final PointBuilder base;
    private transient volatile List<AxisTarget> targets;
    private final double[][] values;
    private final List<String> names; // List.copyOf: serializable
    private final int seeds;
    private final long perSeed;
    private final long size;

    private SpecGrid(PointParams base, List<AxisTarget> targets, double[][] values, int seeds) {
        this.base = new PointBuilder(base);
        this.targets = List.copyOf(targets);
        this.values = values;
        this.seeds = seeds;
        List<String> n = new ArrayList<>();
        long m = 1;
        try {
            for (int j = 0; j < values.length; j++) {
                n.add(targets.get(j).path);
                m = Math.multiplyExact(m, values[j].length);
            }
            this.size = Math.multiplyExact(m, seeds);
        } catch (ArithmeticException e) {
            throw SpecException.of("axes", "(product of axis sizes x seeds)", "grid too large; must have < 2^63 points");
        }
        this.perSeed = m;
        this.names = List.copyOf(n);
    }

    private List<AxisTarget> targets() {
        List<AxisTarget> t = targets;
        if (t == null) { // after deserialization: resolve the paths again against the base point
            PointParams b = base.build();
            List<AxisTarget> r = new ArrayList<>();
            for (int j = 0; j < names.size(); j++) r.add(AxisTarget.resolve(names.get(j), b, "axes[" + j + "].path"));
            targets = t = List.copyOf(r);
        }
        return t;
    }

    static SpecGrid of(SweepSpec spec, List<AxisTarget> targets) {
        double[][] v = new double[spec.axes().size()][];
        for (int j = 0; j < v.length; j++) v[j] = spec.axes().get(j).values();
        return new SpecGrid(spec.base(), targets, v, spec.seeds());
    }

    @Override public long size() { return size; }

    /** Points per seed replica (product of the axis sizes). */
    public long pointsPerSeed() { return perSeed; }

    /** Number of seed replicas K. */
    public int seeds() { return seeds; }

    /** The values of axis j, in grid order. */
    public double[] axisValues(int j) { return values[j].clone(); }

    @Override public List<String> axisNames() { return names; }

    @Override public GridPoint point(long index) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException("grid index " + index + " not in [0, " + size + ")");
        int k = (int) (index / perSeed);
        int[] digits = digits(index % perSeed);
        PointBuilder b = builder(digits);
        b.seed = base.seed + k;
        return new GridPoint(index, b.build(), coordinates(digits), k);
    }

    private int[] digits(long rem) {
        int[] d = new int[values.length];
        for (int j = values.length - 1; j >= 0; j--) {
            d[j] = (int) (rem % values[j].length);
            rem /= values[j].length;
        }
        return d;
    }

    private PointBuilder builder(int[] digits) {
        PointBuilder b = new PointBuilder(base);
        List<AxisTarget> ts = targets();
        for (int j = 0; j < digits.length; j++) ts.get(j).setter.apply(b, values[j][digits[j]]);
        return b;
    }

    private Map<String, Double> coordinates(int[] digits) {
        Map<String, Double> c = new LinkedHashMap<>();
        for (int j = 0; j < digits.length; j++) c.put(names.get(j), values[j][digits[j]]);
        return c;
    }

    /**
     * This grid followed by extra points at explicit axis values (adaptive refinement, design step 7): index
     * {@code size() + k * E + e} is extra point {@code e} (of E) with seed replica {@code k}. The base indices are
     * unchanged, so the runner's resume logic computes only the new points.
     *
     * @param extra axis values of each extra point, in {@link #axisNames()} order
     */
    public Grid withPoints(List<double[]> extra) {
        double[][] e = new double[extra.size()][];
        for (int i = 0; i < e.length; i++) {
            if (extra.get(i).length != names.size()) {
                throw new IllegalArgumentException("extra point " + i + " has " + extra.get(i).length
                        + " coordinates, the grid has " + names.size() + " axes");
            }
            e[i] = extra.get(i).clone();
        }
        return new Extended(this, e);
    }

    /** The point at explicit axis values (not necessarily grid values) with seed replica {@code k}. */
    GridPoint pointAt(long index, double[] axisValues, int k) {
        PointBuilder b = new PointBuilder(base);
        List<AxisTarget> ts = targets();
        Map<String, Double> c = new LinkedHashMap<>();
        for (int j = 0; j < axisValues.length; j++) {
            ts.get(j).setter.apply(b, axisValues[j]);
            c.put(names.get(j), axisValues[j]);
        }
        b.seed = base.seed + k;
        return new GridPoint(index, b.build(), c, k);
    }

    /** A spec grid plus explicit extra points (see {@link #withPoints}). */
    static final class Extended implements Grid, Serializable {
        private static final long serialVersionUID = 1L;
        private final SpecGrid grid;
        private final double[][] extra;

        Extended(SpecGrid grid, double[][] extra) {
            this.grid = grid;
            this.extra = extra;
        }

        @Override public long size() { return grid.size() + (long) extra.length * grid.seeds(); }

        @Override public List<String> axisNames() { return grid.axisNames(); }

        @Override public GridPoint point(long index) {
            if (index < grid.size()) return grid.point(index);
            long e = index - grid.size();
            if (e >= (long) extra.length * grid.seeds()) throw new IndexOutOfBoundsException("grid index " + index);
            return grid.pointAt(index, extra[(int) (e % extra.length)], (int) (e / extra.length));
        }
    }

    /** Checks that every axis combination gives a valid point (seeds cannot make a point invalid). */
    void validateAll() {
        for (long i = 0; i < perSeed; i++) {
            int[] digits = digits(i);
            PointBuilder b = builder(digits);
            String problem = b.problem();
            // Per-field domains are checked value by value at parse time, so the records' own checks can only fail
            // on combinations problem() covers; build() runs on the corners as a safety net.
            if (problem == null && (i == 0 || i == perSeed - 1)) {
                try {
                    b.build();
                } catch (IllegalArgumentException e) {
                    problem = e.getMessage();
                }
            }
            if (problem != null) {
                StringBuilder at = new StringBuilder("{");
                for (int j = 0; j < digits.length; j++) {
                    if (j > 0) at.append(", ");
                    at.append(names.get(j)).append(": ").append(Yaml.fmt(values[j][digits[j]]));
                }
                throw SpecException.of("axes", at.append('}').toString(), "this grid point is invalid: " + problem);
            }
        }
    }
}
