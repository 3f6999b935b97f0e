package org.diffsweep.core.speciation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.mixture.GaussianMixture;
import org.diffsweep.core.numerics.GaussHermite;
import org.diffsweep.core.random.RandomStreams;
import org.diffsweep.core.random.SeededStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpeciationTheoryTest {
    static final double KAPPA = 0.9;

    /** ±mu along e1 with |mu|^2 = d r^2. */
    static GaussianMixture twoClass(int d, double piA, double r, double varA, double varB) {
        return GaussianMixture.of(d, List.of(new ClassSpec("A", piA, r, 0, varA), new ClassSpec("B", 1 - piA, r, 180, varB)));
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 1000, 10000})
    void balancedSpeciationTimeAndCloningProbability(int d) {
        for (double s2 : new double[] {0.5, 1.0, 2.0}) {
            GaussianMixture gm = twoClass(d, 0.5, 1.0, s2, s2);
            // §6.1 exact-SNR form with |mu|^2 = d; rounding only.
            double tS = SpeciationTheory.exactSnrTs(gm);
            assertEquals(0.5 * Math.log(d + 1 - s2), tS, 1e-12);
            // Global spectral form: Λ = sigma^2 + |mu|^2 (§6.1/6.2 with pi = ½).
            assertEquals(0.5 * Math.log(s2 + d), SpeciationTheory.globalTs(gm), 1e-12);
            // phi(t_S) ≈ 0.775 ([BBDM], [CHECK] in §6.1, quoted to 3 digits): at the exact-SNR t_S, l_A | A ~
            // N(2, 4) for every d and sigma, and E[sigmoid(2 + 2Z)] = 0.77520; tolerance = the quoted precision.
            double phi = new PosteriorQuadrature(gm, 48).cloningProbability(tS);
            assertEquals(0.775, phi, 0.001);
        }
    }

    @Test
    void cloningProbabilityMatchesOneDimensionalIntegral() {
        // Independent 1-D reference: for equal variances l_c | c is exactly normal with the §6.2 mean and variance, so
        // phi = E[sigmoid(m + sqrt(v) Z)] by a 200-node Gauss–Hermite rule. The
        // integrand is a sigmoid (not a polynomial), so both rules carry a small quadrature error (1e-6 at t = 1.5,
        // where the sigmoid is sharpest): tolerance 1e-5.
        GaussianMixture gm = twoClass(200, 0.7, 1.0, 1.0, 1.0);
        GaussHermite gh = GaussHermite.of(200);
        PosteriorQuadrature q = new PosteriorQuadrature(gm, 64);
        for (double t : new double[] {1.5, 2.2, 3.0}) {
            double phi = 0;
            for (int c = 0; c < 2; c++) {
                double m = SpeciationTheory.meanLogOddsTwoClass(gm, c, t);
                double sd = Math.sqrt(SpeciationTheory.varLogOddsTwoClass(gm, c, t));
                phi += gm.weight(c) * gh.expect(z -> 1 / (1 + Math.exp(-(m + sd * z))));
            }
            assertEquals(phi, q.cloningProbability(t), 1e-5);
        }
    }

    @Test
    void imbalancedGlobalLambda() {
        // §6.2: Λ = sigma^2 + 4 pi (1 - pi) |mu|^2 for ±mu.
        for (double pi : new double[] {0.5, 0.9, 0.99}) {
            GaussianMixture gm = twoClass(200, pi, 1.0, 1.0, 1.0);
            assertEquals(0.5 * Math.log(1 + 4 * pi * (1 - pi) * 200), SpeciationTheory.globalTs(gm), 1e-12);
        }
    }

    @Test
    void bisectionReproducesEqualVarianceClosedForm() {
        for (double pi : new double[] {0.5, 0.6, 0.9, 0.99}) {
            for (double s2 : new double[] {0.5, 1.0, 2.0}) {
                GaussianMixture gm = twoClass(200, pi, 1.0, s2, s2);
                for (int c = 0; c < 2; c++) {
                    SpeciationTheory.ClassTime cf = SpeciationTheory.equalVarianceClosedForm(gm, c, KAPPA);
                    SpeciationTheory.ClassTime bi = SpeciationTheory.bisection(gm, c, KAPPA, null);
                    if (gm.weight(c) >= KAPPA) {
                        assertEquals(SpeciationTheory.Method.PRE_COMMITTED, cf.method());
                        assertEquals(SpeciationTheory.Method.PRE_COMMITTED, bi.method());
                        assertNull(bi.tS());
                    } else {
                        // Brent tolerance 1e-10 in t.
                        assertEquals(cf.tS(), bi.tS(), 1e-8);
                        // at the root the §6.2 mean log-odds equals logit kappa
                        assertEquals(SpeciationTheory.logit(KAPPA), SpeciationTheory.meanLogOddsTwoClass(gm, c, bi.tS()), 1e-7);
                    }
                }
            }
        }
    }

    @Test
    void minoritySpeciatesLaterByTheDocumentedDelay() {
        double balanced = SpeciationTheory.equalVarianceClosedForm(twoClass(200, 0.5, 1, 1, 1), 0, KAPPA).tS();
        double lk = SpeciationTheory.logit(KAPPA);
        for (double pi : new double[] {0.6, 0.9, 0.99}) {
            double minority = SpeciationTheory.equalVarianceClosedForm(twoClass(200, pi, 1, 1, 1), 1, KAPPA).tS();
            assertTrue(minority < balanced);
            // §6.2: delay ½ log(1 + log((1 - pi_c)/pi_c) / logit kappa) at sigma = 1 (pi_c = 1 - pi); rounding only.
            double piC = 1 - pi;
            assertEquals(0.5 * Math.log1p(Math.log((1 - piC) / piC) / lk), balanced - minority, 1e-12);
        }
    }

    @Test
    void quadratureMatchesTwoClassClosedMean() {
        // For C = 2 the log-odds vs the rest is l_A of §6.2, a quadratic in (x1, x2, R): the product rule is exact up to
        // rounding (degree <= 63), so the closed-form mean is matched to 1e-8 relative.
        GaussianMixture gm = GaussianMixture.of(150, List.of(new ClassSpec("A", 0.3, 1.0, 20, 0.7),
                new ClassSpec("B", 0.7, 0.6, 140, 1.6)));
        PosteriorQuadrature q = new PosteriorQuadrature(gm, 32);
        for (double t : new double[] {0.05, 0.5, 1.0, 2.0, 4.0}) {
            for (int c = 0; c < 2; c++) {
                double exact = SpeciationTheory.meanLogOddsTwoClass(gm, c, t);
                assertEquals(exact, q.meanLogOddsVsRest(c, t), 1e-8 * Math.max(1, Math.abs(exact)));
            }
        }
    }

    @Test
    void threeClassQuadratureMatchesMonteCarlo() {
        // Independent reference: sample x ~ class c at time t with GaussianMixture.sampleClassAtTime and average
        // logit p_c and p_c from GaussianMixture.posteriors. Tolerance 4 standard errors of the sample mean.
        int d = 60;
        GaussianMixture gm = GaussianMixture.of(d, List.of(new ClassSpec("A", 0.6, 1.0, 0, 1.0),
                new ClassSpec("B", 0.3, 0.8, 120, 0.5), new ClassSpec("C", 0.1, 1.2, 240, 2.0)));
        PosteriorQuadrature q = new PosteriorQuadrature(gm, 32);
        SeededStream rng = RandomStreams.forKey("threeClassQuadrature").stream("mc");
        int n = 20000;
        double[] x = new double[d], post = new double[3];
        for (double t : new double[] {0.6, 1.4}) {
            for (int c = 0; c < 3; c++) {
                double s = 0, ss = 0, sp = 0, ssp = 0;
                for (int j = 0; j < n; j++) {
                    gm.sampleClassAtTime(c, t, 1, rng, x, 0);
                    gm.posteriors(x, 0, t, post);
                    double rest = 0;
                    for (int k = 0; k < 3; k++) if (k != c) rest += post[k];
                    double l = Math.log(post[c]) - Math.log(rest);
                    s += l; ss += l * l; sp += post[c]; ssp += post[c] * post[c];
                }
                double m = s / n, se = Math.sqrt((ss / n - m * m) / n);
                double mp = sp / n, sep = Math.sqrt((ssp / n - mp * mp) / n);
                assertEquals(m, q.meanLogOddsVsRest(c, t), 4 * se + 1e-9);
                assertEquals(mp, q.meanOwnPosterior(c, t), 4 * sep + 1e-9);
            }
        }
    }

    @Test
    void threeClassBisectionRootIsTheLargestCrossing() {
        GaussianMixture gm = GaussianMixture.of(100, List.of(new ClassSpec("A", 0.5, 1.0, 0, 1.0),
                new ClassSpec("B", 0.3, 1.0, 120, 1.0), new ClassSpec("C", 0.2, 1.0, 240, 1.5)));
        PosteriorQuadrature q = new PosteriorQuadrature(gm, 16);
        double lk = SpeciationTheory.logit(KAPPA);
        for (int c = 0; c < 3; c++) {
            SpeciationTheory.ClassTime ct = SpeciationTheory.bisection(gm, c, KAPPA, q);
            assertEquals(SpeciationTheory.Method.BISECTION, ct.method());
            double t = ct.tS();
            assertEquals(lk, q.meanLogOddsVsRest(c, t), 1e-6);
            // above the root the class is not yet committed on average, on a fine independent grid up to T_MAX
            for (double u = t + 1e-3; u < SpeciationTheory.T_MAX; u += 0.05) assertTrue(q.meanLogOddsVsRest(c, u) < lk);
        }
    }

    @Test
    void collapseTimeSolvesTheEntropyCondition() {
        // [BBDM] s(t_C) = s_sep(t_C) per dimension: ½ log(2 pi e Gamma_t) = log(n)/d + ½ + ½ log(2 pi Delta_t);
        // solved here independently with Brent (1e-12).
        int d = 50;
        for (double s2 : new double[] {0.5, 1.0, 3.0}) {
            for (int n : new int[] {2, 10, 1000, 100000}) {
                GaussianMixture gm = GaussianMixture.of(d, List.of(new ClassSpec("A", 1.0, 0.0, 0, s2)));
                double root = new BrentSolver(1e-14, 1e-12).solve(500,
                        t -> 0.5 * Math.log(gm.gamma(0, t)) - Math.log(n) / d - 0.5 * Math.log(-Math.expm1(-2 * t)), 1e-9, 40);
                Double tc = SpeciationTheory.collapseTime(s2, n, d);
                assertNotNull(tc);
                assertEquals(root, tc, 1e-9 * Math.max(1, root));
            }
        }
        assertNull(SpeciationTheory.collapseTime(1.0, 1, d));
        // minority (fewer points) and higher-variance classes collapse earlier in the backward run (larger t_C)
        assertTrue(SpeciationTheory.collapseTime(1.0, 10, d) > SpeciationTheory.collapseTime(1.0, 100, d));
        assertTrue(SpeciationTheory.collapseTime(2.0, 100, d) > SpeciationTheory.collapseTime(1.0, 100, d));
    }

    @Test
    void exactSnrFormAppliesOnlyToEqualVariances() {
        assertNull(SpeciationTheory.exactSnrTs(twoClass(200, 0.5, 1, 1, 2)));
        assertNull(SpeciationTheory.exactSnrTs(twoClass(200, 0.5, 0, 1, 1))); // no centroid signal
    }
}
