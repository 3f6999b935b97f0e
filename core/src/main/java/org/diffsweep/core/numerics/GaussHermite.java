package org.diffsweep.core.numerics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.diffsweep.core.linalg.LinAlg;

/**
 * Gauss–Hermite quadrature for the standard normal measure ("probabilists'" weight {@code e^{-x^2/2}/sqrt(2 pi)}),
 * so that {@code E_{z~N(0,1)} f(z) ~= sum_k w_k f(x_k)} with {@code sum_k w_k = 1}. Exact for polynomials of degree
 * up to {@code 2 n - 1}.
 *
 * <p>Nodes and weights come from the Golub–Welsch algorithm: the nodes are the eigenvalues of the symmetric
 * tridiagonal Jacobi matrix with zero diagonal and off-diagonal {@code sqrt(k)}, k = 1..n-1, and each weight is the
 * squared first component of the corresponding normalised eigenvector (theory §3.1). Computed once per n with the
 * pure-Java LAPACK, so the rule is bit-identical on every machine. Instances are immutable and thread-safe.
 */
public final class GaussHermite {
    private static final ConcurrentHashMap<Integer, GaussHermite> CACHE = new ConcurrentHashMap<>();

    private final double[] nodes;
    private final double[] weights;

    private GaussHermite(double[] nodes, double[] weights) {
        this.nodes = nodes;
        this.weights = weights;
    }

    /** The n-point rule (cached). */
    public static GaussHermite of(int n) {
        if (n < 1) throw new IllegalArgumentException("number of nodes must be >= 1, got " + n);
        return CACHE.computeIfAbsent(n, GaussHermite::compute);
    }

    private static GaussHermite compute(int n) {
        double[] diag = new double[n];
        double[] off = new double[Math.max(1, n - 1)];
        for (int k = 1; k < n; k++) off[k - 1] = Math.sqrt(k);
        double[] z = new double[n * n];
        LinAlg.pureJava().tridiagonalEigen(n, diag, off, z);
        double[] w = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            double v = z[k * n]; // first component of eigenvector k
            w[k] = v * v;
            sum += w[k];
        }
        for (int k = 0; k < n; k++) w[k] /= sum;
        // Symmetrise: the exact rule is symmetric about 0.
        for (int k = 0; k < n / 2; k++) {
            int m = n - 1 - k;
            double x = 0.5 * (diag[m] - diag[k]);
            diag[k] = -x;
            diag[m] = x;
            double ww = 0.5 * (w[k] + w[m]);
            w[k] = ww;
            w[m] = ww;
        }
        if (n % 2 == 1) diag[n / 2] = 0.0;
        return new GaussHermite(diag, w);
    }

    public int size() { return nodes.length; }

    public double node(int k) { return nodes[k]; }

    public double weight(int k) { return weights[k]; }

    /** A copy of the nodes, ascending. */
    public double[] nodes() { return nodes.clone(); }

    /** A copy of the weights (sum 1). */
    public double[] weights() { return weights.clone(); }

    /** {@code E f(z)}, z ~ N(0, 1). */
    public double expect(DoubleUnaryOperator f) {
        double s = 0;
        for (int k = 0; k < nodes.length; k++) s += weights[k] * f.applyAsDouble(nodes[k]);
        return s;
    }

    /** {@code E f(u, v)}, u, v iid N(0, 1), by the tensor-product rule. */
    public double expect2(DoubleBinaryOperator f) {
        double s = 0;
        for (int i = 0; i < nodes.length; i++) {
            double inner = 0;
            for (int j = 0; j < nodes.length; j++) inner += weights[j] * f.applyAsDouble(nodes[i], nodes[j]);
            s += weights[i] * inner;
        }
        return s;
    }
}
