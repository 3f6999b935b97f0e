package org.diffsweep.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.diffsweep.core.dynamics.MeasuredClassTimes;
import org.diffsweep.core.dynamics.DynamicsResult;
import org.diffsweep.core.dynamics.RfDynamics;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.random.RandomStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The asymptotic per-class times against the simulated random-features model (real tanh features, exact noise
 * average, closed-form flow: {@link RfDynamics}) of the same point: two classes on opposite sides (r = 1, angle 180),
 * sigma^2 2 (A) / 0.5 (B), t = 0.01, psi_n = 4.
 */
class AsymptoticCurvesTest {

    private static PointParams point(int d, double psiP, double piA, double varA, double varB, long seed) {
        return PointParams.of(d, psiP, 4, 0.01, seed, List.of(
                new ClassSpec("A", piA, 1.0, 0, varA), new ClassSpec("B", 1 - piA, 1.0, 180, varB)));
    }

    /**
     * d = 40, psi_p = 16 (p = 640), one seed. Tolerances from the scatter of the measured times over three seeds at
     * this size (standard deviation 2 % for tau_gen, 5 % for tau_mem; theory-minus-mean within 2 % and 5 %): 6 % and
     * 15 % are three standard deviations. The edge relaxation times of the spectrum are 10–80 times larger than the
     * measured ones (the motivation), so the check discriminates. E_score,c(0) = 1/Gamma_c^2 against the
     * sampled E|s|^2/d of the population (relative sampling error sqrt(2/(d N)) = 1.4 % with N = 256; bound 5 %).
     */
    @Test
    void predictsTheMeasuredTimesOfASmallPoint() {
        PointParams p = point(40, 16, 0.5, 2.0, 0.5, 1);
        AsymptoticPoint th = AsymptoticPoint.of(p);
        DynamicsResult sim = RfDynamics.run(p, RandomStreams.forKey("asymptotic-curves-small"));
        for (int c = 0; c < 2; c++) {
            ClassCurves a = th.curves().classes().get(c);
            MeasuredClassTimes m = sim.classes().get(c);
            assertNotNull(a.tauGenAsym());
            assertNotNull(a.tauMemAsym());
            assertEquals(m.tauGen(), a.tauGenAsym(), 0.06 * m.tauGen(), "tau_gen of class " + a.name());
            assertEquals(m.tauMem(), a.tauMemAsym(), 0.15 * m.tauMem(), "tau_mem of class " + a.name());
            assertEquals(m.scoreAtZero(), a.times().scoreAtZero(), 0.05 * m.scoreAtZero(), "E_score(0) of " + a.name());
            assertTrue(th.spectrum().classes().get(c).tauMemEdge() > 5 * a.tauMemAsym(), "edge time is far larger");
        }
        // the higher-variance class is learned and memorised first, in theory and simulation
        assertTrue(th.curves().classes().get(0).tauGenAsym() < th.curves().classes().get(1).tauGenAsym());
        assertTrue(th.curves().classes().get(0).tauMemAsym() < th.curves().classes().get(1).tauMemAsym());
    }

    /** Curves are well-formed: L_gen = L_test - L_train, E_score affine in L_test, all finite, L(0) ~ 1. */
    @Test
    void curvesAreConsistent() {
        PointParams p = point(100, 32, 0.3, 1.3, 1.0, 1);
        AsymptoticCurves c = AsymptoticCurves.of(p);
        assertEquals(p.tauGrid().points(), c.tau().length);
        for (ClassCurves k : c.classes()) {
            for (int i = 0; i < c.tau().length; i++) {
                assertTrue(Double.isFinite(k.trainLoss()[i]) && Double.isFinite(k.testLoss()[i]));
                assertEquals(k.testLoss()[i] - k.trainLoss()[i], k.genLoss()[i], 1e-9);
            }
            // at tau = 0.01 the model has barely moved: L = 1 - O(tau)
            assertEquals(1.0, k.trainLoss()[0], 1e-2);
            assertTrue(k.trainLoss()[c.tau().length - 1] < k.trainLoss()[0], "training lowers the train loss");
            assertTrue(k.genLoss()[c.tau().length - 1] > 0.01, "memorisation: L_gen grows past deltaGen");
        }
        assertTrue(c.diagnostics().pooledTrainResidual() < 1e-6);
    }

    /**
     * The target: at d = 200 (p = 6,400) and d = 100, the theory's tau_gen,c and tau_mem,c within 15 % of the
     * measured mean of three seeds (pi_A = 0.5, sigma^2 2 / 0.5, psi_p = 32). Measured on the prototype: errors
     * 0.1–1 % (tau_gen) and 1–6 % (tau_mem). About 3 minutes per seed at d = 200 with native BLAS.
     */
    @Tag("slow")
    @ParameterizedTest
    @ValueSource(ints = {100, 200})
    void meetsTheTargetAtLargeSize(int d) {
        PointParams p0 = point(d, 32, 0.5, 2.0, 0.5, 1);
        AsymptoticCurves th = AsymptoticCurves.of(p0);
        int seeds = 3;
        double[][] sum = new double[2][2];
        for (int s = 0; s < seeds; s++) {
            DynamicsResult sim = RfDynamics.run(p0, RandomStreams.forKey("asymptotic-curves-large-" + d + "-" + s));
            for (int c = 0; c < 2; c++) {
                sum[c][0] += sim.classes().get(c).tauGen() / seeds;
                sum[c][1] += sim.classes().get(c).tauMem() / seeds;
            }
        }
        for (int c = 0; c < 2; c++) {
            ClassCurves a = th.classes().get(c);
            assertEquals(sum[c][0], a.tauGenAsym(), 0.15 * sum[c][0], "tau_gen " + a.name() + " d=" + d);
            assertEquals(sum[c][1], a.tauMemAsym(), 0.15 * sum[c][1], "tau_mem " + a.name() + " d=" + d);
        }
    }

    /**
     * The single-class setting of [B] (d = 100, psi_p 64, psi_n 4 to 32, t = 0.1, one seed each, p = 6,400): tau_gen
     * within 5 % (measured on the prototype: under 1 %), tau_mem within 15 % (measured 1–8 %; single seeds scatter by
     * 5–8 % at this size, and at psi_n 32 deltaGen sits on the shoulder of L_gen), tau_mem increasing with psi_n in
     * theory and simulation, and the threshold times far below the edge relaxation times of the spectrum.
     */
    @Tag("slow")
    @Test
    void singleClassSettingOfB() {
        double[] psiN = {4, 8, 16, 32};
        double prevTheory = 0, prevSim = 0;
        for (double pn : psiN) {
            PointParams p = PointParams.of(100, 64, pn, 0.1, 1, List.of(new ClassSpec("A", 1.0, 0, 0, 1.0)));
            AsymptoticPoint th = AsymptoticPoint.of(p);
            MeasuredClassTimes m = RfDynamics.run(p, RandomStreams.forKey("asymptotic-curves-B-" + pn)).classes().get(0);
            ClassCurves a = th.curves().classes().get(0);
            assertEquals(m.tauGen(), a.tauGenAsym(), 0.05 * m.tauGen(), "tau_gen psi_n " + pn);
            assertEquals(m.tauMem(), a.tauMemAsym(), 0.15 * m.tauMem(), "tau_mem psi_n " + pn);
            assertTrue(a.tauMemAsym() > prevTheory && m.tauMem() > prevSim, "tau_mem grows with psi_n");
            assertTrue(th.spectrum().classes().get(0).tauMemEdge() > 10 * a.tauMemAsym(), "edge time far larger");
            prevTheory = a.tauMemAsym();
            prevSim = m.tauMem();
        }
    }
}
