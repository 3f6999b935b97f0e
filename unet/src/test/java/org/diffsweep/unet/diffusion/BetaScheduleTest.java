package org.diffsweep.unet.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BetaScheduleTest {
    private final BetaSchedule s = BetaSchedule.ddpm();

    @Test
    void endpointsAndFinalAlphaBarOfTheStandardDdpmSchedule() {
        assertEquals(1000, s.steps());
        assertEquals(1e-4, s.beta(1), 1e-18);
        assertEquals(2e-2, s.beta(1000), 1e-17);
        assertEquals(1.0, s.alphaBar(0), 0);
        // alphas_cumprod[-1] of the linear DDPM schedule is 4.0358e-05 (value printed by every DDPM implementation).
        assertEquals(4.0358e-5, s.alphaBar(1000), 1e-9);
        assertEquals((1 - 1e-4) * (1 - (1e-4 + 1.99e-2 / 999)), s.alphaBar(2), 1e-15);
    }

    @Test
    void ouTimeIsHalfMinusLogAlphaBarAndFirstOrderHalfSumOfBetas() {
        double sum = 0;
        for (int t = 1; t <= 1000; t++) {
            sum += s.beta(t);
            assertEquals(-0.5 * Math.log(s.alphaBar(t)), s.ouTime(t), 1e-15);
            assertTrue(s.ouTime(t) > s.ouTime(t - 1));
            if (t <= 50) {
                // -log(1 - b) = b + b^2/2 + ...: the half-sum of betas is exact to (1/4) sum b^2 <= 50 * (1.08e-3)^2 / 4 = 1.46e-5.
                assertEquals(0.5 * sum, s.ouTime(t), 1.5e-5);
            }
        }
    }

    @Test
    void stepForOuTimeIsTheBruteForceNearestStep() {
        for (double t : new double[] {0.001, 0.01, 0.1, 0.5, 2.0}) {
            int best = 1;
            for (int k = 2; k <= 1000; k++) if (Math.abs(s.ouTime(k) - t) < Math.abs(s.ouTime(best) - t)) best = k;
            assertEquals(best, s.stepForOuTime(t));
        }
        // t = 0.01: the half-sum of betas, 5e-5 k + 5e-6 k^2 (approximately), crosses 0.01 near k = 40.
        int k = s.stepForOuTime(0.01);
        assertTrue(k >= 39 && k <= 42, "t*=" + k);
        assertThrows(IllegalArgumentException.class, () -> s.stepForOuTime(0));
    }
}
