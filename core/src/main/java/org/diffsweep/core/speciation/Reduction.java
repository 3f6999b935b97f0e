package org.diffsweep.core.speciation;

import org.diffsweep.core.mixture.GaussianMixture;

/**
 * The exact low-dimensional coordinates of the isotropic mixture's posteriors (theory §5.2, §6.2). Every class
 * posterior {@code p_c(x, t) ∝ pi_c Gamma_c^{-d/2} exp(-|x - e^{-t} mu_c|^2 / (2 Gamma_c))} depends on x only through
 * {@code y}, its coordinates on the span of the centroids (dimension k = 0, 1 or 2: the centroids lie in span(e1, e2),
 * so y = (x_1, x_2), (x_1) or nothing), and {@code R = |x - y|^2}, the squared norm of the other {@code m = d - k}
 * coordinates; R drops out when all variances are equal. Immutable.
 */
final class Reduction {
    final int d;
    final int nc;
    /** Dimension of the span of the centroids. */
    final int k;
    /** Degrees of freedom of R: d - k. */
    final int m;
    /** Centroid coordinates on the span, {@code mu[c * 2 + i]}, i < k. */
    final double[] mu;
    final double[] muSq;
    final double[] logW;
    final double[] var;
    final boolean equalVariances;

    Reduction(GaussianMixture gm) {
        d = gm.dimension();
        nc = gm.numClasses();
        mu = new double[2 * nc];
        muSq = new double[nc];
        logW = new double[nc];
        var = new double[nc];
        boolean any1 = false, any2 = false, eq = true;
        for (int c = 0; c < nc; c++) {
            double[] x = gm.centroid(c);
            mu[2 * c] = x[0];
            mu[2 * c + 1] = d > 1 ? x[1] : 0.0;
            any1 |= mu[2 * c] != 0;
            any2 |= mu[2 * c + 1] != 0;
            muSq[c] = gm.centroidNormSq(c);
            logW[c] = Math.log(gm.weight(c));
            var[c] = gm.variance(c);
            if (var[c] != var[0]) eq = false;
        }
        k = any2 ? 2 : (any1 ? 1 : 0);
        m = d - k;
        equalVariances = eq;
    }

    /** True when the posteriors depend on R (some variances differ and R has at least one degree of freedom). */
    boolean needsR() { return !equalVariances && m > 0; }
}
