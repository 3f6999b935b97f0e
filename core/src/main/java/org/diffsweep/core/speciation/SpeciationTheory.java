package org.diffsweep.core.speciation;

import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.diffsweep.core.mixture.GaussianMixture;

/**
 * Closed-form and root-found speciation and collapse times (theory §6.1, §6.2, §12.9, §12.12). All times are OU
 * diffusion times; speciation happens at t_S going backward from large t.
 */
public final class SpeciationTheory {
    /** Largest t scanned for the per-class root (e^{-2t} = 1e-14): beyond it a crossing is reported as not found. */
    public static final double T_MAX = 0.5 * Math.log(1e14);
    private static final int SCAN_POINTS_PER_UNIT_T = 10;

    private SpeciationTheory() {}

    /** How a per-class speciation time was obtained. */
    public enum Method {
        /** Equal-variance two-class closed form (§6.2). */
        CLOSED_FORM,
        /** Largest root of E[l_c | c](t) = logit kappa by bracketing scan and Brent refinement (§6.2). */
        BISECTION,
        /** pi_c >= kappa: committed from the start, no finite t_S^(c) (§12.12). */
        PRE_COMMITTED,
        /** E[l_c | c](t) stays below logit kappa for every t >= 0 (or the crossing lies beyond {@link #T_MAX}). */
        NEVER
    }

    /** A per-class speciation time: {@code tS} is null unless {@code method} is CLOSED_FORM or BISECTION. */
    public record ClassTime(Double tS, Method method) {}

    /** Global speciation time {@code t_S = ½ log Λ}, Λ the top eigenvalue of the centred covariance (§6.1–6.2). */
    public static double globalTs(GaussianMixture gm) {
        return 0.5 * Math.log(gm.centredCovarianceTopEigenvalue());
    }

    /**
     * Exact-SNR form of §6.1 (KUBG eq. 20, 27), generalised to C classes of equal variance sigma^2: the curvature of
     * {@code log P_t} at the point where the posteriors equal the priors is {@code -(I - e^{-2t} C_mu / Gamma_t) /
     * Gamma_t}, C_mu the covariance of the centroids with top eigenvalue {@code Λ_mu = Λ - sigma^2}; it loses
     * positivity at {@code e^{-2t} Λ_mu = Gamma_t = 1 - e^{-2t}(1 - sigma^2)}, i.e.
     * {@code t_S = ½ log(Λ_mu + 1 - sigma^2)}. For ±mu balanced with |mu|^2 = d: {@code ½ log(d + 1 - sigma^2)}.
     *
     * @return null when the variances differ (the form does not apply) or {@code Λ_mu <= sigma^2} (no t >= 0)
     */
    public static Double exactSnrTs(GaussianMixture gm) {
        double s2 = gm.variance(0);
        for (int c = 1; c < gm.numClasses(); c++) if (gm.variance(c) != s2) return null;
        double lamMu = gm.centredCovarianceTopEigenvalue() - s2;
        if (!(lamMu > s2)) return null;
        return 0.5 * Math.log(lamMu + 1 - s2);
    }

    /** {@code logit(p) = log(p / (1 - p))}. */
    public static double logit(double p) {
        return Math.log(p) - Math.log1p(-p);
    }

    /**
     * Exact mean {@code E[l_c | c](t)} of the two-class log-odds (§6.2):
     * {@code log(pi_c/pi_o) + a^2 |mu_c - mu_o|^2 / (2 Gamma_o) + (d/2)(rho - 1 - log rho)},
     * {@code rho = Gamma_c / Gamma_o}, {@code a = e^{-t}}.
     */
    public static double meanLogOddsTwoClass(GaussianMixture gm, int c, double t) {
        requireTwo(gm);
        int o = 1 - c;
        double a2 = Math.exp(-2 * t);
        double go = gm.gamma(o, t);
        double dm = dmuSq(gm);
        double u = a2 * (gm.variance(c) - gm.variance(o)) / go; // rho - 1
        return Math.log(gm.weight(c) / gm.weight(o)) + a2 * dm / (2 * go)
                + 0.5 * gm.dimension() * (u - Math.log1p(u));
    }

    /**
     * Exact variance {@code Var[l_c | c](t) = (d/2)(rho - 1)^2 + a^2 Gamma_c |mu_c - mu_o|^2 / Gamma_o^2} (§6.2).
     */
    public static double varLogOddsTwoClass(GaussianMixture gm, int c, double t) {
        requireTwo(gm);
        int o = 1 - c;
        double a2 = Math.exp(-2 * t);
        double go = gm.gamma(o, t), gc = gm.gamma(c, t);
        double u = a2 * (gm.variance(c) - gm.variance(o)) / go;
        return 0.5 * gm.dimension() * u * u + a2 * gc * dmuSq(gm) / (go * go);
    }

    /**
     * Equal-variance two-class closed form (§6.2), for any two centroids (|mu|^2 below is {@code |mu_A - mu_B|^2/4},
     * which is |mu|^2 for ±mu): {@code L* = ½[logit kappa + log(pi_o/pi_c)]},
     * {@code t_S^(c) = ½ log((|mu|^2 + L*(1 - sigma^2)) / L*)}.
     *
     * @throws IllegalArgumentException unless C = 2 with equal variances
     */
    public static ClassTime equalVarianceClosedForm(GaussianMixture gm, int c, double kappa) {
        requireTwo(gm);
        if (gm.variance(0) != gm.variance(1)) throw new IllegalArgumentException("closed form needs equal variances");
        if (gm.weight(c) >= kappa) return new ClassTime(null, Method.PRE_COMMITTED);
        double lStar = 0.5 * (logit(kappa) + Math.log(gm.weight(1 - c) / gm.weight(c)));
        double m2 = 0.25 * dmuSq(gm);
        double s2 = gm.variance(c);
        if (!(m2 > lStar * s2)) return new ClassTime(null, Method.NEVER); // crossing would need t < 0
        double t = 0.5 * Math.log((m2 + lStar * (1 - s2)) / lStar);
        return t > T_MAX ? new ClassTime(null, Method.NEVER) : new ClassTime(t, Method.CLOSED_FORM);
    }

    /**
     * Per-class speciation time t_S^(c)(kappa) (§6.2, §12.9): the largest t with {@code E[l_c | c](t) = logit kappa},
     * l_c the log-odds of c against the rest (for C = 2 the exact closed-form mean, otherwise {@code quad}). Classes
     * with {@code pi_c >= kappa} are pre-committed (§12.12). The root is bracketed by scanning t downward from
     * {@link #T_MAX} on a grid of step 1/10 and refined with Brent's method to 1e-10.
     */
    public static ClassTime bisection(GaussianMixture gm, int c, double kappa, PosteriorQuadrature quad) {
        if (gm.weight(c) >= kappa) return new ClassTime(null, Method.PRE_COMMITTED);
        double target = logit(kappa);
        boolean two = gm.numClasses() == 2;
        if (gm.numClasses() == 1) return new ClassTime(null, Method.PRE_COMMITTED); // unreachable: weight is 1
        org.apache.commons.math3.analysis.UnivariateFunction f = two
                ? t -> meanLogOddsTwoClass(gm, c, t) - target
                : t -> quad.meanLogOddsVsRest(c, t) - target;
        int n = (int) Math.ceil(T_MAX * SCAN_POINTS_PER_UNIT_T);
        double hi = T_MAX;
        double fhi = f.value(hi);
        if (fhi >= 0) return new ClassTime(null, Method.NEVER);
        for (int k = n - 1; k >= 0; k--) {
            double lo = T_MAX * k / n;
            double flo = f.value(lo);
            if (flo >= 0) {
                if (flo == 0) return new ClassTime(lo, Method.BISECTION);
                double root = new BrentSolver(1e-12, 1e-10).solve(200, f, lo, hi);
                return new ClassTime(root, Method.BISECTION);
            }
            hi = lo;
        }
        return new ClassTime(null, Method.NEVER);
    }

    /**
     * Per-class collapse time {@code t_C^(c) = ½ log(1 + sigma_c^2 / (n_c^{2/d} - 1))} (§6.2, extrapolated from
     * [BBDM]).
     *
     * @return null when {@code n_c = 1} (a single training point: collapsed at every t)
     */
    public static Double collapseTime(double variance, int nc, int d) {
        if (nc < 1) throw new IllegalArgumentException("n_c must be >= 1, got " + nc);
        if (nc == 1) return null;
        return 0.5 * Math.log1p(variance / Math.expm1(2 * Math.log(nc) / d));
    }

    private static double dmuSq(GaussianMixture gm) {
        return gm.centroidNormSq(0) + gm.centroidNormSq(1) - 2 * gm.centroidDot(0, 1);
    }

    private static void requireTwo(GaussianMixture gm) {
        if (gm.numClasses() != 2) throw new IllegalArgumentException("needs exactly 2 classes, got " + gm.numClasses());
    }
}
