package org.diffsweep.core.speciation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.mixture.GaussianMixture;
import org.diffsweep.core.random.RandomStreams;
import org.junit.jupiter.api.Test;

/** The class-conditioned measurement ({@link ConditionedSampler}) and its 95 % interval ({@link ClassMeasurement}). */
class ConditionedMeasurementTest {
    static final double KAPPA = 0.9;

    static GaussianMixture twoClass(int d, double piA, double r, double varA, double varB) {
        return GaussianMixture.of(d, List.of(new ClassSpec("A", piA, r, 0, varA), new ClassSpec("B", 1 - piA, r, 180, varB)));
    }

    static ClassMeasurement measure(GaussianMixture gm, int c, String key, int n) {
        return ConditionedSampler.measure(gm, c, KAPPA, RandomStreams.forKey(key).stream("c"), 4.0, n, n, 1.0, 100);
    }

    @Test
    void intervalHasItsCoverageAndItsWidth() {
        // 200 independent measurements of N = 401 (no growth) per case; reference: the closed form (equal variances)
        // or the exact median (unequal). The interval's coverage is 1 - 2 P(Bin(401, 1/2) <= l - 1) >= 95 % (it is
        // exact for a median; the map to time is monotone here), so the count of covering intervals is >= 0.95 x 200
        // - 4 binomial sd (12.3), i.e. >= 177. Its width must match the estimator's actual spread: the median
        // half-width over the 200 runs is 1.96 sd of the 200 estimates within +-25 % (the sd of a sd from 200
        // samples is 5 %; the order-statistic width is itself random).
        GaussianMixture[] cases = {twoClass(100, 0.8, 1.0, 1.0, 1.0), twoClass(100, 0.5, 0.0, 1.0, 2.0)};
        int[] cls = {1, 0};
        for (int k = 0; k < cases.length; k++) {
            GaussianMixture gm = cases[k];
            int c = cls[k];
            double ref = MedianTheory.medianTime(gm, c, KAPPA, SpeciationTheory.bisection(gm, c, KAPPA, null).tS());
            int reps = 200, covered = 0;
            double[] est = new double[reps], hw = new double[reps];
            for (int i = 0; i < reps; i++) {
                ClassMeasurement m = measure(gm, c, "coverage" + k + "/" + i, 401);
                assertEquals(MeasurementStatus.OK, m.status());
                assertEquals(401, m.effective());
                assertTrue(m.ciLo() <= m.tS() && m.tS() <= m.ciHi());
                if (m.covers(ref)) covered++;
                est[i] = m.tS();
                hw[i] = m.halfWidth();
            }
            assertTrue(covered >= 177, "case " + k + ": " + covered + " of 200 intervals cover " + ref);
            double mean = Arrays.stream(est).average().orElseThrow();
            double sd = Math.sqrt(Arrays.stream(est).map(v -> (v - mean) * (v - mean)).sum() / (reps - 1));
            Arrays.sort(hw);
            double medHw = 0.5 * (hw[reps / 2 - 1] + hw[reps / 2]);
            assertEquals(1.96 * sd, medHw, 0.25 * 1.96 * sd, "case " + k);
        }
    }

    @Test
    void conditionedLawMatchesFullDimensionalSamplingForThreeClasses() {
        // The conditioned trajectories' committed fraction at fixed t (reduced coordinates, C > 2 branch: planar
        // centroids k = 2, three variances, so z1, z2 and Q all enter) against an independent full d-dimensional
        // draw of x ~ N(e^{-t} mu_c, Gamma_c I) with GaussianMixture.posteriors. Tolerance: 4 combined binomial
        // standard errors (reduced n = 20001, full n = 4000).
        int d = 60;
        GaussianMixture gm = GaussianMixture.of(d, List.of(new ClassSpec("A", 0.5, 1.0, 0, 1.0),
                new ClassSpec("B", 0.3, 0.8, 120, 0.6), new ClassSpec("C", 0.2, 0.9, 240, 1.8)));
        var rng = RandomStreams.forKey("threeClassConditioned").stream("full");
        double[] x = new double[d], post = new double[3];
        int nFull = 4000;
        for (int c = 0; c < 3; c++) {
            ConditionedSampler s = new ConditionedSampler(gm, c, KAPPA, RandomStreams.forKey("threeClassConditioned").stream("c" + c));
            s.drawUpTo(20001);
            for (double t : new double[] {1.0, 1.5, 2.0}) { // committed fractions from 0.05 to 0.95
                int hit = 0;
                for (int j = 0; j < nFull; j++) {
                    gm.sampleClassAtTime(c, t, 1, rng, x, 0);
                    gm.posteriors(x, 0, t, post);
                    if (post[c] >= KAPPA) hit++;
                }
                double pf = (double) hit / nFull, pr = (double) s.committed(t) / s.size();
                double p = 0.5 * (pf + pr), se = Math.sqrt(Math.max(p * (1 - p), 1e-4) * (1.0 / nFull + 1.0 / s.size()));
                assertEquals(pf, pr, 4 * se, "class " + c + " t " + t);
            }
        }
    }

    @Test
    void unequalVariancesNeedTheExactMedian() {
        // Equal means, sigma_B^2 = 2 sigma_A^2, d = 200: a measurement to +-0.003 (N up to 131073) covers the exact
        // median and excludes the mean-log-odds root, which lies ~0.009 away (compare like with like).
        GaussianMixture gm = twoClass(200, 0.5, 0.0, 1.0, 2.0);
        double mean = SpeciationTheory.bisection(gm, 0, KAPPA, null).tS();
        double med = MedianTheory.medianTime(gm, 0, KAPPA, mean);
        ClassMeasurement m = ConditionedSampler.measure(gm, 0, KAPPA, RandomStreams.forKey("likeWithLike").stream("c"),
                2.5, 4097, 131073, 0.003, 100);
        assertTrue(m.halfWidth() <= 0.003, "half-width " + m.halfWidth());
        assertTrue(m.effective() > 4097);
        assertTrue(m.covers(med), m + " vs median " + med);
        assertTrue(!m.covers(mean), m + " vs mean root " + mean);
    }

    @Test
    void growsToTheTargetHalfWidth() {
        // Balanced ±mu, d = 200: the pilot (4097) gives a half-width of ~0.018; N grows until <= 0.01.
        GaussianMixture gm = twoClass(200, 0.5, 1.0, 1.0, 1.0);
        ClassMeasurement m = ConditionedSampler.measure(gm, 1, KAPPA, RandomStreams.forKey("grow").stream("c"), 4.0,
                SpeciationOptions.DEFAULT_PILOT, SpeciationOptions.DEFAULT_MAX, 0.01, 100);
        assertEquals(MeasurementStatus.OK, m.status());
        assertTrue(m.effective() > SpeciationOptions.DEFAULT_PILOT && m.effective() % 2 == 1, "N = " + m.effective());
        assertTrue(m.halfWidth() <= 0.01, "half-width " + m.halfWidth());
    }

    @Test
    void statuses() {
        GaussianMixture gm = twoClass(100, 0.7, 1.0, 1.0, 1.0);
        // fewer than minEffective: reported, flagged
        ClassMeasurement few = measure(gm, 1, "few", 51);
        assertEquals(MeasurementStatus.TOO_FEW, few.status());
        assertNotNull(few.tS());
        assertNotNull(few.ciLo());
        // below 6 no 95 % interval exists (2^-5 > 0.025)
        ClassMeasurement five = measure(gm, 1, "five", 5);
        assertEquals(MeasurementStatus.TOO_FEW, five.status());
        assertNull(five.ciLo());
        assertNull(five.ciHi());
        assertEquals(0, MedianRanks.lower(5));
        assertEquals(1, MedianRanks.lower(6));
        // the median never reaches kappa: overlapping classes (r = 0.1, d = 10) at kappa = 0.999
        GaussianMixture weak = twoClass(10, 0.5, 0.1, 1.0, 1.0);
        ClassMeasurement none = ConditionedSampler.measure(weak, 0, 0.999, RandomStreams.forKey("none").stream("c"), 3,
                401, 401, 1, 100);
        assertEquals(MeasurementStatus.NO_CROSSING, none.status());
        assertNull(none.tS());
        assertEquals(SpeciationTheory.Method.NEVER, SpeciationTheory.bisection(weak, 0, 0.999, null).method());
        // a horizon below the crossing is extended: the same crossing as from above it (bisection tolerance 1e-5)
        ClassMeasurement low = ConditionedSampler.measure(gm, 1, KAPPA, RandomStreams.forKey("ext").stream("c"), 0.5,
                2001, 2001, 1, 100);
        ClassMeasurement high = ConditionedSampler.measure(gm, 1, KAPPA, RandomStreams.forKey("ext").stream("c"), 4.0,
                2001, 2001, 1, 100);
        assertEquals(MeasurementStatus.OK, low.status());
        assertEquals(high.tS(), low.tS(), 2e-5);
        assertEquals(high.ciLo(), low.ciLo(), 2e-5);
        assertEquals(high.ciHi(), low.ciHi(), 2e-5);
    }

    @Test
    void analyseIsBitIdenticalAcrossRunsAndThreads() throws Exception {
        GaussianMixture gm = twoClass(120, 0.9, 1.0, 1.0, 1.5);
        SpeciationOptions o = SpeciationOptions.DEFAULT.withTrajectories(300).withSteps(80);
        SpeciationResult a = Speciation.analyse(gm, new int[] {90, 10}, KAPPA, RandomStreams.forKey("bits"), o);
        ExecutorService ex = Executors.newFixedThreadPool(2);
        try {
            var f1 = ex.submit(() -> Speciation.analyse(gm, new int[] {90, 10}, KAPPA, RandomStreams.forKey("bits"), o));
            var f2 = ex.submit(() -> Speciation.analyse(gm, new int[] {90, 10}, KAPPA, RandomStreams.forKey("bits"), o));
            for (SpeciationResult b : List.of(f1.get(), f2.get())) {
                assertEquals(a.classes(), b.classes()); // records: Double fields compared by their bits
                assertEquals(a.check().classes(), b.check().classes());
                assertTrue(Arrays.equals(a.phi(), b.phi()));
            }
        } finally {
            ex.shutdown();
        }
        assertEquals(MeasurementScheme.CONDITIONED, a.classes().get(1).scheme());
        assertEquals(MeasurementStatus.PRE_COMMITTED, a.classes().get(0).measurementStatus());
        assertNull(a.classes().get(0).scheme());
    }
}
