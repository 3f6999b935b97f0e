package org.diffsweep.core.features;

/**
 * Noise-averaged feature moments of a set of clean points {@code x^nu} at diffusion time t (theory §2.2):
 * {@code U = (1/N) sum_nu E_xi[phi(x_t^nu) phi(x_t^nu)^T]} (p x p) and
 * {@code V = (1/N) sum_nu E_xi[phi(x_t^nu) xi^T]} (p x d), column-major, with
 * {@code x_t = e^{-t} x + sqrt(Delta_t) xi}. The arrays are owned by this object; callers must not modify them.
 *
 * @param p      number of features
 * @param d      data dimension
 * @param count  number N of clean points averaged
 * @param u      U, p x p symmetric
 * @param v      V, p x d
 */
public record FeatureMoments(int p, int d, int count, double[] u, double[] v) {
    public FeatureMoments {
        if (u.length != p * p || v.length != p * d) throw new IllegalArgumentException("U must be p x p and V p x d");
    }
}
