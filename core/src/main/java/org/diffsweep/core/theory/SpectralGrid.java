package org.diffsweep.core.theory;

import java.util.List;
import org.diffsweep.core.spectrum.Bulk;

/**
 * Quadrature nodes on the bulks of the asymptotic spectrum of U: in each bulk [lo, hi], {@code m} midpoints of a
 * uniform grid in theta with {@code lambda = lo + (hi - lo)(1 - cos theta)/2} and weights
 * {@code (hi - lo)/2 sin theta pi/m}. The substitution turns the square-root edges of a density into a smooth
 * periodic integrand (the midpoint rule then converges fast) and integrates an inverse-square-root edge (a bulk
 * touching s̄^2 when n + d >= p) without a node on the singularity. Lambdas ascend; {@code bulk[j]} is the bulk
 * index of node j. The delta peak at s̄^2 carries no node: its eigenvectors are orthogonal to W and the data, and
 * never enter the losses with A(0) = 0 (theory §3.4).
 */
record SpectralGrid(double[] lambda, double[] weight, int[] bulk) {

    static SpectralGrid of(List<Bulk> bulks, int perBulk) {
        if (perBulk < 4) throw new IllegalArgumentException("perBulk must be >= 4, got " + perBulk);
        int n = bulks.size() * perBulk;
        double[] lam = new double[n], w = new double[n];
        int[] b = new int[n];
        for (int k = 0; k < bulks.size(); k++) {
            double lo = bulks.get(k).lo(), hi = bulks.get(k).hi();
            for (int j = 0; j < perBulk; j++) {
                double th = (j + 0.5) * Math.PI / perBulk;
                int i = k * perBulk + j;
                lam[i] = lo + (hi - lo) * 0.5 * (1 - Math.cos(th));
                w[i] = (hi - lo) * 0.5 * Math.sin(th) * Math.PI / perBulk;
                b[i] = k;
            }
        }
        return new SpectralGrid(lam, w, b);
    }

    int size() { return lambda.length; }
}
