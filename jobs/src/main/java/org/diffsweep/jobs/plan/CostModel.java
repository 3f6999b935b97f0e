package org.diffsweep.jobs.plan;

import java.io.Serializable;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.LUDecomposition;

/**
 * Wall time of evaluating one point, in seconds on one core with one BLAS thread:
 * {@code seconds = perP2N p^2 n + perP3 p^3 + perPoint} (building the p x p Gram matrix U from p x n feature maps,
 * one symmetric eigendecomposition of U, and a fixed per-point part: quadrature, speciation, the tau curves; design
 * "Performance model"). It balances the LPT bins and turns completed cost into an ETA.
 *
 * <p>{@link #DEFAULT} was calibrated by {@code CostCalibrationBench} on the 2-vCPU build machine (native OpenBLAS,
 * {@code OPENBLAS_NUM_THREADS=1}). On resume, the sweep runner refits the model to the {@code wallSeconds}
 * recorded in the ledger ({@link #fit}): a full non-negative least-squares fit when the ledger holds at least three
 * distinct (p, n) sizes, otherwise only a common scale factor on {@link #DEFAULT} (one size cannot separate the terms).
 */
public record CostModel(double perP2N, double perP3, double perPoint) implements Serializable {
    /**
     * Calibrated on the build machine (see the class comment; 6 sizes, p 64-320, n 32-256, 2.5-5.7 s per point,
     * worst fit ratio 1.25): the fixed per-point work (about 3 s) dominates at these sizes, the p^3 term grows past
     * it near p = 350, and the fit gives the p^2 n term no weight in this range.
     */
    public static final CostModel DEFAULT = new CostModel(0.0, 7.0e-8, 3.0);

    public CostModel {
        if (!(perP2N >= 0 && perP3 >= 0 && perPoint >= 0) || perP2N + perP3 + perPoint <= 0) {
            throw new IllegalArgumentException("cost coefficients must be >= 0 and not all 0: " + perP2N + ", " + perP3 + ", " + perPoint);
        }
    }

    /** Predicted seconds for a point with p features and n training points (> 0). */
    public double seconds(double p, double n) { return Math.max(1e-6, perP2N * p * p * n + perP3 * p * p * p + perPoint); }

    /** The two sizes the model's terms use: p (features, or the model's main size) and n (training points). */
    public record Size(double p, double n) implements Serializable {}

    /** Predicted seconds for a point of this size. */
    public double seconds(Size s) { return seconds(s.p(), s.n()); }

    /**
     * Sufficient statistics of recorded timings for {@link #fit}: with features {@code x = (p^2 n, p^3, 1)} and the
     * measured seconds {@code y}, the sums {@code xx[i*3+j] = sum x_i x_j}, {@code xy[i] = sum x_i y}, the number of
     * samples and of distinct (p, n) sizes. O(1) memory, whatever the number of points (computed by Spark on the
     * executors for a ledger).
     */
    public record Sums(double[] xx, double[] xy, long count, long sizes) {
        /** From arrays (benchmarks, tests). */
        public static Sums of(double[] p, double[] n, double[] y) {
            double[] xx = new double[9], xy = new double[3];
            java.util.Set<String> sz = new java.util.HashSet<>();
            for (int k = 0; k < p.length; k++) {
                double[] x = {p[k] * p[k] * n[k], p[k] * p[k] * p[k], 1};
                for (int i = 0; i < 3; i++) {
                    xy[i] += x[i] * y[k];
                    for (int j = 0; j < 3; j++) xx[i * 3 + j] += x[i] * x[j];
                }
                sz.add(p[k] + "/" + n[k]);
            }
            return new Sums(xx, xy, p.length, sz.size());
        }
    }

    /**
     * The model that best fits the recorded timings in least squares, all coefficients non-negative; {@code prior}
     * when there are fewer than 3 samples or the fit is degenerate. With fewer than 3 distinct sizes only
     * {@code prior} is rescaled: {@code k = sum(y f) / sum(f^2)} with {@code f} the prior's prediction.
     */
    public static CostModel fit(Sums s, CostModel prior) {
        if (s.count() < 3) return prior;
        double[] c = {prior.perP2N, prior.perP3, prior.perPoint};
        if (s.sizes() < 3) {
            double fy = 0, ff = 0;
            for (int i = 0; i < 3; i++) {
                fy += c[i] * s.xy()[i];
                for (int j = 0; j < 3; j++) ff += c[i] * c[j] * s.xx()[i * 3 + j];
            }
            double k = fy / ff;
            return k > 0 && Double.isFinite(k) ? new CostModel(c[0] * k, c[1] * k, c[2] * k) : prior;
        }
        // Non-negative least squares by enumerating the active sets of the 3 features (scaled for conditioning).
        double[] scale = new double[3];
        for (int i = 0; i < 3; i++) scale[i] = Math.sqrt(s.xx()[i * 3 + i]) > 0 ? Math.sqrt(s.xx()[i * 3 + i]) : 1;
        double best = Double.POSITIVE_INFINITY;
        double[] bestCoef = null;
        for (int mask = 1; mask < 8; mask++) {
            double[] coef = solve(s, scale, mask);
            if (coef == null) continue;
            boolean ok = true;
            for (double v : coef) ok &= v >= 0 && Double.isFinite(v);
            if (!ok) continue;
            // residual sum of squares minus sum y^2 (constant): c'XXc - 2 c'Xy
            double rss = 0;
            for (int i = 0; i < 3; i++) {
                rss -= 2 * coef[i] * s.xy()[i];
                for (int j = 0; j < 3; j++) rss += coef[i] * coef[j] * s.xx()[i * 3 + j];
            }
            if (rss < best) {
                best = rss;
                bestCoef = coef;
            }
        }
        if (bestCoef == null || bestCoef[0] + bestCoef[1] + bestCoef[2] <= 0) return prior;
        return new CostModel(bestCoef[0], bestCoef[1], bestCoef[2]);
    }

    /** Unconstrained least squares on the features in {@code mask} (others 0), or null when singular. */
    private static double[] solve(Sums s, double[] scale, int mask) {
        int[] idx = new int[3];
        int m = 0;
        for (int i = 0; i < 3; i++) if ((mask & (1 << i)) != 0) idx[m++] = i;
        double[][] a = new double[m][m];
        double[] b = new double[m];
        for (int r = 0; r < m; r++) {
            for (int q = 0; q < m; q++) a[r][q] = s.xx()[idx[r] * 3 + idx[q]] / (scale[idx[r]] * scale[idx[q]]);
            b[r] = s.xy()[idx[r]] / scale[idx[r]];
        }
        DecompositionSolver solver = new LUDecomposition(new Array2DRowRealMatrix(a, false), 1e-12).getSolver();
        if (!solver.isNonSingular()) return null;
        double[] z = solver.solve(new ArrayRealVector(b, false)).toArray();
        double[] coef = new double[3];
        for (int r = 0; r < m; r++) coef[idx[r]] = z[r] / scale[idx[r]];
        return coef;
    }
}
