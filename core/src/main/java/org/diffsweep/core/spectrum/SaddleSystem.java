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

    /** The large-|z| asymptotics (physical branch): q ~ -1/z and the companion unknowns. */
    void initialGuess(Cx z, Cx[] x);

    /** Location of the delta peak (the s^2 term). */
    double deltaLocation();

    /** A rough upper end of the spectrum (asymptotic edges, §3.4); the solver verifies and enlarges it. */
    double upperEstimate();

    /** min_c of the asymptotic lower memorization edges (§3.4, §5.4), used to label the small cluster. */
    double asymptoticMemorizationEdge();

    /**
     * Geometric mean of the asymptotic upper memorization edge and the asymptotic lower edge of the U~ bulk
     * (§3.4): bulks entirely above it are generalization bulks, entirely below memorization bulks.
     */
    double asymptoticSeparator();
}
