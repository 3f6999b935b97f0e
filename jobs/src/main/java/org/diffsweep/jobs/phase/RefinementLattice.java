package org.diffsweep.jobs.phase;

import java.util.Objects;

/**
 * The dyadic lattice behind adaptive refinement (design step 7): the base grid of a slice, each base cell split
 * into 2^maxLevel × 2^maxLevel finest cells in internal (linear or log) coordinates. Lattice index {@code ix} lies
 * in base interval {@code ix >> maxLevel}; integer indices make "already evaluated?" exact.
 *
 * @param x        x axis (base grid)
 * @param y        y axis (base grid)
 * @param maxLevel number of halvings of a base cell allowed (0..30)
 */
public record RefinementLattice(SliceAxis x, SliceAxis y, int maxLevel) {
    public RefinementLattice {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (maxLevel < 0 || maxLevel > 30) throw new IllegalArgumentException("maxLevel must be in 0..30, got " + maxLevel);
    }

    /**
     * The lattice whose finest cells are at most {@code tolerance} wide in internal coordinates (natural-log units
     * on a log axis) along both axes.
     */
    public static RefinementLattice forTolerance(SliceAxis x, SliceAxis y, double tolerance) {
        if (!(tolerance > 0)) throw new IllegalArgumentException("tolerance must be > 0, got " + tolerance);
        double widest = Math.max(widest(x), widest(y));
        int level = (int) Math.max(0, Math.ceil(Math.log(widest / tolerance) / Math.log(2) - 1e-12));
        return new RefinementLattice(x, y, level);
    }

    private static double widest(SliceAxis a) {
        double w = 0;
        for (int i = 1; i < a.size(); i++) w = Math.max(w, a.internal(i) - a.internal(i - 1));
        return w;
    }

    /** Lattice units per base cell, 2^maxLevel. */
    public long unit() { return 1L << maxLevel; }

    /** Largest x lattice index. */
    public long maxIx() { return (x.size() - 1) * unit(); }

    /** Largest y lattice index. */
    public long maxIy() { return (y.size() - 1) * unit(); }

    /** Spacing of level {@code level} in lattice units. */
    public long step(int level) { return 1L << (maxLevel - level); }

    /** Internal x coordinate of lattice index {@code ix}. */
    public double u(long ix) { return internal(x, ix); }

    /** Internal y coordinate of lattice index {@code iy}. */
    public double v(long iy) { return internal(y, iy); }

    private double internal(SliceAxis a, long i) {
        long k = i >> maxLevel;
        long r = i & (unit() - 1);
        if (k >= a.size() - 1) return a.internal(a.size() - 1);
        double f = (double) r / unit();
        return a.internal((int) k) + f * (a.internal((int) k + 1) - a.internal((int) k));
    }

    /** Axis x value of lattice index {@code ix} (exactly the base value on base nodes). */
    public double xValue(long ix) {
        return (ix & (unit() - 1)) == 0 ? x.value((int) (ix >> maxLevel)) : x.scale().fromInternal(u(ix));
    }

    /** Axis y value of lattice index {@code iy}. */
    public double yValue(long iy) {
        return (iy & (unit() - 1)) == 0 ? y.value((int) (iy >> maxLevel)) : y.scale().fromInternal(v(iy));
    }

    /** Nearest lattice point to axis coordinates (x, y): maps ledger coordinates back to the lattice. */
    public LatticePoint locate(double xv, double yv) { return new LatticePoint(locate(x, xv), locate(y, yv)); }

    private long locate(SliceAxis a, double value) {
        double u = a.scale().toInternal(value);
        int k = 0;
        while (k < a.size() - 2 && u > a.internal(k + 1)) k++;
        double f = (u - a.internal(k)) / (a.internal(k + 1) - a.internal(k));
        long r = Math.round(f * unit());
        return Math.max(0, Math.min((a.size() - 1) * unit(), k * unit() + r));
    }

    /** Level of a lattice point: the coarsest level whose grid contains it. */
    public int levelOf(LatticePoint p) {
        long m = p.ix() | p.iy();
        if (m == 0) return 0;
        int tz = Long.numberOfTrailingZeros(m);
        return Math.max(0, maxLevel - tz);
    }
}
