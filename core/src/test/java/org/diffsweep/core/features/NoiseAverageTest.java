package org.diffsweep.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.diffsweep.core.linalg.LinAlg;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.mixture.GaussianMixture;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.random.RandomStreams;
import org.diffsweep.core.random.SeededStream;
import org.junit.jupiter.api.Test;

class NoiseAverageTest {
    private static final LinAlg LA = LinAlg.best();

    /**
     * Exact (Stein + Mehler + exact diagonal) average vs a brute-force Monte-Carlo average with m = 200,000 noise
     * draws per point on a small case. The per-sample integrands are phi_i phi_j (|.| <= 1) and phi_i xi_k
     * (variance <= E xi^2 = 1), so the Monte-Carlo standard error of every entry is at most 1/sqrt(N m) = 1e-3;
     * tolerance 5e-3 (5 standard errors). The Mehler truncation error at t = 0.5, d = 8 is ~R^3 F_3^2 / 6 < 1e-3.
     */
    @Test
    void exactAverageAgreesWithManyMonteCarloDraws() {
        int d = 8, p = 12, count = 5, m = 200_000;
        double t = 0.5;
        RandomFeatures rf = RandomFeatures.draw(p, d, new SeededStream(1));
        double[] x = new double[d * count];
        new SeededStream(2).fillGaussian(x);
        for (int i = 0; i < x.length; i++) x[i] *= 1.5;
        FeatureMoments ex = NoiseAverage.exact(rf, Activation.TANH, x, count, t, LA);
        FeatureMoments mc = NoiseAverage.monteCarlo(rf, Activation.TANH, x, count, t, m, new SeededStream(3), LA);
        double tol = 5e-3;
        double maxOff = 0;
        for (int q = 0; q < p * p; q++) {
            assertEquals(mc.u()[q], ex.u()[q], tol, "U entry " + q);
            maxOff = Math.max(maxOff, Math.abs(ex.u()[q]));
        }
        for (int q = 0; q < p * d; q++) assertEquals(mc.v()[q], ex.v()[q], tol, "V entry " + q);
        assertTrue(maxOff > 20 * tol, "U entries must be large compared with the tolerance for the test to bite");
    }

    /**
     * Linear activation: U = W (e^{-2t} X X^T / N + Delta_t I) W^T / d and V = sqrt(Delta_t) W / sqrt(d) exactly
     * (Gauss–Hermite is exact for these polynomials and the Mehler series stops at order 1). Tolerance: rounding.
     */
    /**
     * The tanh fast path ((1 - P)/(1 + P) with a product of exponentials, Stein term as 1 - E[sigma^2]) equals the
     * generic per-node evaluation; 1e-13 allows the ~4e-16 per-node difference summed over a 48-node rule and n points.
     * Pre-activations up to ~|40| exercise the saturated branches.
     */
    @Test
    void fastTanhPathEqualsTheGenericEvaluation() {
        int p = 30, d = 6, count = 20;
        RandomFeatures rf = RandomFeatures.draw(p, d, new SeededStream(5));
        double[] x = new double[d * count];
        new SeededStream(6).fillGaussian(x);
        for (int q = 0; q < x.length; q += 7) x[q] *= 40;
        for (double t : new double[] {0.01, 0.5}) {
            FeatureMoments fast = NoiseAverage.exact(rf, Activation.TANH, x, count, t, LA, 48, true);
            FeatureMoments slow = NoiseAverage.exact(rf, Activation.TANH, x, count, t, LA, 48, false);
            for (int q = 0; q < fast.u().length; q++) assertEquals(slow.u()[q], fast.u()[q], 1e-13);
            for (int q = 0; q < fast.v().length; q++) assertEquals(slow.v()[q], fast.v()[q], 1e-13);
        }
    }

    @Test
    void linearActivationGivesTheClosedFormMoments() {
        int d = 7, p = 15, count = 9;
        double t = 0.2, delta = -Math.expm1(-2 * t), e2 = Math.exp(-2 * t);
        RandomFeatures rf = RandomFeatures.draw(p, d, new SeededStream(11));
        double[] x = new double[d * count];
        new SeededStream(12).fillGaussian(x);
        FeatureMoments ex = NoiseAverage.exact(rf, Activation.LINEAR, x, count, t, LA);
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b < d; b++) {
                        double cov = 0;
                        for (int nu = 0; nu < count; nu++) cov += x[nu * d + a] * x[nu * d + b];
                        cov = e2 * cov / count + (a == b ? delta : 0);
                        s += rf.weight(i, a) * cov * rf.weight(j, b);
                    }
                }
                assertEquals(s / d, ex.u()[j * p + i], 1e-12 * (1 + Math.abs(s / d)));
            }
            for (int k = 0; k < d; k++) {
                assertEquals(Math.sqrt(delta / d) * rf.weight(i, k), ex.v()[k * p + i], 1e-14);
            }
        }
    }

    /**
     * A point with {@code noise: monteCarlo:m} draws its training noise from stream "noise" and agrees with the exact
     * point (same W and data streams) within 5 standard errors: |phi_i phi_j| <= 1 and Var(phi_i xi_k) <= 1, so the
     * error of every entry is at most 1/sqrt(n m) = 1/sqrt(12 * 20000) ~ 2e-3; tolerance 1e-2.
     */
    @Test
    void monteCarloPointAgreesWithTheExactPoint() {
        List<ClassSpec> one = List.of(new ClassSpec("X", 1.0, 0.5, 0, 1.0));
        PointParams exact = PointParams.of(6, 3, 2, 0.3, 1, one);
        PointParams mc = new PointParams(6, 3, 2, 0.3, 1, one, PointParams.DEFAULT_DELTA_GEN,
                PointParams.DEFAULT_KAPPA, null, org.diffsweep.core.point.NoiseMode.monteCarlo(20_000));
        FeatureSettings fs = FeatureSettings.DEFAULT.withPopulationSize(8);
        NoiseAveragedMatrices a = NoiseAveragedMatrices.compute(exact, RandomStreams.forKey("mc"), fs, LA);
        NoiseAveragedMatrices b = NoiseAveragedMatrices.compute(mc, RandomStreams.forKey("mc"), fs, LA);
        for (int q = 0; q < a.trainU(0).length; q++) assertEquals(a.trainU(0)[q], b.trainU(0)[q], 1e-2);
        for (int q = 0; q < a.trainV(0).length; q++) assertEquals(a.trainV(0)[q], b.trainV(0)[q], 1e-2);
        // Population moments are always exact, hence identical.
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.popU(0), b.popU(0));
    }

    /** Class sizes, population size, and pooling: U from the whole training set equals sum_c (n_c/n) U_c. */
    @Test
    void pointMatricesArePooledByClassFractions() {
        PointParams pp = PointParams.of(10, 3, 2, 0.05, 1, List.of(
                new ClassSpec("A", 0.7, 1.0, 0, 2.0), new ClassSpec("B", 0.3, 0.5, 90, 0.5)));
        NoiseAveragedMatrices m = NoiseAveragedMatrices.compute(pp, RandomStreams.forKey("pool"),
                FeatureSettings.DEFAULT.withPopulationSize(17), LA);
        assertEquals(14, m.classSize(0));
        assertEquals(6, m.classSize(1));
        assertEquals(17, m.populationSize());
        // Pooled U from the whole training set at once equals sum_c (n_c/n) U_c.
        int d = 10, n = 20;
        double[] all = new double[d * n];
        System.arraycopy(m.trainData(0), 0, all, 0, d * 14);
        System.arraycopy(m.trainData(1), 0, all, d * 14, d * 6);
        FeatureMoments whole = NoiseAverage.exact(m.features(), Activation.TANH, all, n, 0.05, LA);
        double[] u = m.pooledTrainU(), v = m.pooledTrainV();
        for (int q = 0; q < u.length; q++) assertEquals(whole.u()[q], u[q], 1e-13);
        for (int q = 0; q < v.length; q++) assertEquals(whole.v()[q], v[q], 1e-13);
        // Training samples follow the class law: the class-A mean along e1 is near r sqrt(d) = sqrt(10).
        GaussianMixture mix = m.mixture();
        double mean = 0;
        for (int nu = 0; nu < 14; nu++) mean += m.trainData(0)[nu * d];
        assertEquals(mix.centroid(0)[0], mean / 14, 5 * Math.sqrt(2.0 / 14)); // 5 standard errors
    }
}
