package org.diffsweep.core.evaluator;

import java.util.Arrays;
import java.util.List;
import org.diffsweep.core.dynamics.Curves;
import org.diffsweep.core.theory.AsymptoticCurves;
import org.diffsweep.core.theory.ClassCurves;

/**
 * The learning curves a point keeps for the record: every {@link CurveKind} per class on at most {@link #MAX_TAU}
 * training times taken from the point's tau grid ({@link #sampleIndices}: the grid's first and last value and
 * evenly spaced indices between, hence log-spaced like the grid), stored as float32. They are exact float32
 * roundings of the evaluator's curves at those tau — not re-interpolated — so anything recomputed from them (a
 * threshold crossing, a collapse plot) is as good as the grid allows at 64 points.
 *
 * @param tau    the stored training times (paper units, ascending), shared by every curve of the point
 * @param values {@code [kind.ordinal()][class][k]}; a kind whose stage failed (e.g. the simulation in
 *               theory-only mode) is {@code null} for every class
 */
public record PointCurves(float[] tau, float[][][] values) {
    /** Most stored tau per point. */
    public static final int MAX_TAU = 64;

    public PointCurves {
        if (values.length != CurveKind.values().length) throw new IllegalArgumentException("one entry per CurveKind expected");
        for (float[][] kind : values) {
            if (kind == null) continue;
            for (float[] c : kind) {
                if (c != null && c.length != tau.length) throw new IllegalArgumentException("curve of " + c.length + " values for " + tau.length + " tau");
            }
        }
    }

    /**
     * Indices of the stored tau in a grid of {@code n} points: all of them when {@code n <= MAX_TAU}, else
     * {@code round(k (n-1)/(MAX_TAU-1))} for k = 0..MAX_TAU-1 (distinct because the step exceeds 1).
     */
    public static int[] sampleIndices(int n) {
        int m = Math.min(n, MAX_TAU);
        int[] idx = new int[m];
        for (int k = 0; k < m; k++) idx[k] = m == 1 ? 0 : (int) Math.round(k * (double) (n - 1) / (m - 1));
        return idx;
    }

    /**
     * Samples the simulated curves {@code sim} and the asymptotic ones {@code asym} (either may be null: its kinds
     * stay null) on {@link #sampleIndices} of {@code tau}, the grid both were computed on.
     */
    public static PointCurves sample(double[] tau, Curves sim, AsymptoticCurves asym, int classes) {
        int[] idx = sampleIndices(tau.length);
        float[] t = pick(tau, idx);
        float[][][] v = new float[CurveKind.values().length][][];
        if (sim != null) {
            v[CurveKind.TRAIN.ordinal()] = pickAll(sim.trainLoss(), idx);
            v[CurveKind.TEST.ordinal()] = pickAll(sim.testLoss(), idx);
            v[CurveKind.GEN.ordinal()] = pickAll(sim.genLoss(), idx);
            v[CurveKind.SCORE.ordinal()] = pickAll(sim.scoreError(), idx);
        }
        if (asym != null) {
            List<ClassCurves> cc = asym.classes();
            float[][] gen = new float[classes][], score = new float[classes][];
            for (int c = 0; c < classes; c++) {
                gen[c] = pick(cc.get(c).genLoss(), idx);
                score[c] = pick(cc.get(c).scoreError(), idx);
            }
            v[CurveKind.GEN_ASYM.ordinal()] = gen;
            v[CurveKind.SCORE_ASYM.ordinal()] = score;
        }
        return new PointCurves(t, v);
    }

    /** The curve of one kind and class, or null when not computed. */
    public float[] curve(CurveKind kind, int c) {
        float[][] k = values[kind.ordinal()];
        return k == null || c >= k.length ? null : k[c];
    }

    private static float[][] pickAll(double[][] x, int[] idx) {
        float[][] out = new float[x.length][];
        for (int c = 0; c < x.length; c++) out[c] = pick(x[c], idx);
        return out;
    }

    private static float[] pick(double[] x, int[] idx) {
        float[] out = new float[idx.length];
        for (int k = 0; k < idx.length; k++) out[k] = (float) x[idx[k]];
        return out;
    }

    @Override public boolean equals(Object o) {
        return o instanceof PointCurves p && Arrays.equals(tau, p.tau) && Arrays.deepEquals(values, p.values);
    }

    @Override public int hashCode() { return 31 * Arrays.hashCode(tau) + Arrays.deepHashCode(values); }

    @Override public String toString() { return "PointCurves[" + tau.length + " tau, " + CurveKind.values().length + " kinds]"; }
}
