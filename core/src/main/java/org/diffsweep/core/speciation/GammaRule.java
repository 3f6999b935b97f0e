package org.diffsweep.core.speciation;

import java.util.concurrent.ConcurrentHashMap;
import org.diffsweep.core.linalg.LinAlg;

/**
 * Generalised Gauss–Laguerre rule for the Gamma(shape, 1) law, {@code E f(G) ~= sum_k w_k f(x_k)} with
 * {@code sum_k w_k = 1}, exact for polynomials of degree up to 2n - 1. Golub–Welsch: the nodes are the eigenvalues of
 * the Jacobi matrix with diagonal {@code 2i + alpha + 1} and off-diagonal {@code sqrt(i (i + alpha))}, alpha =
 * shape - 1, the weights the squared first eigenvector components, computed with the pure-Java LAPACK (bit-identical
 * everywhere). Cached per (n, shape); immutable.
 */
final class GammaRule {
    private static final ConcurrentHashMap<String, GammaRule> CACHE = new ConcurrentHashMap<>();

    final double[] nodes;
    final double[] weights;

    private GammaRule(double[] nodes, double[] weights) {
        this.nodes = nodes;
        this.weights = weights;
    }

    /** The n-point rule for Gamma(shape, 1), shape > 0. */
    static GammaRule of(int n, double shape) {
        if (n < 1) throw new IllegalArgumentException("n must be >= 1, got " + n);
        if (!(shape > 0)) throw new IllegalArgumentException("shape must be > 0, got " + shape);
        return CACHE.computeIfAbsent(n + ":" + Double.doubleToLongBits(shape), key -> compute(n, shape));
    }

    private static GammaRule compute(int nodes, double shape) {
        double alpha = shape - 1;
        double[] diag = new double[nodes];
        double[] off = new double[Math.max(1, nodes - 1)];
        for (int n = 0; n < nodes; n++) diag[n] = 2 * n + alpha + 1;
        for (int n = 1; n < nodes; n++) off[n - 1] = Math.sqrt(n * (n + alpha));
        double[] z = new double[nodes * nodes];
        LinAlg.pureJava().tridiagonalEigen(nodes, diag, off, z);
        double[] w = new double[nodes];
        double s = 0;
        for (int k = 0; k < nodes; k++) {
            w[k] = z[k * nodes] * z[k * nodes];
            s += w[k];
        }
        for (int k = 0; k < nodes; k++) w[k] /= s;
        return new GammaRule(diag, w);
    }
}
