package org.diffsweep.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.diffsweep.core.random.SeededStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeConstantsTest {

    /**
     * Theory §3.1 [CHECK] table (tanh, 120-node Gauss–Hermite in an independent numpy prototype). The table prints
     * five significant digits, so the tolerance is one unit in the last printed digit.
     */
    @ParameterizedTest
    @CsvSource({
            "1.0, 0.01, 0.019801, 0.60571, 0.085233, 0.025542, 0.0018735, 0.39429",
            "1.0, 0.1, 0.18127, 0.60571, 0.25788, 0.013841, 0.013574, 0.39429",
            "1.0, 0.5, 0.63212, 0.60571, 0.48157, 0.0011243, 0.026291, 0.39429",
            "1.0, 1.0, 0.86466, 0.60571, 0.56323, 5.48e-5, 0.027361, 0.39429",
            "0.25, 0.01, 0.019801, 0.81918, 0.11527, 0.0024225, 0.0006646, NaN",
            "4.0, 0.01, 0.019801, 0.36704, 0.051649, 0.099691, 0.0023991, NaN"})
    void matchesTheTableOfTheTheoryNote(double sx2, double t, String delta, String a, String b, String v2, String s2,
                                        String norm2) {
        GeConstants g = GeConstants.of(sx2, t);
        check(delta, g.deltaT());
        check(a, g.a());
        check(b, g.b());
        check(v2, g.v2());
        check(s2, g.s2());
        if (!norm2.equals("NaN")) check(norm2, g.sigmaNorm2());
    }

    /** Agreement to one unit in the last printed digit of the table entry. */
    private static void check(String printed, double actual) {
        BigDecimal x = new BigDecimal(printed);
        assertEquals(x.doubleValue(), actual, x.ulp().doubleValue(), printed);
    }

    /**
     * Stein identities a_t = mu_1/Gamma_t and b_t = sqrt(Delta_t) mu_1/Gamma_t (§3.1). Both sides are quadratures of
     * tanh (poles at i pi/2 limit Gauss–Hermite convergence; the 2-D tensor rule reaches ~1e-8), so 1e-7: still
     * 100x tighter than the table precision.
     */
    @Test
    void steinIdentities() {
        for (double sx2 : new double[] {0.25, 1, 4}) {
            GeConstants g = GeConstants.of(sx2, 0.1);
            assertEquals(g.mu1() / g.gamma(), g.a(), 1e-7);
            assertEquals(Math.sqrt(g.deltaT()) * g.mu1() / g.gamma(), g.b(), 1e-7);
        }
    }

    /**
     * Brute-force Monte Carlo of the defining expectations with 400,000 samples. Every integrand is bounded by
     * |u|/c, |v| or 1 in absolute value (|tanh| <= 1), so its standard deviation is at most ~1/c; the tolerance is
     * 5 standard errors 5 sqrt(E[integrand^2] / N), with E[integrand^2] estimated from the same samples.
     */
    @Test
    void quadratureAgreesWithBruteForceMonteCarlo() {
        double sx2 = 2.0, t = 0.1;
        GeConstants g = GeConstants.of(sx2, t);
        double delta = -Math.expm1(-2 * t), sd = Math.sqrt(delta), c = Math.exp(-t) * Math.sqrt(sx2);
        double gamma = Math.sqrt(c * c + delta);
        int n = 400_000;
        SeededStream rng = new SeededStream(20261127L);
        double[] sum = new double[5], sq = new double[5];
        for (int k = 0; k < n; k++) {
            double u = rng.nextGaussian(), v = rng.nextGaussian(), w = rng.nextGaussian();
            double f = Math.tanh(c * u + sd * v);
            double[] x = {
                    v * f,
                    f * u / c,
                    f * Math.tanh(c * u + sd * w),
                    Math.tanh(gamma * u) * Math.tanh(gamma * u),
                    Math.tanh(gamma * u) * u};
            for (int q = 0; q < 5; q++) {
                sum[q] += x[q];
                sq[q] += x[q] * x[q];
            }
        }
        double[] expect = {g.b(), g.a(), g.v2() + g.a() * g.a() * c * c, g.sigmaNorm2(), g.mu1()};
        for (int q = 0; q < 5; q++) {
            double mean = sum[q] / n;
            double se = Math.sqrt(sq[q] / n / n);
            assertEquals(expect[q], mean, 5 * se, "expectation " + q);
        }
    }

    /** Linear activation: a = 1, b = sqrt(Delta_t), v^2 = 0, s^2 = 0, mu_1 = Gamma_t, ||sigma||^2 = Gamma_t^2 exactly. */
    @Test
    void linearActivationHasExactConstants() {
        GeConstants g = GeConstants.of(1.7, 0.3, Activation.LINEAR, 20);
        assertEquals(1.0, g.a(), 1e-13);
        assertEquals(Math.sqrt(g.deltaT()), g.b(), 1e-13);
        assertEquals(0.0, g.v2(), 1e-13);
        assertEquals(0.0, g.s2(), 1e-13);
        assertEquals(g.gamma(), g.mu1(), 1e-13);
        assertEquals(g.gamma2(), g.sigmaNorm2(), 1e-13);
    }
}
