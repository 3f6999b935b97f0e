package org.diffsweep.core.speciation;

import org.diffsweep.core.mixture.GaussianMixture;
import org.diffsweep.core.numerics.GaussHermite;

/**
 * Deterministic class-conditional expectations of posterior functionals for the isotropic mixture of §5.2 at OU
 * time t, by product quadrature over the sufficient statistics of the posteriors.
 *
 * <p>The posteriors {@code p_k(x, t)} depend on x only through {@code (x_1, x_2, R = |x_perp|^2)}, the coordinates
 * on the centroid plane span(e1, e2) and the squared norm of the rest. Given class c, {@code x ~ N(e^{-t} mu_c,
 * Gamma_c I)} (§6.2), so {@code x_1, x_2} are independent normals (probabilists' Gauss–Hermite) and
 * {@code R / Gamma_c ~ chi^2_{d-m}} (m = 1 when every centroid lies on the e1 axis, else 2), integrated with a
 * generalised Gauss–Laguerre rule for {@code R / (2 Gamma_c) ~ Gamma((d-m)/2, 1)} built by Golub–Welsch. When all
 * variances are equal R cancels from every posterior and is not integrated. Immutable and thread-safe.
 */
public final class PosteriorQuadrature {
    private final GaussianMixture gm;
    private final int d;
    private final int nc;
    private final double[] mu1;
    private final double[] mu2;
    private final double[] logW;
    private final boolean planar;      // some centroid has an e2 component
    private final boolean equalVar;    // R cancels
    private final int dof;             // degrees of freedom of R
    private final GaussHermite gh;
    private final double[] rNodes;     // nodes of Gamma(dof/2, 1)
    private final double[] rWeights;

    /** Quadrature with {@code nodes} points per dimension (e.g. 32). */
    public PosteriorQuadrature(GaussianMixture gm, int nodes) {
        if (nodes < 2) throw new IllegalArgumentException("nodes must be >= 2, got " + nodes);
        this.gm = gm;
        this.d = gm.dimension();
        this.nc = gm.numClasses();
        mu1 = new double[nc];
        mu2 = new double[nc];
        logW = new double[nc];
        boolean pl = false, eq = true;
        for (int c = 0; c < nc; c++) {
            double[] m = gm.centroid(c);
            mu1[c] = m[0];
            mu2[c] = d > 1 ? m[1] : 0.0;
            if (mu2[c] != 0) pl = true;
            if (gm.variance(c) != gm.variance(0)) eq = false;
            logW[c] = Math.log(gm.weight(c));
        }
        planar = pl;
        equalVar = eq;
        dof = d - (planar ? 2 : 1);
        gh = GaussHermite.of(nodes);
        if (!equalVar && dof > 0) {
            GammaRule rule = GammaRule.of(nodes, 0.5 * dof);
            rNodes = rule.nodes;
            rWeights = rule.weights;
        } else {
            rNodes = new double[] {0.5 * Math.max(dof, 0)}; // the mean; R cancels (or is absent)
            rWeights = new double[] {1.0};
        }
    }

    public GaussianMixture mixture() { return gm; }

    /**
     * {@code E[ l_c | c ](t)} with {@code l_c = log p_c - log sum_{k != c} p_k = logit p_c}, the log-odds of class c
     * against the rest (§6.2; equals the two-class {@code l_A} when C = 2).
     */
    public double meanLogOddsVsRest(int c, double t) {
        return expect(c, t, true);
    }

    /**
     * {@code E[ p_c | c ](t) = E[p_c^2] / pi_c}, the per-class cloning probability phi_c(t) of §6.2 (a clone of a
     * trajectory ending in c also ends in c).
     */
    public double meanOwnPosterior(int c, double t) {
        return expect(c, t, false);
    }

    /** Cloning probability {@code phi(t) = E[sum_c p_c^2] = sum_c pi_c E[p_c | c]} (§6.1–6.2). */
    public double cloningProbability(double t) {
        double s = 0;
        for (int c = 0; c < nc; c++) s += gm.weight(c) * meanOwnPosterior(c, t);
        return s;
    }

    private double expect(int c, double t, boolean logOdds) {
        double a = Math.exp(-t);
        double[] g = new double[nc];
        double[] lg = new double[nc];
        for (int k = 0; k < nc; k++) {
            g[k] = gm.gamma(k, t);
            lg[k] = Math.log(g[k]);
        }
        double sd = Math.sqrt(g[c]);
        int n = gh.size();
        int n2 = planar ? n : 1;
        double[] l = new double[nc];
        double total = 0;
        for (int ir = 0; ir < rNodes.length; ir++) {
            double r = 2 * g[c] * rNodes[ir];
            for (int i1 = 0; i1 < n; i1++) {
                double x1 = a * mu1[c] + sd * gh.node(i1);
                for (int i2 = 0; i2 < n2; i2++) {
                    double x2 = planar ? a * mu2[c] + sd * gh.node(i2) : 0.0;
                    double w = rWeights[ir] * gh.weight(i1) * (planar ? gh.weight(i2) : 1.0);
                    for (int k = 0; k < nc; k++) {
                        double dist;
                        if (equalVar) { // drop the common |x|^2 and R terms exactly
                            dist = -2 * a * (x1 * mu1[k] + x2 * mu2[k]) + a * a * (mu1[k] * mu1[k] + mu2[k] * mu2[k]);
                        } else {
                            double e1 = x1 - a * mu1[k], e2 = x2 - a * mu2[k];
                            dist = r + e1 * e1 + e2 * e2;
                        }
                        l[k] = logW[k] - 0.5 * d * lg[k] - dist / (2 * g[k]);
                    }
                    double v = logOdds ? logitOf(l, c) : Math.exp(l[c] - logSumExp(l, -1));
                    total += w * v;
                }
            }
        }
        return total;
    }

    /** {@code l[c] - log sum_{k != c} exp(l[k])}. */
    static double logitOf(double[] l, int c) {
        return l[c] - logSumExp(l, c);
    }

    /** log-sum-exp of l over all indices except {@code skip} (-1: none). */
    static double logSumExp(double[] l, int skip) {
        double m = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < l.length; k++) if (k != skip && l[k] > m) m = l[k];
        if (m == Double.NEGATIVE_INFINITY) return m;
        double s = 0;
        for (int k = 0; k < l.length; k++) if (k != skip) s += Math.exp(l[k] - m);
        return m + Math.log(s);
    }
}
