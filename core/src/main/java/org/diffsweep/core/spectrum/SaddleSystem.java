package org.diffsweep.core.spectrum;

/**
 * A holomorphic system F(x; z) = 0 in k complex unknowns whose first unknown is the Stieltjes transform
 * {@code q(z) = (1/p) Tr (U - z)^{-1}} (theory §3.3). Implementations give the residual and its complex Jacobian.
 */
interface SaddleSystem {
    /** Number of complex unknowns k (q first). */
    int size();

    /**
     * Residual {@code f[i]} and Jacobian {@code jac[i * k + j] = dF_i/dx_j} at x for spectral argument z.
     */
    void evaluate(Cx z, Cx[] x, Cx[] f, Cx[] jac);

    /**
     * The same on primitive arrays, complex numbers interleaved (re, im): {@code x[2i], x[2i+1]},
     * {@code f[2i], f[2i+1]}, {@code jac[2(i k + j)], jac[2(i k + j) + 1]}. The default wraps
     * {@link #evaluate(Cx, Cx[], Cx[], Cx[])}; systems on the hot path override it without allocation.
     */
    default void evaluate(double zr, double zi, double[] x, double[] f, double[] jac) {
        int k = size();
        Cx[] cx = new Cx[k], cf = new Cx[k], cj = new Cx[k * k];
        for (int i = 0; i < k; i++) cx[i] = new Cx(x[2 * i], x[2 * i + 1]);
        evaluate(new Cx(zr, zi), cx, cf, cj);
        for (int i = 0; i < k; i++) {
            f[2 * i] = cf[i].re();
            f[2 * i + 1] = cf[i].im();
        }
        for (int i = 0; i < k * k; i++) {
            jac[2 * i] = cj[i].re();
            jac[2 * i + 1] = cj[i].im();
        }
    }

    /** The large-|z| asymptotics (physical branch): q ~ -1/z and the companion unknowns. */
    void initialGuess(Cx z, Cx[] x);

    /** Location of the delta peak (the s^2 term). */
    double deltaLocation();

    /** A rough upper end of the spectrum (asymptotic edges, §3.4); the solver verifies and enlarges it. */
    double upperEstimate();
}
