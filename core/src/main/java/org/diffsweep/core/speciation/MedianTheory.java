package org.diffsweep.core.speciation;

import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;
import org.diffsweep.core.mixture.GaussianMixture;
import org.diffsweep.core.numerics.GaussHermite;

/**
 * The exact median speciation time of a two-class isotropic mixture (theory §6.2): the time at which the median of
 * {@code p_c(x_t)} given class c equals kappa, i.e. {@code P(l_c >= logit kappa | c) = 1/2}, the quantity the
 * measurement estimates. The closed form / bisection of {@link SpeciationTheory} solves
 * {@code E[l_c | c] = logit kappa} instead; the two coincide for equal variances (then l_c given c is normal) and
 * differ otherwise by the skewness of l_c.
 *
 * <p>Law of the log-odds. With {@code x = e^{-t} mu_c + sqrt(Gamma_c) z}, z ~ N(0, I_d), {@code delta =
 * e^{-t} |mu_c - mu_o|}, u the component of z along mu_c - mu_o and V ~ chi^2_{d-1} the squared norm of the rest,
 * <pre>
 *   l_c = K + beta u + gamma (u^2 + V),   K = log(pi_c/pi_o) - (d/2) log(Gamma_c/Gamma_o) + delta^2 / (2 Gamma_o),
 *   beta = sqrt(Gamma_c) delta / Gamma_o,   gamma = (Gamma_c - Gamma_o) / (2 Gamma_o).
 * </pre>
 * For gamma = 0, {@code P = Phi((K - L) / beta)}. Otherwise completing the square,
 * {@code l_c = gamma W + K - beta^2/(4 gamma)} with {@code W = (u + s)^2 + V}, {@code s = beta / (2 gamma)}, a
 * non-central chi-square with d degrees of freedom; {@code G(S) = P(W <= S)} is a one-dimensional integral done by
 * quadrature over whichever variable keeps the integrand smooth: for {@code |s| <= 0.75 sqrt(2(d-1))} over u
 * (Gauss–Hermite, inner {@code P(chi^2_{d-1} <= S - (u+s)^2)} by the regularised incomplete gamma function), else
 * over V (Gauss–Laguerre for V/2 ~ Gamma((d-1)/2), inner {@code Phi(sqrt(S-V) - s) - Phi(-sqrt(S-V) - s)}), with
 * {@link #NODES} nodes; for s = 0 (equal means) W is a central chi^2_d and G its regularised incomplete gamma.
 * Accuracy of G (against 512-node rules): <= 1e-8 for d >= 40; the inner chi-square CDF vanishes like
 * {@code x^{(d-1)/2}}, not smoothly enough for small d (about 1e-4 at d = 10).
 */
public final class MedianTheory {
    /** Quadrature nodes of G. */
    static final int NODES = 64;
    /** Integrate over u when {@code |s| <= SWITCH sqrt(2(d-1))}, else over V. */
    static final double SWITCH = 0.75;

    private MedianTheory() {}

    /**
     * {@code P(p_c(x_t) >= kappa | c)} for a two-class mixture.
     *
     * @throws IllegalArgumentException unless C = 2
     */
    public static double committedProbability(GaussianMixture gm, int c, double kappa, double t) {
        if (gm.numClasses() != 2) throw new IllegalArgumentException("needs exactly 2 classes, got " + gm.numClasses());
        int o = 1 - c;
        int d = gm.dimension();
        double a2 = Math.exp(-2 * t);
        double gc = gm.gamma(c, t), go = gm.gamma(o, t);
        double diff = a2 * (gm.variance(c) - gm.variance(o)); // Gamma_c - Gamma_o
        double dmu2 = gm.centroidNormSq(c) + gm.centroidNormSq(o) - 2 * gm.centroidDot(c, o);
        double delta2 = a2 * Math.max(dmu2, 0);
        double k = Math.log(gm.weight(c) / gm.weight(o)) - 0.5 * d * Math.log1p(diff / go) + delta2 / (2 * go);
        double beta = Math.sqrt(gc * delta2) / go;
        double gamma = diff / (2 * go);
        double lk = SpeciationTheory.logit(kappa);
        if (gamma == 0) {
            if (beta == 0) return k >= lk ? 1.0 : 0.0;
            return phi((k - lk) / beta);
        }
        double s = beta / (2 * gamma);
        double m = lk - k + beta * beta / (4 * gamma);
        double big = m / gamma; // threshold on W
        double g = ncChiSquareCdf(d, s, big);
        return gamma > 0 ? 1 - g : g;
    }

    /**
     * {@code P((u + s)^2 + V <= S)}, u ~ N(0, 1), V ~ chi^2_{d-1} independent.
     */
    static double ncChiSquareCdf(int d, double s, double big) {
        if (!(big > 0)) return 0.0;
        if (s == 0) return Gamma.regularizedGammaP(0.5 * d, 0.5 * big); // central: W ~ chi^2_d (equal means)
        int nu = d - 1;
        if (nu == 0) {
            double w = Math.sqrt(big);
            return phi(w - s) - phi(-w - s);
        }
        return Math.abs(s) <= SWITCH * Math.sqrt(2.0 * nu) ? overU(nu, s, big, NODES) : overV(nu, s, big, NODES);
    }

    /** G by Gauss–Hermite over u of the chi^2_nu CDF. */
    static double overU(int nu, double s, double big, int nodes) {
        GaussHermite gh = GaussHermite.of(nodes);
        double sum = 0;
        for (int i = 0; i < gh.size(); i++) {
            double v = gh.node(i) + s;
            double rest = big - v * v;
            if (rest > 0) sum += gh.weight(i) * Gamma.regularizedGammaP(0.5 * nu, 0.5 * rest);
        }
        return sum;
    }

    /** G by Gauss–Laguerre over V = 2 G, G ~ Gamma(nu/2), of the normal probability of (u + s)^2 <= S - V. */
    static double overV(int nu, double s, double big, int nodes) {
        GammaRule rule = GammaRule.of(nodes, 0.5 * nu);
        double sum = 0;
        for (int i = 0; i < rule.nodes.length; i++) {
            double rest = big - 2 * rule.nodes[i];
            if (rest <= 0) continue;
            double w = Math.sqrt(rest);
            sum += rule.weights[i] * (phi(w - s) - phi(-w - s));
        }
        return sum;
    }

    /**
     * The median speciation time: the root of {@code P(p_c(x_t) >= kappa | c) = 1/2} nearest to {@code near} (the
     * mean-log-odds root; scanned down from {@link SpeciationTheory#T_MAX} when null), bracketed by steps doubling
     * from 0.05 and refined by Brent's method to 1e-10.
     *
     * @return null when the class is pre-committed (pi_c >= kappa) or the median stays below kappa for all t >= 0
     */
    public static Double medianTime(GaussianMixture gm, int c, double kappa, Double near) {
        if (gm.weight(c) >= kappa) return null;
        UnivariateFunction f = t -> committedProbability(gm, c, kappa, t) - 0.5;
        double lo, hi; // f(lo) >= 0 > f(hi), lo < hi
        if (near == null) {
            hi = SpeciationTheory.T_MAX;
            if (f.value(hi) >= 0) return null;
            lo = Double.NaN;
            for (double t = hi - 0.25; t > -0.25; t -= 0.25) {
                double u = Math.max(t, 0);
                if (f.value(u) >= 0) {
                    lo = u;
                    break;
                }
                hi = u;
            }
            if (Double.isNaN(lo)) return null;
        } else {
            double t0 = near;
            if (f.value(t0) >= 0) {
                lo = t0;
                hi = Double.NaN;
                for (double step = 0.05; ; step *= 2) {
                    double t = Math.min(SpeciationTheory.T_MAX, t0 + step);
                    if (f.value(t) < 0) {
                        hi = t;
                        break;
                    }
                    lo = t;
                    if (t >= SpeciationTheory.T_MAX) return null; // still committed at T_MAX: no finite crossing
                }
            } else {
                hi = t0;
                lo = Double.NaN;
                for (double step = 0.05; ; step *= 2) {
                    double t = Math.max(0.0, t0 - step);
                    if (f.value(t) >= 0) {
                        lo = t;
                        break;
                    }
                    hi = t;
                    if (t <= 0) return null; // never reaches kappa
                }
            }
        }
        if (f.value(lo) == 0) return lo;
        return new BrentSolver(1e-12, 1e-10).solve(200, f, lo, hi);
    }

    /** Standard normal CDF. */
    static double phi(double x) { return 0.5 * Erf.erfc(-x / Math.sqrt(2)); }
}
