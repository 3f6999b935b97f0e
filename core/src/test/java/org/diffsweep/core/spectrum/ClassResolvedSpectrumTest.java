package org.diffsweep.core.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.diffsweep.core.linalg.LinAlg;
import org.diffsweep.core.random.SeededStream;
import org.junit.jupiter.api.Test;

class ClassResolvedSpectrumTest {
    private static final LinAlg LA = LinAlg.pureJava();

    /** U_c = F F^T / n_c + s I with F ~ N(0, scale^2), p x n_c: positive definite. */
    private static double[] classU(int p, int nc, double scale, double s, SeededStream rng) {
        double[] f = new double[p * nc];
        for (int i = 0; i < f.length; i++) f[i] = scale * rng.nextGaussian();
        double[] u = new double[p * p];
        LA.syrk(false, p, nc, 1.0 / nc, f, 0.0, u);
        for (int i = 0; i < p; i++) u[i * p + i] += s;
        return u;
    }

    /**
     * w_c(k) = (n_c/n) v_k^T U_c v_k / lambda_k: every weight is >= 0 and, since U = sum_c (n_c/n) U_c, they sum to 1.
     * The implementation gets the last class as 1 - sum of the others; here every class is computed by brute force
     * and compared (1e-10: rounding of p = 40 dot products).
     */
    @Test
    void weightsArePositiveAndMatchBruteForce() {
        int p = 40, d = 5;
        int[] sizes = {10, 15};
        SeededStream rng = new SeededStream(7);
        List<double[]> us = List.of(classU(p, sizes[0], 1.5, 0.01, rng), classU(p, sizes[1], 0.5, 0.02, rng));
        double[] u = new double[p * p];
        for (int c = 0; c < 2; c++) for (int i = 0; i < u.length; i++) u[i] += sizes[c] / 25.0 * us.get(c)[i];
        double[] vec = u.clone();
        double[] ev = new double[p];
        LA.symmetricEigen(p, vec, ev);
        ClassResolvedSpectrum s = ClassResolvedSpectrum.of(d, ev, vec, us, sizes, 0.02, LA);
        int k0 = s.groups().nullEnd();
        assertEquals(p - 25 - d, k0);
        for (int c = 0; c < 2; c++) {
            double[] w = s.weights(c);
            for (int k = k0; k < p; k++) {
                double q = 0;
                for (int i = 0; i < p; i++) for (int j = 0; j < p; j++) q += vec[k * p + i] * us.get(c)[j * p + i] * vec[k * p + j];
                double brute = sizes[c] / 25.0 * q / ev[k];
                assertEquals(brute, w[k], 1e-10, "w_" + c + "(" + k + ")");
                assertTrue(w[k] >= 0);
            }
        }
    }

    /**
     * One class: the (w) weights are all 1, so the (w) quantiles and harmonic mean are the unweighted ones of the
     * pooled spectrum, which is also the (cw) spectrum: both definitions must give identical times.
     */
    @Test
    void oneClassDefinitionsCoincide() {
        int p = 60, d = 6, n = 24;
        double[] u1 = classU(p, n, 1.0, 0.01, new SeededStream(11));
        double[] vec = u1.clone();
        double[] ev = new double[p];
        LA.symmetricEigen(p, vec, ev);
        ClassResolvedSpectrum s = ClassResolvedSpectrum.of(d, ev, vec, List.of(u1), new int[] {n}, 0.1, LA);
        ClassResolvedSpectrum.SampledClassSpectrum t = s.classes().get(0);
        assertEquals(t.tauGenSpecW(), t.tauGenSpecCw(), 1e-9 * t.tauGenSpecW());
        assertEquals(t.tauMemSpecWAll(), t.tauMemSpecCw(), 1e-9 * t.tauMemSpecCw(), "with no cluster split the edges coincide");
        assertTrue(psiTimes(p, d, 0.1, ev[p - 1]) < t.tauGenSpecW(), "the harmonic mean is below the top eigenvalue");
    }

    private static double psiTimes(int p, int d, double deltaT, double lam) { return (double) p / d / (deltaT * lam); }

    /**
     * Grouping of a synthetic spectrum with the structure of §3.4–3.5 (p = 100, n = 40, d = 10): 50 near-null values,
     * a cluster of 10, rho_1 of 30, a top bulk of 10, all separated by decades.
     */
    @Test
    void groupsFollowDimensionCountingAndGaps() {
        double[] ev = new double[100];
        for (int i = 0; i < 50; i++) ev[i] = 1e-3 * (1 + 1e-3 * i);
        for (int i = 0; i < 10; i++) ev[50 + i] = 3e-3 + 2e-4 * i;
        for (int i = 0; i < 30; i++) ev[60 + i] = 0.05 + 0.005 * i;
        for (int i = 0; i < 10; i++) ev[90 + i] = 5 + 1.5 * i;
        SpectralGroups g = SpectralGroups.of(ev, 40, 10);
        assertEquals(50, g.nullEnd());
        assertEquals(60, g.clusterEnd());
        assertEquals(90, g.genStart());
        assertFalse(g.merged());
        assertTrue(SpectralGroups.of(ev, 10, 10).merged(), "n <= d is flagged merged");
        // no gaps at all: merged, split by count
        double[] flat = new double[100];
        for (int i = 0; i < 100; i++) flat[i] = 1 + 0.01 * i;
        SpectralGroups f = SpectralGroups.of(flat, 90, 10);
        assertTrue(f.merged());
        assertEquals(90, f.genStart());
    }
}
