package org.diffsweep.core.features;

import org.diffsweep.core.numerics.GaussHermite;

/**
 * Gaussian-equivalence constants of the random-features model at diffusion time t for data of second moment
 * {@code sigma_x^2 = Tr(Sigma)/d} (theory §3.1, [B] eq.12-14, SM eq.41-48), computed by Gauss–Hermite quadrature
 * (1-D rules of {@value #DEFAULT_NODES} nodes, 2-D as tensor products). With u, v, w iid N(0,1) and
 * {@code c = e^{-t} sigma_x}:
 *
 * <pre>
 *   b_t       = E[ v sigma(c u + sqrt(Delta_t) v) ]
 *   a_t       = E[ sigma(c u + sqrt(Delta_t) v) u / c ]
 *   v_t^2     = E_u[ sigma_0(c u)^2 ] - a_t^2 c^2,   sigma_0(eta) = E_v sigma(eta + sqrt(Delta_t) v)
 *   ||sigma||^2 = E_u[ sigma(Gamma_t u)^2 ],          Gamma_t^2 = e^{-2t} sigma_x^2 + Delta_t
 *   s_t^2     = ||sigma||^2 - a_t^2 c^2 - v_t^2 - b_t^2
 *   mu_1      = E_u[ sigma(Gamma_t u) u ]
 * </pre>
 *
 * For tanh and {@code sigma_x^2 = 1, t = 0.01}: a = 0.60571, b = 0.085233, v^2 = 0.025542, s^2 = 0.0018735,
 * ||sigma||^2 = 0.39429 (§3.1 table). Stein's lemma gives {@code a_t = mu_1/Gamma_t}, {@code b_t = sqrt(Delta_t) mu_1/Gamma_t}.
 *
 * @param sigmaX2     data second moment per dimension {@code sigma_x^2}
 * @param t           diffusion (OU) time
 * @param deltaT      {@code Delta_t = 1 - e^{-2t}}
 * @param gamma2      {@code Gamma_t^2 = e^{-2t} sigma_x^2 + Delta_t}
 * @param a           {@code a_t}
 * @param b           {@code b_t}
 * @param v2          {@code v_t^2}
 * @param s2          {@code s_t^2} (location of the delta peak of the spectrum of U)
 * @param mu1         {@code mu_1(t)}
 * @param sigmaNorm2  {@code ||sigma||^2}
 */
public record GeConstants(double sigmaX2, double t, double deltaT, double gamma2,
                          double a, double b, double v2, double s2, double mu1, double sigmaNorm2) {
    /** Nodes of the 1-D Gauss–Hermite rule used by {@link #of(double, double)}. */
    public static final int DEFAULT_NODES = 120;

    /** Constants for tanh features. */
    public static GeConstants of(double sigmaX2, double t) {
        return of(sigmaX2, t, Activation.TANH, DEFAULT_NODES);
    }

    /** Constants for the given activation with an {@code nodes}-point rule per dimension. */
    public static GeConstants of(double sigmaX2, double t, Activation act, int nodes) {
        if (!(sigmaX2 > 0) || !Double.isFinite(sigmaX2)) throw new IllegalArgumentException("sigmaX2 must be finite and > 0, got " + sigmaX2);
        if (!(t > 0) || !Double.isFinite(t)) throw new IllegalArgumentException("t must be finite and > 0, got " + t);
        GaussHermite gh = GaussHermite.of(nodes);
        double deltaT = -Math.expm1(-2 * t);
        double sd = Math.sqrt(deltaT);
        double c = Math.exp(-t) * Math.sqrt(sigmaX2);
        double gamma2 = c * c + deltaT;
        double gamma = Math.sqrt(gamma2);
        double b = gh.expect2((u, v) -> v * act.value(c * u + sd * v));
        double a = gh.expect2((u, v) -> act.value(c * u + sd * v) * u) / c;
        double sig0sq = gh.expect(u -> {
            double s0 = gh.expect(v -> act.value(c * u + sd * v));
            return s0 * s0;
        });
        double v2 = sig0sq - a * a * c * c;
        double norm2 = gh.expect(u -> {
            double s = act.value(gamma * u);
            return s * s;
        });
        double mu1 = gh.expect(u -> act.value(gamma * u) * u);
        double s2 = norm2 - a * a * c * c - v2 - b * b;
        return new GeConstants(sigmaX2, t, deltaT, gamma2, a, b, v2, s2, mu1, norm2);
    }

    /** {@code Gamma_t = sqrt(Gamma_t^2)}. */
    public double gamma() { return Math.sqrt(gamma2); }

    /** Linear-part weight {@code k1 = a_t^2 e^{-2t} sigma_x^2} of the isotropic saddle point (§3.3). */
    public double k1() { return a * a * Math.exp(-2 * t) * sigmaX2; }
}
