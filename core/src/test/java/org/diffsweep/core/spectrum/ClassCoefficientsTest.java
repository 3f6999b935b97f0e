package org.diffsweep.core.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffsweep.core.features.GeConstants;
import org.junit.jupiter.api.Test;

class ClassCoefficientsTest {

    /** theory §3.1 [CHECK] table (tanh, sigma_x^2 = 1), quoted to 5 significant digits: tolerance half a unit in the last digit. */
    @Test
    void singleClassValuesMatchTheTheoryTable() {
        double[][] rows = { // t, a, b, v2, s2
            {0.01, 0.60571, 0.085233, 0.025542, 0.0018735},
            {0.1, 0.60571, 0.25788, 0.013841, 0.013574},
            {0.5, 0.60571, 0.48157, 0.0011243, 0.026291},
        };
        for (double[] r : rows) {
            ClassCoefficients c = ClassCoefficients.of(r[0], 1.0, 0.0);
            // 5 significant digits: half a unit of the 5th digit is at most 5e-5 relative
            assertEquals(r[1], c.aT(), 5e-5 * r[1], "a_t at t=" + r[0]);
            assertEquals(r[2], Math.sqrt(c.b2()), 5e-5 * r[2], "b_t at t=" + r[0]);
            assertEquals(r[3], c.v2(), 5e-5 * r[3], "v_t^2 at t=" + r[0]);
            assertEquals(r[4], c.s2(), 5e-5 * r[4], "s_t^2 at t=" + r[0]);
            assertEquals(0.0, c.kappa0Sq(), 1e-15, "kappa0 = 0 for odd tanh at r = 0");
        }
    }

    /**
     * For r = 0 the per-class coefficients are the single-class constants, computed independently by the features
     * package (different formulas: 2-D tensor rules for a, b). 128 vs 120 nodes: the rule error at sigma^2 = 4 is
     * ~1e-7 (s^2 changes by 8e-8 from 128 to 160 nodes), hence 1e-6.
     */
    @Test
    void zeroRadiusEqualsTheIndependentSingleClassConstants() {
        for (double var : new double[] {0.25, 1.0, 4.0}) {
            for (double t : new double[] {0.01, 0.1, 1.0}) {
                ClassCoefficients c = ClassCoefficients.of(t, var, 0.0);
                GeConstants g = GeConstants.of(var, t);
                assertEquals(g.k1(), c.k1(), 1e-6, "k1");
                assertEquals(g.v2(), c.v2(), 1e-6, "v2");
                assertEquals(g.b() * g.b(), c.b2(), 1e-6, "b2");
                assertEquals(g.s2(), c.s2(), 1e-6, "s2");
                assertEquals(g.sigmaNorm2(), c.normSq(), 1e-6, "||sigma||^2");
                assertEquals(g.mu1() * g.mu1(), c.mu1Sq(), 1e-6, "mu_1^2 = k1 + b2 (Stein)");
            }
        }
    }

    /**
     * With an offset the full pre-activation m + e^{-t} sigma g + sqrt(Delta) u is N(0, e^{-2t}(r^2 + sigma^2) + Delta),
     * so the mean diagonal is E tanh(G z)^2, and <kappa0^2> = E_m [E_z tanh(m + G' z)]^2 with
     * G'^2 = e^{-2t} sigma^2 + Delta. References by the trapezoid rule (a different quadrature family, exponentially
     * accurate for these analytic integrands); the Gauss–Hermite tensor rule is converged to ~1e-9 here.
     * §5.4: larger r lowers the linear slope k1.
     */
    @Test
    void offsetAveragesObeyTheirOneDimensionalIdentities() {
        double t = 0.1, var = 1.5, r = 1.2;
        double a2 = Math.exp(-2 * t), delta = -Math.expm1(-2 * t);
        ClassCoefficients c = ClassCoefficients.of(t, var, r);
        double gTot = Math.sqrt(a2 * (r * r + var) + delta);
        assertEquals(gaussianMean(z -> Math.pow(Math.tanh(gTot * z), 2)), c.normSq(), 1e-8);
        double gIn = Math.sqrt(a2 * var + delta);
        double k0 = gaussianMean(m -> Math.pow(gaussianMean(z -> Math.tanh(Math.sqrt(a2) * r * m + gIn * z)), 2));
        assertEquals(k0, c.kappa0Sq(), 1e-8);
        assertTrue(c.kappa0Sq() > 0.05, "centroid offset gives a class-mean term");
        assertTrue(c.k1() < ClassCoefficients.of(t, var, 0).k1(), "saturation lowers the slope");
        assertTrue(c.s2() > 0 && c.v2() > 0 && c.b2() > 0);
    }

    /**
     * E f(z), z ~ N(0,1), by the trapezoid rule with step 0.04 on [-12, 12]: for integrands analytic in a strip of
     * half-width a (here a >= pi/(2 * 1.7)) the error is ~exp(-2 pi a / h) < 1e-50, plus the tail ~1e-32.
     */
    private static double gaussianMean(java.util.function.DoubleUnaryOperator f) {
        double h = 0.04, s = 0;
        for (int i = -300; i <= 300; i++) {
            double z = i * h;
            s += f.applyAsDouble(z) * Math.exp(-0.5 * z * z);
        }
        return s * h / Math.sqrt(2 * Math.PI);
    }
}
