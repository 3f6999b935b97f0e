package org.diffsweep.core.dynamics;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.point.NoiseMode;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.point.TauGrid;
import org.diffsweep.core.random.RandomStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Single-class limit (theory §3.4, [B] Thm 3.2): for p >> n the memorisation time grows with n
 * (asymptotically tau_mem = psi_p/(Delta_t lambda_-) ~ psi_n/(Delta_t v_t^2), linear in n) while the
 * generalisation time tau_gen = O(1/Delta_t) does not depend on n.
 *
 * <p>At the finite sizes affordable here (d = 10, p/n between 4 and 32) lambda_- = s_t^2 + v_t^2 (1 - sqrt(psi_p/psi_n))^2
 * is far from its asymptote v_t^2 psi_p/psi_n, and the fixed threshold deltaGen = 0.01 meets the L_gen curves in their
 * early rise, whose amplitude also falls with n: the measured growth is faster than linear (log-log slope ~1.5-1.9 in
 * prototypes). The tests therefore assert growth with a slope between 0.5 and 2.5 (i.e. tau_mem / n neither constant
 * nor flat), and tau_gen constant within 20 % (prototype spread: 10-15 % over an 8x range of n, from the slow drift of
 * E_min with n).
 */
class SingleClassScalingTest {

    private static MeasuredClassTimes run(int d, double psiP, double psiN, String key) {
        PointParams pp = new PointParams(d, psiP, psiN, 0.01, 1, List.of(new ClassSpec("X", 1.0, 0, 0, 1.0)),
                PointParams.DEFAULT_DELTA_GEN, PointParams.DEFAULT_KAPPA, new TauGrid(1e-1, 1e6, 120), NoiseMode.EXACT);
        return RfDynamics.run(pp, RandomStreams.forKey(key)).classes().get(0);
    }

    private static void check(int d, double psiP, double[] psiN, String key) {
        double[] mem = new double[psiN.length], gen = new double[psiN.length];
        for (int i = 0; i < psiN.length; i++) {
            MeasuredClassTimes ct = run(d, psiP, psiN[i], key);
            assertNotNull(ct.tauMem(), "tau_mem at psi_n = " + psiN[i]);
            assertNotNull(ct.tauGen(), "tau_gen at psi_n = " + psiN[i]);
            mem[i] = ct.tauMem();
            gen[i] = ct.tauGen();
        }
        for (int i = 1; i < psiN.length; i++) {
            assertTrue(mem[i] > mem[i - 1], "tau_mem must grow with n: " + java.util.Arrays.toString(mem));
        }
        int last = psiN.length - 1;
        double slope = Math.log(mem[last] / mem[0]) / Math.log(psiN[last] / psiN[0]);
        assertTrue(slope > 0.5 && slope < 2.5, "log-log slope of tau_mem vs n = " + slope);
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (double g : gen) {
            lo = Math.min(lo, g);
            hi = Math.max(hi, g);
        }
        assertTrue(hi / lo < 1.2, "tau_gen must not depend on n: " + java.util.Arrays.toString(gen));
    }

    /** Default-run version: d = 10, psi_p = 64, psi_n in {2, 4, 8}. */
    @Test
    void memorisationTimeGrowsWithNAndGeneralisationTimeDoesNot() {
        check(10, 64, new double[] {2, 4, 8}, "single-class");
    }

    /** The issue's grid: psi_n in {4, 8, 16, 32} at psi_p = 128 (p = 1280), two seeds. */
    @Tag("slow")
    @Test
    void issueGridPsiN4To32() {
        check(10, 128, new double[] {4, 8, 16, 32}, "single-class-a");
        check(10, 128, new double[] {4, 8, 16, 32}, "single-class-b");
    }
}
