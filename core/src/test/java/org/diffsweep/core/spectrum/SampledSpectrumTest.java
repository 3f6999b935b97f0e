package org.diffsweep.core.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.diffsweep.core.features.FeatureSettings;
import org.diffsweep.core.features.NoiseAveragedMatrices;
import org.diffsweep.core.linalg.LinAlg;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.random.RandomStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Theory vs the spectrum of U built from real tanh features with the exact noise average (features package,
 * theory §2.5): the independent reference for the saddle-point density.
 */
class SampledSpectrumTest {
    private static final LinAlg LA = LinAlg.best();

    /** Sampled pooled U of a point: eigenvalues ascending, eigenvectors in {@code vec}. */
    private record Sample(NoiseAveragedMatrices m, double[] ev, double[] vec) {
        static Sample of(PointParams pp, String key) {
            NoiseAveragedMatrices m = NoiseAveragedMatrices.compute(pp, RandomStreams.forKey(key),
                    FeatureSettings.DEFAULT.withPopulationSize(1), LA);
            double[] u = m.pooledTrainU();
            double[] ev = new double[m.p()];
            LA.symmetricEigen(m.p(), u, ev);
            return new Sample(m, ev, u);
        }
    }

    /** Kolmogorov distance between the empirical law of {@code eig} and the density restricted to bulk b. */
    static double kolmogorov(SpectrumResult r, int b, double[] eig) {
        int per = r.lambda().length / r.bulks().size();
        double[] lam = Arrays.copyOfRange(r.lambda(), b * per, (b + 1) * per);
        double[] rho = Arrays.copyOfRange(r.rho(), b * per, (b + 1) * per);
        double[] cdf = new double[per];
        for (int j = 1; j < per; j++) cdf[j] = cdf[j - 1] + 0.5 * (rho[j] + rho[j - 1]) * (lam[j] - lam[j - 1]);
        double tot = cdf[per - 1];
        double[] e = eig.clone();
        Arrays.sort(e);
        double dist = 0;
        for (int i = 0; i < e.length; i++) {
            double f = theoryCdf(lam, cdf, e[i]) / tot;
            dist = Math.max(dist, Math.max(Math.abs(f - (double) i / e.length), Math.abs(f - (double) (i + 1) / e.length)));
        }
        return dist;
    }

    private static double theoryCdf(double[] lam, double[] cdf, double x) {
        if (x <= lam[0]) return 0;
        if (x >= lam[lam.length - 1]) return cdf[cdf.length - 1];
        int j = Arrays.binarySearch(lam, x);
        if (j >= 0) return cdf[j];
        j = -j - 1;
        double f = (x - lam[j - 1]) / (lam[j] - lam[j - 1]);
        return cdf[j - 1] + f * (cdf[j] - cdf[j - 1]);
    }

    /**
     * Single class, Sigma = I, t = 0.01, psi_p = 8, psi_n = 2. Eigenvalues are grouped by dimension counting
     * (p - n - d near-null, then the d of the cluster, the n - d of rho_1, the top d). Each group is compared with its
     * bulk: Kolmogorov distance, and the group's extreme eigenvalues against the bulk edges.
     * Tolerances. The theory is asymptotic and the features are real tanh, not the Gaussian-equivalent matrix: the
     * deviations are O(1/sqrt d) in distribution (eigenvalue rigidity makes pure sampling noise O(1/N), far smaller),
     * so the bound is c/sqrt(d) with c = 1 for rho_1 and rho_2, and c = 2.5 for the cluster, which sits at the scale
     * s_t^2 where the real near-null eigenvalues (smeared around s_t^2 by the Hermite terms of order >= 2 that the GE
     * lumps into s_t^2 I) overlap it. Measured: d = 100: 0.181, 0.064, 0.028; d = 200: 0.113, 0.034, 0.013 (bounds
     * 0.25, 0.1, 0.1 and 0.177, 0.071, 0.071). Edges: extreme eigenvalues fluctuate by O(N^{-2/3}) of the width plus the
     * same bias: 20 % of the bulk width (measured <= 10 %).
     */
    @Test
    void densityMatchesSampledRealFeatureSpectrumAtD100() {
        checkAgainstSample(100, "sampled-100");
    }

    /** The same at d = 200 (p = 1600): tighter bounds c/sqrt(d). */
    @Test
    @Tag("slow")
    void densityMatchesSampledRealFeatureSpectrumAtD200() {
        checkAgainstSample(200, "sampled-200");
    }

    private static void checkAgainstSample(int d, String key) {
        PointParams pp = PointParams.of(d, 8, 2, 0.01, 1, List.of(new ClassSpec("A", 1, 0, 0, 1)));
        Sample s = Sample.of(pp, key);
        SpectrumResult r = SpectrumSolver.solve(pp);
        assertEquals(1.0, r.totalMass(), 1e-5, "total mass");
        assertEquals(3, r.bulks().size());
        int p = pp.p(), n = pp.n();
        int[][] groups = {{p - n - d, p - n}, {p - n, p - d}, {p - d, p}};
        for (int b = 0; b < 3; b++) {
            double[] g = Arrays.copyOfRange(s.ev(), groups[b][0], groups[b][1]);
            Bulk bulk = r.bulks().get(b);
            assertEquals(bulk.mass() * p, g.length, 1e-3 * p, "count of bulk " + b);
            double ks = kolmogorov(r, b, g);
            double tol = (b == 0 ? 2.5 : 1.0) / Math.sqrt(d);
            assertTrue(ks < tol, "Kolmogorov distance of bulk " + b + " = " + ks + " > " + tol);
            double width = bulk.hi() - bulk.lo();
            assertEquals(bulk.lo(), g[0], 0.2 * width, "lower edge of bulk " + b);
            assertEquals(bulk.hi(), g[g.length - 1], 0.2 * width, "upper edge of bulk " + b);
        }
    }
}
