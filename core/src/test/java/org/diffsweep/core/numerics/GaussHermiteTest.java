package org.diffsweep.core.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GaussHermiteTest {

    /** E z^{2k} = (2k-1)!! for z ~ N(0,1); an n-point rule is exact up to degree 2n-1. */
    @Test
    void momentsOfTheNormalAreExactUpToDegree2nMinus1() {
        GaussHermite gh = GaussHermite.of(20);
        double doubleFactorial = 1;
        for (int k = 0; k <= 19; k++) {
            final int deg = k;
            double even = gh.expect(z -> Math.pow(z, 2 * deg));
            if (k > 0) doubleFactorial *= (2 * k - 1);
            if (2 * k <= 39) assertEquals(doubleFactorial, even, 1e-10 * doubleFactorial, "E z^" + (2 * k));
            assertEquals(0.0, gh.expect(z -> Math.pow(z, 2 * deg + 1)), 1e-9 * Math.max(1, doubleFactorial));
        }
    }

    /** E cos(a z) = exp(-a^2/2) (characteristic function), a smooth non-polynomial check. */
    @Test
    void characteristicFunctionMatchesClosedForm() {
        GaussHermite gh = GaussHermite.of(80);
        for (double a : new double[] {0.3, 1.0, 2.5}) {
            assertEquals(Math.exp(-a * a / 2), gh.expect(z -> Math.cos(a * z)), 1e-13);
        }
        // 2-D: E cos(a u + b v) = exp(-(a^2 + b^2)/2)
        assertEquals(Math.exp(-(0.7 * 0.7 + 1.3 * 1.3) / 2), gh.expect2((u, v) -> Math.cos(0.7 * u + 1.3 * v)), 1e-13);
    }

    @Test
    void weightsSumToOneAndRuleIsSymmetric() {
        GaussHermite gh = GaussHermite.of(121);
        double sum = 0;
        for (int k = 0; k < gh.size(); k++) {
            sum += gh.weight(k);
            assertEquals(-gh.node(k), gh.node(gh.size() - 1 - k), 0.0);
        }
        assertEquals(1.0, sum, 1e-14);
    }
}
