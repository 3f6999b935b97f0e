package org.diffsweep.core.speciation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.mixture.GaussianMixture;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.random.RandomStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End-to-end speciation measurements ({@link Speciation#analyse}) against the exact law identity and the theory
 * values of §6.2: the class-conditioned measurement (production) against the closed form or the exact median, with
 * its 95 % interval; the unconditioned check run (reduced Euler–Maruyama) against the same, within its own
 * interval plus an Euler allowance.
 *
 * <p>Tolerances. A conditioned measurement has no discretisation error: its 95 % interval of half-width hw gives a
 * standard error hw / 1.96, and we allow 4 of them (probability ~6e-5 of failing per class under a correct
 * implementation). The unconditioned crossing also carries the Euler bias: {@link #EULER} = 0.02 (quadrupling the
 * steps moved it by less than its sampling noise at d = 200 in exploratory runs).
 */
class BackwardMeasurementTest {
    static final double KAPPA = 0.9;
    static final double EULER = 0.02;

    static GaussianMixture twoClass(int d, double piA, double r, double varA, double varB) {
        return GaussianMixture.of(d, List.of(new ClassSpec("A", piA, r, 0, varA), new ClassSpec("B", 1 - piA, r, 180, varB)));
    }

    static SpeciationResult analyse(GaussianMixture gm, String key, int n, int steps) {
        return Speciation.analyse(gm, new int[] {100, 100}, KAPPA, RandomStreams.forKey(key),
                SpeciationOptions.DEFAULT.withTrajectories(n).withSteps(steps));
    }

    /** Standard error of a measurement from its 95 % interval. */
    static double se(ClassMeasurement m) { return m.halfWidth() / 1.96; }

    /**
     * Conditioned measurement vs the theory value (exact median, else closed form) within 4 standard errors, the
     * unconditioned one within 4 standard errors + EULER, and pre-commitment in both.
     */
    static void assertAgreement(GaussianMixture gm, SpeciationResult r) {
        for (int c = 0; c < 2; c++) {
            ClassSpeciation cs = r.classes().get(c);
            ClassMeasurement unc = r.check().classes().get(c);
            if (gm.weight(c) >= KAPPA) {
                assertTrue(cs.preCommitted());
                assertNull(cs.tS());
                assertNull(cs.tSMeasured(), "pre-committed classes stay pre-committed in the measurement (§12.12)");
                assertEquals(MeasurementStatus.PRE_COMMITTED, cs.measurementStatus());
                assertEquals(MeasurementStatus.PRE_COMMITTED, unc.status());
                continue;
            }
            assertNotNull(cs.tS());
            assertEquals(MeasurementStatus.OK, cs.measurementStatus(), "class " + cs.name());
            double ref = cs.reference();
            ClassMeasurement m = cs.measurement();
            assertEquals(ref, m.tS(), 4 * se(m), "class " + cs.name() + " conditioned");
            assertEquals(MeasurementStatus.OK, unc.status(), "class " + cs.name() + " unconditioned");
            assertEquals(ref, unc.tS(), 4 * se(unc) + EULER, "class " + cs.name() + " unconditioned");
        }
    }

    @Test
    void finalClassFractionsAndPosteriorMeansMatchPriors() {
        // Exact law identity (§6.2): the final class fractions are Binomial(N, pi_c)/N and E[p_c(x_t)] = pi_c at every
        // t (martingale). Tolerance 4 binomial / sample standard errors, plus 0.01 for the Euler bias of the law.
        GaussianMixture gm = GaussianMixture.of(60, List.of(new ClassSpec("A", 0.6, 1.0, 0, 1.0),
                new ClassSpec("B", 0.3, 1.0, 120, 0.7), new ClassSpec("C", 0.1, 0.8, 240, 1.5)));
        int n = 2000;
        SpeciationResult r = Speciation.analyse(gm, new int[] {100, 50, 20}, KAPPA,
                RandomStreams.forKey("lawIdentity"), SpeciationOptions.DEFAULT.withTrajectories(n).withSteps(200));
        BackwardRun run = r.run();
        for (int c = 0; c < 3; c++) {
            double pi = gm.weight(c);
            assertEquals(pi, r.classes().get(c).finalFraction(), 4 * Math.sqrt(pi * (1 - pi) / n) + 0.01);
            for (int k = 0; k < run.recorded(); k += 20) {
                double s = 0, ss = 0;
                for (int j = 0; j < n; j++) {
                    double p = run.posterior(j, k, c);
                    s += p;
                    ss += p * p;
                }
                double m = s / n, se = Math.sqrt(Math.max(ss / n - m * m, 0) / n);
                assertEquals(pi, m, 4 * se + 0.01, "E[p_c] at t = " + run.times()[k]);
            }
        }
    }

    @Test
    void probabilityFlowOdeHasTheSameFinalLaw() {
        // The ODE has the same marginals (§1): final fractions within 4 binomial standard errors + 0.01 (Euler).
        GaussianMixture gm = twoClass(100, 0.8, 1.0, 1.0, 1.0);
        int n = 1000;
        SpeciationResult r = Speciation.analyse(gm, new int[] {100, 100}, KAPPA, RandomStreams.forKey("ode"),
                SpeciationOptions.DEFAULT.withTrajectories(n).withSteps(200).withIntegrator(Integrator.ODE));
        assertEquals(0.8, r.classes().get(0).finalFraction(), 4 * Math.sqrt(0.16 / n) + 0.01);
    }

    @Test
    void balancedPhiAtSpeciationFromSimulation() {
        // Measured phi(t) = mean of sum_c p_c^2 over trajectories (martingale identity, §6.2) at t_S = ½ log(d + 1 -
        // sigma^2) vs 0.7752 (the exact value, §6.1 [CHECK] 0.775). Tolerance 4 standard errors of that mean, plus 0.01
        // for the Euler bias and the interpolation between recorded times.
        int d = 100, n = 1000;
        GaussianMixture gm = twoClass(d, 0.5, 1.0, 1.0, 1.0);
        SpeciationResult r = analyse(gm, "phiBalanced", n, 200);
        double tS = r.tSExactSnr();
        assertEquals(0.5 * Math.log(d), tS, 1e-12);
        int k = 0;
        while (r.run().times()[k] > tS) k++;
        double s = 0, ss = 0;
        for (int j = 0; j < n; j++) {
            double a = r.run().posterior(j, k, 0), b = r.run().posterior(j, k, 1);
            double v = a * a + b * b;
            s += v;
            ss += v * v;
        }
        double se = Math.sqrt((ss / n - (s / n) * (s / n)) / n);
        double theory = new PosteriorQuadrature(gm, 48).cloningProbability(tS);
        assertEquals(0.775, theory, 0.001);
        assertEquals(theory, r.phiAt(tS), 4 * se + 0.01);
        // per-class phi_c = E[p_c^2]/pi_c (martingale identity) vs the quadrature E[p_c | c]; same tolerance rule
        PosteriorQuadrature q = new PosteriorQuadrature(gm, 48);
        for (int c = 0; c < 2; c++) {
            double sc = 0, ssc = 0;
            for (int j = 0; j < n; j++) {
                double p2 = r.run().posterior(j, k, c) * r.run().posterior(j, k, c) / gm.weight(c);
                sc += p2;
                ssc += p2 * p2;
            }
            double sec = Math.sqrt((ssc / n - (sc / n) * (sc / n)) / n);
            assertEquals(q.meanOwnPosterior(c, tS), r.phiClassAt(c, tS), 4 * sec + 0.01);
        }
    }

    @Test
    void perClassSpeciationSmall() {
        // Cheap default-run version of the d = 200 check: d = 100, pi_A in {0.5, 0.9}.
        double balancedMeasured = 0;
        for (double pi : new double[] {0.5, 0.9}) {
            GaussianMixture gm = twoClass(100, pi, 1.0, 1.0, 1.0);
            SpeciationResult r = analyse(gm, "perClassSmall" + pi, 1000, 200);
            assertAgreement(gm, r);
            if (pi == 0.5) balancedMeasured = r.classes().get(1).tSMeasured();
            else assertTrue(r.classes().get(1).tSMeasured() < balancedMeasured, "minority speciates later (smaller t)");
        }
    }

    @Test
    void unequalVariancesEqualMeansSmall() {
        // Equal means (r = 0), sigma_B^2 = 2 sigma_A^2: only the radius signal separates the classes.
        GaussianMixture gm = twoClass(100, 0.5, 0.0, 1.0, 2.0);
        SpeciationResult r = analyse(gm, "unequalSmall", 1000, 200);
        for (ClassSpeciation c : r.classes()) assertEquals(SpeciationTheory.Method.BISECTION, c.method());
        assertAgreement(gm, r);
    }

    @Test
    void reproducibleFromTheStreamAndPreCommittedInMeasurement() {
        GaussianMixture gm = twoClass(40, 0.95, 1.0, 1.0, 1.0);
        SpeciationResult a = analyse(gm, "repro", 200, 50);
        SpeciationResult b = analyse(gm, "repro", 200, 50);
        assertArrayEquals(a.run().posterior(), b.run().posterior());
        assertArrayEquals(a.run().labels(), b.run().labels());
        assertEquals(a.classes(), b.classes());
        assertTrue(a.classes().get(0).preCommitted());
        assertNull(a.classes().get(0).tSMeasured());
    }

    @Test
    void closedFormPathFromPointParams() {
        PointParams p = PointParams.of(200, 2, 1, 0.01, 7, List.of(new ClassSpec("A", 0.9, 1, 0, 1),
                new ClassSpec("B", 0.1, 1, 180, 1)));
        SpeciationResult r = Speciation.closedForm(p);
        assertNull(r.run());
        assertEquals(0.5 * Math.log(1 + 4 * 0.9 * 0.1 * 200), r.tS(), 1e-12);
        ClassSpeciation b = r.classes().get(1);
        assertEquals(20, b.nTrain());
        assertEquals(SpeciationTheory.collapseTime(1, 20, 200), b.tC());
        // §6.2 closed form: L* = ½ (logit 0.9 + log 9), t = ½ log(|mu|^2 / L*) at sigma = 1
        assertEquals(0.5 * Math.log(200 / (0.5 * (Math.log(9) + Math.log(9)))), b.tS(), 1e-12);
        assertTrue(r.classes().get(0).preCommitted());
    }

    // ---------------- the issue's targets (item 4) ----------------

    @Test
    void minorityTargetsAtIssueSizes() {
        // Minority class B at pi_B in {0.5, 0.1, 0.01, 0.001}, d in {200, 2000}, ±mu (r = 1, sigma^2 = 1) and equal
        // means (sigma_A^2 = 1, sigma_B^2 = 2), default options. Per case: status OK, the 95 % half-width <= 0.01
        // (target), the theory value (closed form for ±mu, exact median for equal means) within 4 standard errors.
        // Over the 16 independent intervals at least 13 cover the theory value (a correct 95 % interval misses 4
        // or more with probability 0.007). The unconditioned check run is consistent (z <= 4) in every case.
        int covered = 0, cases = 0;
        for (int d : new int[] {200, 2000}) {
            for (double piB : new double[] {0.5, 0.1, 0.01, 0.001}) {
                for (boolean equalMeans : new boolean[] {false, true}) {
                    GaussianMixture gm = equalMeans ? twoClass(d, 1 - piB, 0.0, 1.0, 2.0) : twoClass(d, 1 - piB, 1.0, 1.0, 1.0);
                    String tag = "d " + d + " piB " + piB + (equalMeans ? " equal means" : " ±mu");
                    SpeciationResult r = Speciation.analyse(gm, new int[] {100, 100}, KAPPA,
                            RandomStreams.forKey("targets/" + tag), SpeciationOptions.DEFAULT);
                    ClassSpeciation b = r.classes().get(1);
                    assertEquals(MeasurementStatus.OK, b.measurementStatus(), tag);
                    assertEquals(MeasurementScheme.CONDITIONED, b.scheme(), tag);
                    ClassMeasurement m = b.measurement();
                    assertTrue(m.halfWidth() <= 0.01, tag + ": half-width " + m.halfWidth());
                    double ref = b.reference();
                    if (equalMeans) assertNotNull(b.tSExactMedian(), tag);
                    else assertEquals(b.tS(), b.tSExactMedian(), 1e-8, tag); // equal variances: median = mean root
                    assertEquals(ref, m.tS(), 4 * se(m), tag);
                    if (m.covers(ref)) covered++;
                    cases++;
                    assertTrue(r.check().consistent(), tag + ": " + r.check());
                }
            }
        }
        assertEquals(16, cases);
        assertTrue(covered >= 13, covered + " of 16 intervals cover the theory value");
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 10000})
    void balancedPhiAtSpeciationLargeD(int d) {
        // As balancedPhiAtSpeciationFromSimulation at large d (reduced run: cost independent of d); N = 400
        // trajectories, 100 steps (4 SE ~ 0.04).
        int n = 400;
        GaussianMixture gm = twoClass(d, 0.5, 1.0, 1.0, 1.0);
        SpeciationResult r = analyse(gm, "phiLarge" + d, n, 100);
        double tS = r.tSExactSnr();
        int k = 0;
        while (r.run().times()[k] > tS) k++;
        double s = 0, ss = 0;
        for (int j = 0; j < n; j++) {
            double a = r.run().posterior(j, k, 0), b = r.run().posterior(j, k, 1);
            s += a * a + b * b;
            ss += (a * a + b * b) * (a * a + b * b);
        }
        double se = Math.sqrt((ss / n - (s / n) * (s / n)) / n);
        assertEquals(0.7752, r.phiAt(tS), 4 * se + 0.01);
    }
}
