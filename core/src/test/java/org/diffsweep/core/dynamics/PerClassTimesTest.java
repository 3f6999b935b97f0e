package org.diffsweep.core.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.diffsweep.core.features.Activation;
import org.diffsweep.core.linalg.LinAlg;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.point.NoiseMode;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.point.TauGrid;
import org.diffsweep.core.random.RandomStreams;
import org.junit.jupiter.api.Test;

class PerClassTimesTest {
    private static final LinAlg LA = LinAlg.best();

    private static PointParams twoClass(int d, double psiP, double psiN, double t) {
        return new PointParams(d, psiP, psiN, t, 1, List.of(
                new ClassSpec("A", 0.5, 1, 0, 2.0), new ClassSpec("B", 0.5, 1, 180, 0.5)),
                PointParams.DEFAULT_DELTA_GEN, PointParams.DEFAULT_KAPPA, new TauGrid(1e-2, 1e7, 120), NoiseMode.EXACT);
    }

    /**
     * Theory §5.1/§5.4 (SEED abstract): class variance is the primary determinant of learning order, favouring
     * higher-variance classes in both stages. Balanced classes with variances 2 and 0.5 (same radius, opposite
     * centroids): class A must have the smaller tau_gen and tau_mem. In prototypes the ratio is ~3, far from 1.
     */
    @Test
    void higherVarianceClassGeneralisesAndMemorisesFirst() {
        DynamicsResult r = RfDynamics.run(twoClass(20, 8, 4, 0.01), RandomStreams.forKey("variance-order"));
        MeasuredClassTimes a = r.classes().get(0), b = r.classes().get(1);
        assertEquals("A", a.name());
        assertNotNull(a.tauGen());
        assertNotNull(b.tauGen());
        assertNotNull(a.tauMem());
        assertNotNull(b.tauMem());
        assertTrue(a.tauGen() < b.tauGen(), "tau_gen A " + a.tauGen() + " vs B " + b.tauGen());
        assertTrue(a.tauMem() < b.tauMem(), "tau_mem A " + a.tauMem() + " vs B " + b.tauMem());
        assertEquals(a.tauMem() - a.tauGen(), a.window(), 1e-9 * a.tauMem());
        // E_score,c(0) = E|s|^2/d ~ 1/Gamma_c (single-class score dominates at |mu_A - mu_B|^2 = 4d): 5% (sampling).
        double gA = 2 * Math.exp(-0.02) - Math.expm1(-0.02), gB = 0.5 * Math.exp(-0.02) - Math.expm1(-0.02);
        assertEquals(1 / gA, a.scoreAtZero(), 0.05 / gA);
        assertEquals(1 / gB, b.scoreAtZero(), 0.05 / gB);
    }

    /** §12.10: the same point gives bit-identical curves and times across runs and concurrent threads. */
    @Test
    void samePointIsBitIdenticalAcrossRunsAndThreads() throws Exception {
        PointParams pp = twoClass(10, 6, 3, 0.05);
        DynamicsResult first = RfDynamics.run(pp, RandomStreams.forKey("same-point"));
        DynamicsResult second = RfDynamics.run(pp, RandomStreams.forKey("same-point"));
        assertSame(first, second);
        ExecutorService ex = Executors.newFixedThreadPool(2);
        try {
            Future<DynamicsResult> f1 = ex.submit(() -> RfDynamics.run(pp, RandomStreams.forKey("same-point")));
            Future<DynamicsResult> f2 = ex.submit(() -> RfDynamics.run(pp, RandomStreams.forKey("same-point")));
            assertSame(first, f1.get());
            assertSame(first, f2.get());
        } finally {
            ex.shutdown();
        }
        DynamicsResult other = RfDynamics.run(pp, RandomStreams.forKey("other-point"));
        assertFalse(java.util.Arrays.equals(first.curves().testLoss()[0], other.curves().testLoss()[0]),
                "a different point id must give different draws");
    }

    private static void assertSame(DynamicsResult x, DynamicsResult y) {
        assertEquals(x.classes(), y.classes());
        Curves a = x.curves(), b = y.curves();
        assertArrayEquals(a.tau(), b.tau());
        for (int c = 0; c < a.classNames().size(); c++) {
            assertArrayEquals(a.trainLoss()[c], b.trainLoss()[c]);
            assertArrayEquals(a.testLoss()[c], b.testLoss()[c]);
            assertArrayEquals(a.scoreError()[c], b.scoreError()[c]);
        }
    }

    /**
     * The largest class's N_c is obtained from sum_c (n_c/n) N_c = diag(lambda); its Rayleigh quotients must equal
     * the direct v_k^T U_c v_k (rounding: |U| eps p ~ 1e-13) and the weights w_c(k) must lie in [0, 1].
     */
    @Test
    void classRayleighQuotientsFromTheDynamicsMatchTheDirectOnes() {
        RfSystem viaDynamics = Fixtures.system(8, 40, new int[] {9, 5}, 20, 0.05, Activation.TANH, LA);
        RfDynamics.curves(viaDynamics, new double[] {1, 10}, LA);
        RfSystem direct = Fixtures.system(8, 40, new int[] {9, 5}, 20, 0.05, Activation.TANH, LA);
        double[] lam = direct.eigenvalues();
        for (int c = 0; c < 2; c++) {
            double[] r1 = viaDynamics.classRayleigh(c), r2 = direct.classRayleigh(c);
            for (int k = 0; k < lam.length; k++) {
                assertEquals(r2[k], r1[k], 1e-12, "class " + c + " mode " + k);
                double wck = direct.classFraction(c) * r2[k] / lam[k];
                assertTrue(wck > -1e-9 && wck < 1 + 1e-9, "w_c(k) = " + wck);
            }
        }
    }

    /** Log-tau interpolation: for f = log10(tau) the crossing of level 1.5 is at tau = 10^1.5 exactly. */
    @Test
    void crossingsAreInterpolatedInLogTauAndCounted() {
        double[] tau = new TauGrid(1, 1e3, 7).values();
        double[] f = new double[tau.length];
        for (int k = 0; k < f.length; k++) f[k] = Math.log10(tau[k]);
        assertEquals(Math.pow(10, 1.5), MeasuredTimes.firstUpCrossing(tau, f, 1.5), 1e-9);
        assertNull(MeasuredTimes.firstUpCrossing(tau, f, 5));
        assertNull(MeasuredTimes.firstUpCrossing(tau, f, -1), "already above at the first grid point: not resolved");
        double[] wiggle = {0, 2, 0, 2, 2, 2, 2};
        assertEquals(3, MeasuredTimes.crossings(wiggle, 1));
        // A score curve that halves its drop once and rises after its minimum is not ambiguous for tau_gen;
        // a gen curve crossing twice is.
        double[] score = {1.0, 0.9, 0.5, 0.2, 0.1, 0.6, 2.0};
        double[] gen = {0, 0, 0.02, 0.0, 0.02, 0.03, 0.05};
        MeasuredClassTimes ct = MeasuredTimes.of("c", tau, score, 1.0, gen, 0.01);
        assertEquals(1, ct.genCrossings());
        assertEquals(3, ct.memCrossings());
        assertTrue(ct.ambiguous());
        // half-drop level 0.55 is crossed between tau[1] (0.9) and tau[2] (0.5), at fraction 0.35/0.4 in log tau.
        assertEquals(Math.exp(Math.log(tau[1]) + 0.875 * (Math.log(tau[2]) - Math.log(tau[1]))), ct.tauGen(), 1e-9);
    }
}
