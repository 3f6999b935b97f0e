package org.diffsweep.bench;

import org.diffsweep.core.linalg.EigenWorkspace;
import org.diffsweep.core.linalg.LinAlg;
import org.diffsweep.core.random.SeededStream;

/**
 * Machine calibration measured in the same run as the pipeline: dgemm, dsyrk and dsyevd rates. Flop counts:
 * dgemm 2 m n k, dsyrk n^2 k (the triangle, as BLAS counts it), dsyevd a nominal 9 n^3 (platform.md §5 convention;
 * only good for comparing rows of the same routine).
 */
public final class Calibration {
    private Calibration() { }

    static double[] gaussian(int len, long seed) {
        double[] a = new double[len];
        new SeededStream(seed).fillGaussian(a);
        return a;
    }

    /** Seconds of one n x n x n dgemm, {@link Stats} over repeats after one warm-up. */
    public static Stats dgemm(LinAlg la, int n, int repeats) {
        double[] a = gaussian(n * n, 1), b = gaussian(n * n, 2), c = new double[n * n];
        return Stats.time(repeats, () -> la.gemm(false, false, n, n, n, 1.0, a, b, 0.0, c));
    }

    /** Seconds of one dsyrk C = A A^T with A n x k (lower triangle only). */
    public static Stats dsyrk(LinAlg la, int n, int k, int repeats) {
        double[] a = gaussian(n * k, 3), c = new double[n * n];
        return Stats.time(repeats, () -> la.syrkLower(false, n, k, 1.0, a, 0, n, 0.0, c, 0, n));
    }

    /** Seconds of one dsyevd with eigenvectors of a Wishart-like n x n matrix, workspace reused. */
    public static Stats dsyevd(LinAlg la, int n, int repeats) {
        double[] g = gaussian(n * n, 4), s = new double[n * n], a = new double[n * n], w = new double[n];
        la.syrk(false, n, n, 1.0 / n, g, 0.0, s);
        EigenWorkspace ws = new EigenWorkspace();
        return Stats.time(repeats, () -> {
            System.arraycopy(s, 0, a, 0, s.length);
            la.symmetricEigen(n, a, w, ws);
        });
    }

    /** The exp-based tanh of the reference pipeline, exposed for the JMH kernel benchmark. */
    public static double tanhFastForBench(double v) { return ReferencePoint.tanhFast(v); }

    /** Nanoseconds per tanh evaluation: Math.tanh, the Math.exp-based form, core Activation.TANH (StrictMath.exp). */
    public static double[] tanhNanos(int evals) {
        double[] v = gaussian(4096, 5);
        double sink = 0;
        double[] res = new double[3];
        java.util.function.DoubleUnaryOperator core = org.diffsweep.core.features.Activation.TANH::value;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = Clock.nanos();
            for (int r = 0; r < evals / v.length; r++) for (double x : v) sink += Math.tanh(x + r * 1e-9);
            long t1 = Clock.nanos();
            for (int r = 0; r < evals / v.length; r++) for (double x : v) sink += ReferencePoint.tanhFast(x + r * 1e-9);
            long t2 = Clock.nanos();
            for (int r = 0; r < evals / v.length; r++) for (double x : v) sink += core.applyAsDouble(x + r * 1e-9);
            long t3 = Clock.nanos();
            res[0] = (t1 - t0) / (double) evals;
            res[1] = (t2 - t1) / (double) evals;
            res[2] = (t3 - t2) / (double) evals;
        }
        if (sink == 42) System.out.print("");
        return res;
    }
}
