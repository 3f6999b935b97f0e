package org.diffsweep.core.spectrum;

import java.util.Arrays;

/**
 * Splits the ascending eigenvalues of a sampled U (or of (n_c/n) U_c) into the parts of theory §3.4–3.5:
 * [0, nullEnd) the near-null directions of the delta peak (exactly p - n - d of them in the Gaussian-equivalent
 * matrix: {@code U v = s^2 v} for v orthogonal to span(W) and span(Omega)), [nullEnd, clusterEnd) the small cluster
 * of about d eigenvalues below rho_1 (possibly empty), [clusterEnd, genStart) the memorization bulk rho_1, and
 * [genStart, p) the generalization bulk (about d eigenvalues) with any class-mean outliers.
 *
 * <p>The null part is found by counting (with real tanh features its eigenvalues are smeared around s_t^2 and
 * overlap the cluster, so no gap exists there). The two other splits are the largest gaps in log-eigenvalue among the
 * positions that leave between d/2 and 3d/2 eigenvalues in the generalization part (resp. in the cluster). A split is
 * significant when its log-gap is at least {@link #SIGNIFICANCE} times the median log-gap of the non-null part;
 * otherwise the cluster is empty, or the memorization and generalization bulks are flagged merged (they are then
 * split by count, the top d being the generalization part).
 *
 * @param nullEnd     end of the near-null part
 * @param clusterEnd  end of the small cluster (== nullEnd when none was found)
 * @param genStart    start of the generalization part
 * @param merged      memorization and generalization bulks are not separated by a significant gap (or n <= d)
 */
public record SpectralGroups(int nullEnd, int clusterEnd, int genStart, boolean merged) {
    /** A split gap must exceed this multiple of the median log-spacing (bulk spacings are ~1/count of the range). */
    public static final double SIGNIFICANCE = 5;

    /** Groups of ascending positive eigenvalues {@code ev} of a matrix built from n points in dimension d. */
    public static SpectralGroups of(double[] ev, int n, int d) {
        int p = ev.length;
        int m = Math.min(p, n + d);
        int nullEnd = p - m;
        double[] gaps = new double[Math.max(0, p - nullEnd - 1)];
        for (int j = nullEnd + 1; j < p; j++) gaps[j - nullEnd - 1] = logGap(ev, j);
        double med = 0;
        if (gaps.length > 0) {
            double[] s = gaps.clone();
            Arrays.sort(s);
            med = s[s.length / 2];
        }
        int lo = Math.max(nullEnd + 1, p - (3 * d) / 2), hi = Math.min(p - 1, p - (d + 1) / 2);
        int genStart = -1;
        double best = -1;
        for (int j = lo; j <= hi; j++) {
            double g = logGap(ev, j);
            if (g > best) {
                best = g;
                genStart = j;
            }
        }
        boolean merged = n <= d || genStart < 0 || !(best >= SIGNIFICANCE * med);
        if (merged) genStart = Math.max(nullEnd, p - d);
        int clusterEnd = nullEnd;
        int clo = nullEnd + Math.max(1, (d + 1) / 2), chi = Math.min(genStart - 1, nullEnd + (3 * d) / 2);
        if (!merged) {
            double cb = -1;
            int cj = -1;
            for (int j = clo; j <= chi; j++) {
                double g = logGap(ev, j);
                if (g > cb) {
                    cb = g;
                    cj = j;
                }
            }
            if (cj > 0 && cb >= SIGNIFICANCE * med) clusterEnd = cj;
        }
        return new SpectralGroups(nullEnd, clusterEnd, genStart, merged);
    }

    private static double logGap(double[] ev, int j) {
        double a = ev[j - 1], b = ev[j];
        return a > 0 && b > 0 ? Math.log(b / a) : 0;
    }

    /** True when a small cluster was separated from rho_1. */
    public boolean hasCluster() { return clusterEnd > nullEnd; }
}
