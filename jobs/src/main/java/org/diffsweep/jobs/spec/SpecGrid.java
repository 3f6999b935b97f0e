package org.diffsweep.jobs.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.point.PointProblem;
import org.diffsweep.jobs.grid.Grid;
import org.diffsweep.jobs.grid.GridPoint;

/**
 * The lazy Cartesian grid of a {@link SweepSpec}: point {@code index} is decoded by mixed radix, with the
 * <b>seed replica as the slowest digit</b> and the <b>last axis as the fastest</b>:
 * {@code index = k * M + sum_j digit_j * prod_{l > j} size_l}, {@code M = prod_j size_j}. Seeds are slowest so that
 * indices 0..M-1 are one complete replica (a full phase diagram), and raising {@code seeds} appends points without
 * renumbering the existing ones. Replica k has {@code seed = base.seed + k}.
 *
 * <p>With a {@link Design} of N points the design row is one more digit, slower than every axis and faster than the
 * seed: {@code index = k * M + row * A + axis digits}, {@code A = prod_j size_j}, {@code M = N * A}; the design's
 * paths come first in {@link #axisNames()}, then the axes'. (A design is never combined with slices.)
 *
 * <p>Java-serializable (Spark executors rebuild points from it by index): it holds only the base point's primitives,
 * the axis paths and values; the axis setters are re-resolved after deserialization.
 */
public final class SpecGrid implements Grid<PointParams> {
    private static final long serialVersionUID = 3L;
    /** Most points a grid may have (seeds included): the plan holds up to 16 bytes per remaining point. */
    public static final long MAX_POINTS = 100_000_000L;
    /** Most swept axes: the grid is judged at the 2^k corners of its axes' ranges. */
    public static final int MAX_AXES = 16;
    private final PointBuilder base;
    private transient volatile List<AxisTarget> targets;
    private final double[][] values;
    /** Design rows (N x ranges), or a single empty row without a design. */
    private final double[][] design;
    /** The design ranges' [lo, hi] (for the corner check), one per design column. */
    private final double[][] designBox;
    private final List<String> names;
    private final int seeds;
    private final long perSeed;
    private final long size;
    /** Sliced grids only (else null): per point of one replica, its coordinate on every axis. */
    private final double[][] sliced;
    /** Sliced grids only: per point, which axes its slice sets (the others hold the base point's value). */
    private final boolean[][] sets;

    private SpecGrid(PointParams base, List<AxisTarget> targets, double[][] values, double[][] design, double[][] designBox,
                     int seeds, double[][] sliced, boolean[][] sets) {
        this.sliced = sliced;
        this.sets = sets;
        this.base = new PointBuilder(base);
        this.targets = List.copyOf(targets);
        this.values = values;
        this.design = design;
        this.designBox = designBox;
        this.seeds = seeds;
        List<String> n = new ArrayList<>();
        double total = (double) seeds * design.length;
        for (int j = 0; j < targets.size(); j++) n.add(targets.get(j).path);
        for (double[] v : values) total *= v.length;
        if (sliced != null) total = (double) seeds * sliced.length;
        if (total > MAX_POINTS) {
            throw SpecException.of("axes", "(product of the axis sizes x seeds = " + PointProblem.show(total) + ")", "the grid may have at most "
                    + MAX_POINTS + " points; split the sweep into several specs (each its own output folder) or use fewer values");
        }
        long m = design.length;
        for (double[] v : values) m *= v.length;
        if (sliced != null) m = sliced.length;
        this.size = m * seeds;
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
        Design d = spec.design();
        int dd = d == null ? 0 : d.ranges().size();
        if (v.length + dd > MAX_AXES) {
            throw SpecException.of("axes", (v.length + dd) + " axes and design ranges", "at most " + MAX_AXES + " may be swept");
        }
        double[][] rows = d == null ? new double[][] {new double[0]} : d.values();
        double[][] box = new double[dd][];
        for (int j = 0; j < dd; j++) box[j] = new double[] {d.ranges().get(j).lo(), d.ranges().get(j).hi()};
        return new SpecGrid(spec.base(), targets, v, rows, box, spec.seeds(), null, null);
    }

    /**
     * The grid of a spec with {@code slices} (docs/spec.md "Slices"): the union of one Cartesian grid per slice
     * through the base point. A point of slice s applies only s's axes; its coordinate on every other axis is the
     * base point's value there ({@link AxisTarget#valueAt}). Points equal to one of an earlier slice are listed once.
     * Order: seed replica slowest, then the slices in spec order, each last axis fastest.
     *
     * @param targets the union axes ({@code spec.axes()}) resolved against the base
     */
    static SpecGrid ofSlices(SweepSpec spec, List<AxisTarget> targets) {
        List<String> names = new ArrayList<>();
        for (AxisTarget t : targets) names.add(t.path);
        double[] baseAt = new double[names.size()];
        for (int j = 0; j < baseAt.length; j++) baseAt[j] = AxisTarget.valueAt(names.get(j), spec.base());
        java.util.LinkedHashMap<PointParams, Integer> seen = new java.util.LinkedHashMap<>();
        List<double[]> pts = new ArrayList<>();
        List<boolean[]> mask = new ArrayList<>();
        double[][] union = new double[names.size()][];
        for (int j = 0; j < union.length; j++) union[j] = spec.axes().get(j).values();
        double[][] noDesign = {new double[0]};
        SpecGrid probe = new SpecGrid(spec.base(), targets, union, noDesign, new double[0][], 1, null, null);
        for (List<AxisSpec> sl : spec.slices()) {
            int[] col = new int[sl.size()];
            double[][] v = new double[sl.size()][];
            long count = 1;
            for (int a = 0; a < col.length; a++) {
                col[a] = names.indexOf(sl.get(a).path());
                v[a] = sl.get(a).values();
                count *= v[a].length;
            }
            if ((double) count * spec.seeds() + pts.size() > MAX_POINTS) {
                throw SpecException.of("slices", "(" + PointProblem.show((double) count * spec.seeds()) + " points in one slice)",
                        "a sliced grid may have at most " + MAX_POINTS + " points; use fewer values");
            }
            int[] pick = new int[col.length];
            for (long i = 0; i < count; i++) {
                double[] at = baseAt.clone();
                boolean[] set = new boolean[names.size()];
                for (int a = 0; a < col.length; a++) {
                    at[col[a]] = v[a][pick[a]];
                    set[col[a]] = true;
                }
                PointBuilder b = probe.builder(at, set);
                b.seed = probe.base.seed;
                String problem = b.problem();
                if (problem != null) {
                    StringBuilder w = new StringBuilder("{");
                    for (int a = 0; a < col.length; a++) w.append(a > 0 ? ", " : "").append(names.get(col[a])).append(": ").append(PointProblem.show(at[col[a]]));
                    throw SpecException.of("slices[" + spec.slices().indexOf(sl) + "]", w.append('}').toString(), "this grid point is invalid: " + problem);
                }
                if (seen.putIfAbsent(b.build(), pts.size()) == null) {
                    pts.add(at);
                    mask.add(set);
                }
                for (int a = col.length - 1; a >= 0 && ++pick[a] == v[a].length; a--) pick[a] = 0;
            }
        }
        return new SpecGrid(spec.base(), targets, union, noDesign, new double[0][], spec.seeds(), pts.toArray(new double[0][]),
                mask.toArray(new boolean[0][]));
    }

    /** Whether this is a sliced grid ({@link #ofSlices}). */
    public boolean isSliced() { return sliced != null; }

    @Override public long size() { return size; }

    /** Points per seed replica (product of the axis sizes). */
    public long pointsPerSeed() { return perSeed; }

    /** Number of seed replicas K. */
    public int seeds() { return seeds; }

    /** The values of axis j ({@link #axisNames()} order: design columns first), in grid order. */
    public double[] axisValues(int j) {
        int dd = designBox.length;
        if (j >= dd) return values[j - dd].clone();
        double[] c = new double[design.length];
        for (int i = 0; i < c.length; i++) c[i] = design[i][j];
        return c;
    }

    @Override public List<String> axisNames() { return names; }

    @Override public GridPoint<PointParams> point(long index) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException("grid index " + index + " not in [0, " + size + ")");
        int k = (int) (index / perSeed);
        long rem = index % perSeed;
        if (sliced != null) return pointAt(index, sliced[(int) rem], k, sets[(int) rem]);
        int dd = designBox.length;
        double[] at = new double[dd + values.length];
        for (int j = values.length - 1; j >= 0; j--) {
            at[dd + j] = values[j][(int) (rem % values[j].length)];
            rem /= values[j].length;
        }
        System.arraycopy(design[(int) rem], 0, at, 0, dd);
        return pointAt(index, at, k);
    }

    /** The point at explicit axis values (not necessarily grid values) with seed replica {@code k}. */
    GridPoint<PointParams> pointAt(long index, double[] axisValues, int k) { return pointAt(index, axisValues, k, null); }

    /** As {@link #pointAt(long, double[], int)}, applying only the axes {@code set} marks (all when null). */
    private GridPoint<PointParams> pointAt(long index, double[] axisValues, int k, boolean[] set) {
        PointBuilder b = builder(axisValues, set);
        b.seed = base.seed + k;
        Map<String, Double> c = new LinkedHashMap<>();
        for (int j = 0; j < axisValues.length; j++) c.put(names.get(j), axisValues[j]);
        return new GridPoint<>(index, b.build(), c, k);
    }

    /** The point with the given coordinates (every axis named) and seed replica {@code k}; index -1. */
    public GridPoint<PointParams> pointAt(Map<String, Double> coordinates, int k) {
        double[] at = new double[names.size()];
        for (int j = 0; j < at.length; j++) {
            Double v = coordinates.get(names.get(j));
            if (v == null) throw new IllegalArgumentException("no value for axis " + names.get(j));
            at[j] = v;
        }
        return pointAt(-1, at, k);
    }

    private PointBuilder builder(double[] axisValues) { return builder(axisValues, null); }

    private PointBuilder builder(double[] axisValues, boolean[] set) {
        PointBuilder b = new PointBuilder(base);
        List<AxisTarget> ts = targets();
        for (int j = 0; j < axisValues.length; j++) if (set == null || set[j]) ts.get(j).setter.apply(b, axisValues[j]);
        return b;
    }

    /**
     * This grid followed by extra points at explicit axis values (adaptive refinement, design step 7): index
     * {@code size() + k * E + e} is extra point {@code e} (of E) with seed replica {@code k}. The base indices are
     * unchanged, so the runner's resume logic computes only the new points.
     *
     * @param extra axis values of each extra point, in {@link #axisNames()} order
     */
    public Grid<PointParams> withPoints(List<double[]> extra) {
        if (sliced != null) throw new IllegalStateException("refinement needs a Cartesian grid, not slices");
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

    /** A spec grid plus explicit extra points (see {@link #withPoints}). */
    static final class Extended implements Grid<PointParams> {
        private static final long serialVersionUID = 1L;
        private final SpecGrid grid;
        private final double[][] extra;

        Extended(SpecGrid grid, double[][] extra) {
            this.grid = grid;
            this.extra = extra;
        }

        @Override public long size() { return grid.size() + (long) extra.length * grid.seeds(); }

        @Override public List<String> axisNames() { return grid.axisNames(); }

        @Override public GridPoint<PointParams> point(long index) {
            if (index < grid.size()) return grid.point(index);
            long e = index - grid.size();
            if (e >= (long) extra.length * grid.seeds()) throw new IndexOutOfBoundsException("grid index " + index);
            return grid.pointAt(index, extra[(int) (e % extra.length)], (int) (e / extra.length));
        }
    }

    /**
     * Checks that every point of the grid is valid without enumerating it. Each value was checked against its
     * field's rule when the axis was parsed; the rules that couple fields ({@link PointParams#problems}: weights
     * summing to 1, p >= 1, n_c >= 1) are affine or monotone in every axis value (each field is set by one axis, and
     * monotonically), so they hold on the whole grid exactly when they hold at the 2^k corners of the axes' ranges.
     * A design's ranges are judged at the corners of their box [lo, hi] (so also where no design point happens to
     * fall: a valid design is valid for every N and seed). Seeds cannot make a point invalid.
     */
    void validateCorners() {
        if (sliced != null) return; // every point was checked when the sliced grid was built
        forEachCorner(at -> {
            String problem = builder(at).problem();
            if (problem != null) throw SpecException.of("axes", cornerText(at), "this grid point is invalid: " + problem);
        });
    }

    /**
     * The corner of the grid (each axis at its smallest or largest value) where {@code size} is largest, with
     * seed replica 0 and index -1. A size that grows monotonically with every axis value (array sizes grow with d,
     * psiP, psiN and do not depend on the other fields but for the rounding of n_c) is largest over the whole grid
     * at one of these 2^k corners, so the grid is judged without enumerating it. Call on a valid grid.
     */
    public GridPoint<PointParams> largestCorner(java.util.function.ToDoubleFunction<PointParams> size) {
        if (sliced != null) { // a sliced grid lists its points (at most MAX_POINTS): the largest is one of them
            int best = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < sliced.length; i++) {
                double v = size.applyAsDouble(builder(sliced[i], sets[i]).build());
                if (v > max) {
                    max = v;
                    best = i;
                }
            }
            return pointAt(-1, sliced[best], 0, sets[best]);
        }
        double[][] best = {null};
        double[] max = {Double.NEGATIVE_INFINITY};
        forEachCorner(at -> {
            double v = size.applyAsDouble(builder(at).build());
            if (v > max[0]) {
                max[0] = v;
                best[0] = at.clone();
            }
        });
        return pointAt(-1, best[0], 0);
    }

    private String cornerText(double[] at) {
        StringBuilder s = new StringBuilder("{");
        for (int j = 0; j < at.length; j++) s.append(j > 0 ? ", " : "").append(names.get(j)).append(": ").append(PointProblem.show(at[j]));
        return s.append('}').toString();
    }

    /** Calls {@code f} with every corner of the axes' ranges (2^k arrays at most, k <= {@value #MAX_AXES}). */
    private void forEachCorner(java.util.function.Consumer<double[]> f) {
        int dd = designBox.length;
        int k = dd + values.length;
        double[][] ends = new double[k][];
        for (int j = 0; j < dd; j++) ends[j] = designBox[j].clone(); // a design is judged on its whole box
        for (int j = dd; j < k; j++) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (double v : values[j - dd]) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            ends[j] = lo == hi ? new double[] {lo} : new double[] {lo, hi};
        }
        int[] pick = new int[k];
        while (true) {
            double[] at = new double[k];
            for (int j = 0; j < k; j++) at[j] = ends[j][pick[j]];
            f.accept(at);
            int j = k - 1;
            while (j >= 0 && ++pick[j] == ends[j].length) pick[j--] = 0;
            if (j < 0) return;
        }
    }
}
