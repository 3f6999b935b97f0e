package org.diffsweep.core.speciation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.math3.special.Gamma;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.mixture.GaussianMixture;
import org.diffsweep.core.random.RandomStreams;
import org.diffsweep.core.random.SeededStream;
import org.junit.jupiter.api.Test;

/** The exact median speciation time of two-class mixtures ({@link MedianTheory}, theory §6.2). */
class MedianTheoryTest {
    static final double KAPPA = 0.9;

    static GaussianMixture twoClass(int d, double piA, double r, double varA, double varB) {
        return GaussianMixture.of(d, List.of(new ClassSpec("A", piA, r, 0, varA), new ClassSpec("B", 1 - piA, r, 180, varB)));
    }

    @Test
    void equalVariancesMedianIsTheClosedForm() {
        // For equal variances l_c | c is exactly normal, so its median is its mean and the median time is the
        // closed form of §6.2; Brent tolerance 1e-10 in t.
        for (double pi : new double[] {0.5, 0.7, 0.99}) {
            for (double s2 : new double[] {0.5, 1.0, 2.0}) {
                GaussianMixture gm = twoClass(200, pi, 1.0, s2, s2);
                for (int c = 0; c < 2; c++) {
                    SpeciationTheory.ClassTime cf = SpeciationTheory.equalVarianceClosedForm(gm, c, KAPPA);
                    Double m = MedianTheory.medianTime(gm, c, KAPPA, cf.tS());
                    if (gm.weight(c) >= KAPPA) {
                        assertNull(m);
                        continue;
                    }
                    assertEquals(cf.tS(), m, 1e-8);
                }
            }
        }
    }

    @Test
    void committedProbabilityMatchesFullDimensionalMonteCarlo() {
        // Independent reference: x ~ N(e^{-t} mu_c, Gamma_c I) drawn in all d coordinates by
        // GaussianMixture.sampleClassAtTime, posteriors by GaussianMixture.posteriors, fraction with p_c >= kappa.
        // Three regimes of the quadrature: ±mu with unequal variances (|s| large: over V), equal means (s = 0:
        // central chi-square), a small radius with strong variance contrast (|s| small: over u). Tolerance 4 binomial
        // standard errors of the Monte Carlo fraction (n = 6000: <= 0.026).
        int d = 100, n = 6000;
        SeededStream rng = RandomStreams.forKey("medianTheoryMc").stream("mc");
        double[] x = new double[d], post = new double[2];
        GaussianMixture[] cases = {twoClass(d, 0.5, 1.0, 1.0, 1.6), twoClass(d, 0.3, 0.0, 1.0, 2.0),
                twoClass(d, 0.4, 0.15, 0.5, 2.0)};
        for (GaussianMixture gm : cases) {
            for (int c = 0; c < 2; c++) {
                Double t0 = MedianTheory.medianTime(gm, c, KAPPA, SpeciationTheory.bisection(gm, c, KAPPA, null).tS());
                assertNotNull(t0);
                for (double t : new double[] {0.8 * t0, t0, 1.2 * t0}) {
                    int hit = 0;
                    for (int j = 0; j < n; j++) {
                        gm.sampleClassAtTime(c, t, 1, rng, x, 0);
                        gm.posteriors(x, 0, t, post);
                        if (post[c] >= KAPPA) hit++;
                    }
                    double f = (double) hit / n, p = MedianTheory.committedProbability(gm, c, KAPPA, t);
                    assertEquals(f, p, 4 * Math.sqrt(Math.max(p * (1 - p), 1e-4) / n), "class " + c + " t " + t);
                }
            }
        }
    }

    @Test
    void quadratureRegimesAgreeAndConverge() {
        // G(S) = P((u+s)^2 + V <= S) as computed (64 nodes, order chosen by |s|) against 512-node rules of both
        // orders, over |s| from 0.25 to 4 times the switch and S from -3 to +3 standard deviations of W. Where an
        // order is smooth its 512-node value is converged to rounding, and the two orders agree to 1e-8 around the
        // switch; the computed value must be within 1e-8 of the better of the two references (d >= 40).
        for (int d : new int[] {40, 200, 2000}) {
            int nu = d - 1;
            double sw = MedianTheory.SWITCH * Math.sqrt(2.0 * nu);
            for (double f : new double[] {0.25, 0.5, 1.0, 2.0, 4.0}) {
                double s = f * sw;
                double mean = d + s * s, sd = Math.sqrt(2 * d + 4 * s * s);
                for (double z = -3; z <= 3; z += 0.5) {
                    double big = mean + z * sd;
                    double ref = f <= 1 ? MedianTheory.overU(nu, s, big, 512) : MedianTheory.overV(nu, s, big, 512);
                    assertEquals(ref, MedianTheory.ncChiSquareCdf(d, s, big), 1e-8, "d " + d + " s/sw " + f + " z " + z);
                    if (f == 1.0) assertEquals(MedianTheory.overU(nu, s, big, 512), MedianTheory.overV(nu, s, big, 512), 1e-8);
                }
            }
            for (double big : new double[] {0.8 * d, d, 1.2 * d}) { // s = 0: chi^2_d exactly
                assertEquals(Gamma.regularizedGammaP(0.5 * d, 0.5 * big), MedianTheory.overU(nu, 0, big, 64), 1e-9);
            }
        }
    }

    @Test
    void unequalVariancesMedianDiffersFromTheMeanRoot() {
        // Equal means, sigma_B^2 = 2 sigma_A^2, d = 200: l_c is a shifted scaled chi-square, skewed, so the median
        // root and the mean root differ (by ~0.01 here, the size of the measurement's target interval). At each root
        // its defining equation holds: P(p_c >= kappa | c) = 1/2 at the median (Brent 1e-10 in t times a slope
        // |dP/dt| < 10), E[l_c | c] = logit kappa at the mean.
        GaussianMixture gm = twoClass(200, 0.5, 0.0, 1.0, 2.0);
        for (int c = 0; c < 2; c++) {
            double mean = SpeciationTheory.bisection(gm, c, KAPPA, null).tS();
            double med = MedianTheory.medianTime(gm, c, KAPPA, mean);
            assertEquals(0.5, MedianTheory.committedProbability(gm, c, KAPPA, med), 1e-8);
            assertEquals(SpeciationTheory.logit(KAPPA), SpeciationTheory.meanLogOddsTwoClass(gm, c, mean), 1e-7);
            assertTrue(Math.abs(med - mean) > 3e-3, "class " + c + ": median " + med + " mean " + mean);
        }
        // the same root is found from a bad starting point (and by the downward scan when none is given)
        double ref = MedianTheory.medianTime(gm, 0, KAPPA, SpeciationTheory.bisection(gm, 0, KAPPA, null).tS());
        assertEquals(ref, MedianTheory.medianTime(gm, 0, KAPPA, 3.0), 1e-8);
        assertEquals(ref, MedianTheory.medianTime(gm, 0, KAPPA, null), 1e-8);
    }
}
