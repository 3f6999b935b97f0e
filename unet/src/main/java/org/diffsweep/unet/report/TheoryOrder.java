package org.diffsweep.unet.report;

import java.util.List;
import org.diffsweep.core.evaluator.ClassField;
import org.diffsweep.core.evaluator.ClassResult;
import org.diffsweep.core.evaluator.PointResult;
import org.diffsweep.core.evaluator.StandardEvaluator;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.point.NoiseMode;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.point.TauGrid;
import org.diffsweep.unet.data.ClassStatistics;
import org.diffsweep.unet.data.FmnistDataset;

/**
 * The random-features theory's per-class times for the two-class isotropic mixture that stands in for a Fashion-MNIST
 * class pair, from core's {@link StandardEvaluator} in {@link StandardEvaluator.Mode#THEORY_ONLY} mode (asymptotic
 * learning curves; no sampling). The mapping:
 * <ul>
 * <li>d = 1024 (28 x 28 padded to 32 x 32);</li>
 * <li>class c = N(mu_c, sigma_c^2 I_d) with sigma_c^2 = the class's per-pixel variance (1/d) Tr Cov_c and
 *     |mu_c| = its centroid norm |mean_c - global mean| (both over the full training split, in [0, 1] pixel units,
 *     {@link ClassStatistics}), so radius r_c = |mu_c| / sqrt(d); class A at angle 0 and class B at the angle
 *     between the two centroid offsets; weights pi_A, 1 - pi_A;</li>
 * <li>psi_n = n / d (the training subset size);</li>
 * <li>psi_p = P / d^2: the random-features score has a d x p trained read-out, P = p d parameters, matched to the
 *     U-Net's P trainable parameters;</li>
 * <li>t = the OU time of the per-class losses ({@code lossTime}, 0.01).</li>
 * </ul>
 * Real classes are anisotropic, and psi_n is far below the theory's usual range, so only the order of the classes
 * (the sign of D = log(tau_A / tau_B)) is compared, not the times (theory times are in the paper's units).
 *
 * @param d        dimension
 * @param psiP     p / d
 * @param psiN     n / d
 * @param t        OU time
 * @param radiusA  r_A
 * @param radiusB  r_B
 * @param angleDeg angle between the centroid offsets, degrees
 * @param varA     sigma_A^2
 * @param varB     sigma_B^2
 * @param tauGenA  asymptotic tau_gen of class A (paper units; null when not reached)
 * @param tauGenB  of class B
 * @param tauMemA  asymptotic tau_mem of class A
 * @param tauMemB  of class B
 * @param status   the evaluator's status and diagnostic
 */
public record TheoryOrder(int d, double psiP, double psiN, double t, double radiusA, double radiusB, double angleDeg,
                          double varA, double varB, Double tauGenA, Double tauGenB, Double tauMemA, Double tauMemB,
                          String status) {

    /** log(tau_gen,A / tau_gen,B), or NaN. */
    public double dGen() { return logRatio(tauGenA, tauGenB); }

    /** log(tau_mem,A / tau_mem,B), or NaN. */
    public double dMem() { return logRatio(tauMemA, tauMemB); }

    private static double logRatio(Double a, Double b) {
        return a == null || b == null || !(a > 0) || !(b > 0) ? Double.NaN : Math.log(a / b);
    }

    /**
     * Evaluates the mapped mixture (see the class comment).
     *
     * @param stats          per-class statistics of the full training split
     * @param angleDeg       angle between the two centroid offsets ({@link #angleDeg(FmnistDataset, int, int)})
     * @param parameterCount the U-Net's trainable parameters P
     * @param t              OU time of the per-class losses
     */
    public static TheoryOrder evaluate(RunRecord.Config cfg, ClassStatistics[] stats, double angleDeg, long parameterCount,
                                       double t) {
        int d = FmnistDataset.D;
        ClassStatistics a = stats[cfg.classA()], b = stats[cfg.classB()];
        double psiN = (double) cfg.n() / d;
        double psiP = (double) parameterCount / ((double) d * d);
        double rA = a.centroidNorm() / Math.sqrt(d), rB = b.centroidNorm() / Math.sqrt(d);
        List<ClassSpec> classes = List.of(
                new ClassSpec(FmnistDataset.NAMES[cfg.classA()], cfg.piA(), rA, 0, a.variance()),
                new ClassSpec(FmnistDataset.NAMES[cfg.classB()], 1 - cfg.piA(), rB, angleDeg, b.variance()));
        PointParams p = new PointParams(d, psiP, psiN, t, 0, classes, PointParams.DEFAULT_DELTA_GEN,
                PointParams.DEFAULT_KAPPA, TauGrid.DEFAULT, NoiseMode.EXACT);
        PointResult r = new StandardEvaluator(StandardEvaluator.Mode.THEORY_ONLY).evaluate(p, "fmnist-theory:" + cfg.label());
        ClassResult ca = r.classes().get(0), cb = r.classes().get(1);
        return new TheoryOrder(d, psiP, psiN, t, rA, rB, angleDeg, a.variance(), b.variance(),
                ca.number(ClassField.TAU_GEN_ASYM), cb.number(ClassField.TAU_GEN_ASYM),
                ca.number(ClassField.TAU_MEM_ASYM), cb.number(ClassField.TAU_MEM_ASYM),
                r.status() + (r.diagnostic() == null || r.diagnostic().isEmpty() ? "" : ": " + r.diagnostic()));
    }

    /** Angle in degrees between mean_a - g and mean_b - g, g the mean of the whole training split. */
    public static double angleDeg(FmnistDataset data, int a, int b) {
        int d = FmnistDataset.D, n = data.size(true);
        double[] g = new double[d], ma = new double[d], mb = new double[d];
        int na = 0, nb = 0;
        int chunk = 2000;
        for (int s = 0; s < n; s += chunk) {
            int e = Math.min(n, s + chunk);
            int[] idx = new int[e - s];
            for (int j = 0; j < idx.length; j++) idx[j] = s + j;
            float[] x = data.padded(true, idx);
            for (int j = 0; j < idx.length; j++) {
                int lab = data.label(true, idx[j]);
                for (int i = 0; i < d; i++) {
                    double v = x[j * d + i];
                    g[i] += v;
                    if (lab == a) ma[i] += v;
                    else if (lab == b) mb[i] += v;
                }
                if (lab == a) na++;
                else if (lab == b) nb++;
            }
        }
        double dot = 0, qa = 0, qb = 0;
        for (int i = 0; i < d; i++) {
            double u = ma[i] / na - g[i] / n, v = mb[i] / nb - g[i] / n;
            dot += u * v;
            qa += u * u;
            qb += v * v;
        }
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot / Math.sqrt(qa * qb)))));
    }
}
