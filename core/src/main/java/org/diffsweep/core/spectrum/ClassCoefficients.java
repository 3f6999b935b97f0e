package org.diffsweep.core.spectrum;

import org.diffsweep.core.numerics.GaussHermite;

/**
 * Per-class conditional Gaussian-equivalence coefficients of theory §5.4 for sigma = tanh, averaged over the class
 * offset {@code m ~ N(0, e^{-2t} r_c^2)} of the features (feature-homogeneous approximation).
 *
 * <p>With {@code f = tanh(m + e^{-t} sigma_c g + sqrt(Delta_t) u)}, g, u iid N(0,1), {@code sigma_0(m, g) = E_u f}:
 * {@code kappa0 = E_g sigma_0}, {@code kappa1 = E_g[g sigma_0]}, {@code v^2 = E_g sigma_0^2 - kappa0^2 - kappa1^2},
 * {@code b = E[u f]}, {@code N = E f^2}, {@code s^2 = N - kappa0^2 - kappa1^2 - v^2 - b^2}; this record holds their
 * m-averages {@code <kappa0^2>}, {@code <kappa1^2>} (= k1_c), {@code <v^2>}, {@code <b^2>}, {@code <s^2>}, {@code <N>}.
 * For r_c = 0 and sigma_c^2 = sigma_x^2 they are the single-class constants of §3.1:
 * {@code k1 = e^{-2t} sigma_x^2 a_t^2}, {@code v2 = v_t^2}, {@code b2 = b_t^2}, {@code s2 = s_t^2},
 * {@code normSq = ||sigma||^2}, {@code mu_1^2 = k1 + b2}.
 *
 * @param t          diffusion time
 * @param variance   sigma_c^2
 * @param radius     r_c (|mu_c|^2 = d r_c^2)
 * @param kappa0Sq   {@code <kappa0^2>} (class-mean term; 0 when r_c = 0)
 * @param k1         {@code <kappa1^2>}: linear (data) coefficient squared
 * @param v2         {@code <v_c^2>}: nonlinear data part
 * @param b2         {@code <b_c^2>}: noise-linear part
 * @param s2         {@code <s_c^2>}: the rest (location of the delta peak)
 * @param normSq     {@code <E f^2>}: mean diagonal of U_c
 */
public record ClassCoefficients(double t, double variance, double radius,
                                double kappa0Sq, double k1, double v2, double b2, double s2, double normSq) {

    /**
     * Nodes of the Gauss–Hermite rules in g and u. tanh has poles at distance pi/2 from the real axis, so the rule
     * converges slowly when e^{-t} sigma_c is large: at sigma_c^2 = 4, s^2 moves by 4e-3 (relative) from 64 to 160
     * nodes and by 3e-5 from 128 to 160.
     */
    public static final int DEFAULT_NODES = 128;
    /** Nodes of the rule in the offset m (a smoother average): 64. */
    public static final int DEFAULT_OFFSET_NODES = 64;

    /** Coefficients of one class with the default rules. */
    public static ClassCoefficients of(double t, double variance, double radius) {
        return of(t, variance, radius, DEFAULT_NODES, DEFAULT_OFFSET_NODES);
    }

    /** Same with explicit numbers of nodes for (g, u) and for m. */
    public static ClassCoefficients of(double t, double variance, double radius, int nodes, int offsetNodes) {
        if (!(t > 0) || !Double.isFinite(t)) throw new IllegalArgumentException("t must be finite and > 0, got " + t);
        if (!(variance > 0) || !Double.isFinite(variance)) throw new IllegalArgumentException("variance must be > 0, got " + variance);
        if (!(radius >= 0) || !Double.isFinite(radius)) throw new IllegalArgumentException("radius must be >= 0, got " + radius);
        GaussHermite gh = GaussHermite.of(nodes);
        double[] x = gh.nodes();
        double[] w = gh.weights();
        GaussHermite ghm = GaussHermite.of(offsetNodes);
        double[] xm = ghm.nodes();
        double[] wm0 = ghm.weights();
        double a = Math.exp(-t);
        double delta = -Math.expm1(-2 * t);
        double sg = a * Math.sqrt(variance);
        double su = Math.sqrt(delta);
        double sm = a * radius;
        int mCount = radius == 0 ? 1 : xm.length;
        int nu = x.length;
        // tanh(y) = (1 - P) / (1 + P) with P = e^{-2y} = e^{-2 pre} e^{-2 su x_u}, y = pre + su x_u. For pre < 0,
        // tanh(y) = -tanh(|pre| + su x_u') with the mirrored node x_u' = -x_u (the rule is symmetric), so e^{-2|pre|}
        // <= 1 and P <= e^{2 su max|x_u|} stays finite (su <= 1). One StrictMath.exp per (m, g) and one per u node
        // replace one tanh per (m, g, u) (bit-identical on every machine, unlike Math.tanh); within ~1e-16 of tanh.
        double[] eu = new double[nu];
        for (int iu = 0; iu < nu; iu++) eu[iu] = StrictMath.exp(-2 * su * x[iu]);
        double k0s = 0, k1s = 0, v2s = 0, b2s = 0, s2s = 0, ns = 0;
        for (int im = 0; im < mCount; im++) {
            double m = radius == 0 ? 0 : sm * xm[im];
            double wm = radius == 0 ? 1 : wm0[im];
            double k0 = 0, k1 = 0, e0sq = 0, b = 0, nn = 0;
            for (int ig = 0; ig < x.length; ig++) {
                double pre = m + sg * x[ig];
                boolean neg = pre < 0;
                double eg = StrictMath.exp(-2 * Math.abs(pre));
                double s0 = 0, su1 = 0, s2 = 0;
                for (int iu = 0; iu < nu; iu++) {
                    double pp = eg * eu[neg ? nu - 1 - iu : iu];
                    double f = (1 - pp) / (1 + pp);
                    if (neg) f = -f;
                    double wf = w[iu] * f;
                    s0 += wf;
                    su1 += wf * x[iu];
                    s2 += wf * f;
                }
                k0 += w[ig] * s0;
                k1 += w[ig] * x[ig] * s0;
                e0sq += w[ig] * s0 * s0;
                b += w[ig] * su1;
                nn += w[ig] * s2;
            }
            double v2 = e0sq - k0 * k0 - k1 * k1;
            double s2 = nn - k0 * k0 - k1 * k1 - v2 - b * b;
            k0s += wm * k0 * k0;
            k1s += wm * k1 * k1;
            v2s += wm * v2;
            b2s += wm * b * b;
            s2s += wm * s2;
            ns += wm * nn;
        }
        return new ClassCoefficients(t, variance, radius, k0s, k1s, v2s, b2s, s2s, ns);
    }

    /** {@code mu_1^2 = <kappa1^2> + <b^2>} (for r = 0 this is {@code E[tanh(Gamma u) u]^2}, §3.1). */
    public double mu1Sq() { return k1 + b2; }

    /** {@code a_t = kappa1 / (e^{-t} sigma_c)} of §3.1 (meaningful for r = 0). */
    public double aT() { return Math.sqrt(k1) / (Math.exp(-t) * Math.sqrt(variance)); }
}
