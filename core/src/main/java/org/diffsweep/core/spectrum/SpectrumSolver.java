package org.diffsweep.core.spectrum;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.diffsweep.core.features.GeConstants;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.point.PointParams;

/**
 * The asymptotic spectrum of the random-features matrix U and the per-class predicted times (theory §3.3–3.5, §5.4,
 * §12.7, §12.11).
 *
 * <p>Algorithm. (1) Delta weight: {@code eps Im q(s̄^2 + i eps)}, extrapolated to eps = 0 ({@link #deltaWeight}). (2) Coarse scan of
 * {@code log(lambda - s̄^2)} over ten decades below an upper estimate (enlarged until the top is outside the
 * support). A lambda is in the support when the density at eps = 1e-11 is at least half of the density at
 * eps ~ 1e-10: outside the support rho_eps is proportional to eps, inside it tends to rho > 0. (3) Each support
 * edge is refined by bisection. (4) Each bulk gets an equal share of the grid, clustered at both edges
 * (lambda = lo + (hi - lo)(1 - cos theta)/2, theta uniform), which resolves square-root edges; masses are
 * trapezoid sums in theta. If delta + bulk masses differ from 1 by more than {@link #MASS_TOLERANCE} the scan is
 * repeated twice as fine (a narrow bulk was missed), at most twice. Every lambda is solved by
 * {@link StieltjesSolver} (continuation in eps with warm starts along lambda).
 */
public final class SpectrumSolver {
    /** Default number of lambda points on the final grid. */
    public static final int DEFAULT_POINTS = 400;
    /** Mass check tolerance: trapezoid error on 400 points is ~1e-5; a missed bulk is >= 1/p-ish. */
    public static final double MASS_TOLERANCE = 2e-3;
    static final int SCAN_POINTS = 160;
    /** Grid points of each one-class (cw) spectrum. */
    static final int CW_POINTS = 200;
    static final double SCAN_DECADES = 9;
    static final int BISECTIONS = 22;
    static final double DELTA_EPS_1 = 1e-6;
    static final double DELTA_EPS_2 = 1e-8;
    static final double LOW_QUANTILE = 0.02;

    private SpectrumSolver() {}

    /**
     * The C-class reduced spectrum (§5.4) of the point, with its realised sizes: psi_p = p/d, psi_n = n/d,
     * pi_c = n_c/n, and per-class coefficients at (t, sigma_c^2, r_c).
     */
    public static SpectrumResult solve(PointParams p) { return solve(p, DEFAULT_POINTS); }

    /** Same with an explicit grid size. */
    public static SpectrumResult solve(PointParams p, int points) {
        int c = p.numClasses();
        double[] pi = new double[c];
        List<ClassCoefficients> coef = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Map<List<Double>, ClassCoefficients> seen = new HashMap<>(); // classes with equal (sigma^2, r) share them
        for (int i = 0; i < c; i++) {
            ClassSpec s = p.classes().get(i);
            pi[i] = (double) p.classSize(i) / p.n();
            coef.add(seen.computeIfAbsent(List.of(s.variance(), s.radius()),
                    k -> ClassCoefficients.of(p.t(), s.variance(), s.radius())));
            names.add(s.name());
        }
        return solveClasses((double) p.p() / p.d(), (double) p.n() / p.d(), p.t(), pi, coef, names, points);
    }

    /** The C-class reduced system (§5.4) for given fractions pi_c and coefficients (C = 1: isotropic, §3.3). */
    public static SpectrumResult solveClasses(double psiP, double psiN, double t, double[] pi, List<ClassCoefficients> coef,
                                              List<String> names, int points) {
        ReducedSystem sys = new ReducedSystem(psiP, psiN, pi, coef);
        double deltaT = -Math.expm1(-2 * t);
        SpectrumResult r = analyse(sys, sys, names, psiP, deltaT, points);
        if (pi.length == 1) {
            ClassSpectrum c = r.classes().get(0);
            return withClasses(r, List.of(c.withCw(c.tauMemEdge(), c.tauGenEdge(), r.merged() || psiN <= 1)));
        }
        // (cw): the spectrum of (n_c/n) U_c alone is pi_c times that of a one-class U with n_c = pi_c n points
        List<ClassSpectrum> out = new ArrayList<>();
        Map<List<Object>, SpectrumResult> done = new HashMap<>(); // equal (pi_c, coefficients): the same one-class system
        for (int c = 0; c < pi.length; c++) {
            double psiNc = pi[c] * psiN;
            ClassCoefficients cc = coef.get(c);
            String name = names.get(c);
            SpectrumResult rc = done.computeIfAbsent(List.of(psiNc, cc), key -> {
                ReducedSystem one = new ReducedSystem(psiP, psiNc, new double[] {1}, List.of(cc));
                return analyse(one, one, List.of(name), psiP, deltaT, CW_POINTS);
            });
            ClassSpectrum k = rc.classes().get(0);
            out.add(r.classes().get(c).withCw(psiP / (deltaT * pi[c] * k.memEdgeLo()),
                    psiP / (deltaT * pi[c] * k.genHarmonicMean()), rc.merged() || psiNc <= 1));
        }
        return withClasses(r, out);
    }

    private static SpectrumResult withClasses(SpectrumResult r, List<ClassSpectrum> classes) {
        return new SpectrumResult(r.deltaLocation(), r.deltaMass(), r.totalMass(), r.bulks(), List.copyOf(classes),
                r.lambda(), r.rho(), r.rhoClass(), r.solves(), r.failures(), r.fallbacks(), r.cpuNanos());
    }

    /**
     * The general system (E1)–(E3) (§3.3) for data covariance with spectral law {@code sum_j w_j delta(lambda_j)}
     * (weights sum to 1), single-class constants at sigma_x^2 = sum_j w_j lambda_j.
     */
    public static SpectrumResult solveAtoms(double psiP, double psiN, double t, double[] atoms, double[] weights, int points) {
        double sx2 = 0;
        for (int j = 0; j < atoms.length; j++) sx2 += weights[j] * atoms[j];
        AtomSystem sys = AtomSystem.of(psiP, psiN, GeConstants.of(sx2, t), atoms, weights);
        return analyse(sys, null, List.of(), psiP, -Math.expm1(-2 * t), points);
    }

    static SpectrumResult analyse(SaddleSystem sys, ReducedSystem cls, List<String> names, double psiP, double deltaT, int points) {
        if (points < 20) throw new IllegalArgumentException("points must be >= 20, got " + points);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean cpuOk = mx.isCurrentThreadCpuTimeSupported();
        long cpu0 = cpuOk ? mx.getCurrentThreadCpuTime() : System.nanoTime();
        StieltjesSolver sol = new StieltjesSolver(sys);
        double s2 = sys.deltaLocation();
        int[] solves = {0};

        double deltaMass = deltaWeight(sol, s2);

        double top = 3 * sys.upperEstimate();
        List<double[]> edges = null;
        SpectrumResult best = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int scan = SCAN_POINTS << attempt;
            edges = scanSupport(sol, s2, top, scan, solves);
            while (edges == null) { // top inside the support: enlarge
                top *= 2;
                edges = scanSupport(sol, s2, top, scan, solves);
            }
            best = grid(sol, cls, sys, names, edges, deltaMass, s2, psiP, deltaT, points, solves, cpuOk, mx, cpu0);
            if (Math.abs(best.totalMass() - 1) <= MASS_TOLERANCE) break;
        }
        return best;
    }

    /**
     * Weight of the delta peak at s̄^2: w(eps) = eps Im q(s̄^2 + i eps) = w_0 + c sqrt(eps) + O(eps^2 / D^2), where
     * the sqrt term comes from a bulk with an inverse-square-root edge at s̄^2 (n + d >= p) and D is the distance to
     * the nearest regular bulk. Richardson extrapolation from eps = 1e-6 and 1e-8 removes the sqrt term.
     */
    static double deltaWeight(StieltjesSolver sol, double s2) {
        Cx[] x1 = sol.solveAt(s2, DELTA_EPS_1);
        Cx[] x2 = sol.solveAt(s2, DELTA_EPS_2);
        if (x1 == null || x2 == null) return Double.NaN;
        double w1 = DELTA_EPS_1 * x1[0].im(), w2 = DELTA_EPS_2 * x2[0].im();
        double r = Math.sqrt(DELTA_EPS_2 / DELTA_EPS_1);
        return Math.max(0, (w2 - r * w1) / (1 - r));
    }

    private static boolean inSupport(StieltjesSolver.Solution s) {
        return s.ok() && s.x()[0].im() > 0 && s.rho() >= 0.5 * s.rhoCheck();
    }

    /** Support intervals [lo, hi] in lambda, or null if the top of the scan is inside the support. */
    private static List<double[]> scanSupport(StieltjesSolver sol, double s2, double top, int scan, int[] solves) {
        double xHi = Math.log(top - s2);
        double xLo = xHi - SCAN_DECADES * Math.log(10);
        sol.reset();
        List<double[]> out = new ArrayList<>();
        boolean prevIn = false;
        double prevX = xLo - 30; // effectively lambda = s2
        double lo = Double.NaN;
        for (int i = 0; i < scan; i++) {
            double x = xLo + (xHi - xLo) * i / (scan - 1);
            boolean in = inSupport(sol.solve(s2 + Math.exp(x)));
            solves[0]++;
            if (in && !prevIn) {
                // in the support already nine decades below the top: a hard edge at the delta location (n + d >= p)
                lo = i == 0 ? s2 : bisect(sol, s2, prevX, x, false, solves);
            } else if (!in && prevIn) {
                out.add(new double[] {lo, bisect(sol, s2, prevX, x, true, solves)});
            }
            prevIn = in;
            prevX = x;
        }
        if (prevIn) return null;
        return out;
    }

    /** Bisection in x = log(lambda - s2) between an outside and an inside point; returns the edge lambda. */
    private static double bisect(StieltjesSolver sol, double s2, double xa, double xb, boolean aInside, int[] solves) {
        double in = aInside ? xa : xb, out = aInside ? xb : xa;
        for (int k = 0; k < BISECTIONS; k++) {
            double mid = 0.5 * (in + out);
            if (inSupport(sol.solve(s2 + Math.exp(mid)))) in = mid;
            else out = mid;
            solves[0]++;
        }
        return s2 + Math.exp(0.5 * (in + out));
    }

    private static SpectrumResult grid(StieltjesSolver sol, ReducedSystem cls, SaddleSystem sys, List<String> names,
                                       List<double[]> edges, double deltaMass, double s2, double psiP, double deltaT,
                                       int points, int[] solves, boolean cpuOk, ThreadMXBean mx, long cpu0) {
        int nb = edges.size();
        int nc = cls == null ? 0 : cls.numClasses();
        int per = nb == 0 ? 0 : Math.max(8, points / nb);
        int total = per * nb;
        double[] lam = new double[total];
        double[] rho = new double[total];
        double[][] rc = new double[nc][total];
        double[] jac = new double[total]; // d lambda / d theta at each grid point
        double[] hb = new double[nb];     // theta step of each bulk
        double[] masses = new double[nb];
        int failures = 0;
        sol.reset();
        for (int b = 0; b < nb; b++) {
            double lo = edges.get(b)[0], hi = edges.get(b)[1];
            double h = Math.PI / (per - 1);
            hb[b] = h;
            for (int j = 0; j < per; j++) {
                int idx = b * per + j;
                double th = j * h;
                double l = lo + (hi - lo) * 0.5 * (1 - Math.cos(th));
                lam[idx] = l;
                jac[idx] = (hi - lo) * 0.5 * Math.sin(th);
                if (j == 0 || j == per - 1) { // edge points are not solved: rho = 0 there (the integrals extrapolate)
                    rho[idx] = 0;
                    continue;
                }
                StieltjesSolver.Solution s = sol.solve(l);
                solves[0]++;
                if (!s.ok()) {
                    failures++;
                    rho[idx] = Double.NaN;
                    for (int c = 0; c < nc; c++) rc[c][idx] = Double.NaN;
                    continue;
                }
                rho[idx] = Math.max(0, s.rho());
                for (int c = 0; c < nc; c++) {
                    Cx tc = cls.classTransform(c, s.x()[0], s.x()[1]);
                    rc[c][idx] = Math.max(0, tc.im() / (Math.PI * l));
                }
            }
        }
        boolean[] one = new boolean[nb];
        for (int b = 0; b < nb; b++) {
            java.util.Arrays.fill(one, false);
            one[b] = true;
            masses[b] = integral(rho, jac, hb, per, one, null);
        }
        List<Bulk> bulks = new ArrayList<>();
        Bulk.Kind[] kinds = label(masses, psiP);
        for (int b = 0; b < nb; b++) bulks.add(new Bulk(edges.get(b)[0], edges.get(b)[1], masses[b], kinds[b]));
        double total0 = deltaMass;
        for (double m : masses) total0 += m;

        List<ClassSpectrum> classes = new ArrayList<>();
        for (int c = 0; c < nc; c++) {
            boolean[] memSel = new boolean[nb], allSel = new boolean[nb], genSel = new boolean[nb];
            for (int b = 0; b < nb; b++) {
                memSel[b] = kinds[b] == Bulk.Kind.MEMORIZATION || kinds[b] == Bulk.Kind.MERGED;
                allSel[b] = memSel[b] || kinds[b] == Bulk.Kind.CLUSTER;
                genSel[b] = kinds[b] == Bulk.Kind.GENERALIZATION || kinds[b] == Bulk.Kind.MERGED;
            }
            double memLo = quantile(lam, rc[c], jac, hb, per, memSel, LOW_QUANTILE);
            double memHi = quantile(lam, rc[c], jac, hb, per, memSel, 1 - LOW_QUANTILE);
            double memLoAll = quantile(lam, rc[c], jac, hb, per, allSel, LOW_QUANTILE);
            double memMass = integral(rc[c], jac, hb, per, allSel, null);
            double genMass = integral(rc[c], jac, hb, per, genSel, null);
            double genInv = integral(rc[c], jac, hb, per, genSel, lam);
            double harm = genMass / genInv;
            classes.add(new ClassSpectrum(names.get(c), memMass, genMass, memLo, memHi, memLoAll, harm,
                    psiP / (deltaT * memLo), psiP / (deltaT * memLoAll), psiP / (deltaT * harm),
                    cls.memEdgeAsym(c, -1), cls.memEdgeAsym(c, +1), Double.NaN, Double.NaN, false));
        }
        long cpu = (cpuOk ? mx.getCurrentThreadCpuTime() : System.nanoTime()) - cpu0;
        return new SpectrumResult(s2, deltaMass, total0, List.copyOf(bulks), List.copyOf(classes), lam, rho, rc,
                solves[0], failures, sol.fallbackCount, cpu);
    }

    /**
     * Labels bulks by dimension counting (§3.4–3.5): the Gaussian-equivalent U has exactly d eigenvalues in the
     * generalization part and, when n > d, a small cluster of d eigenvalues below rho_1; so from the top, bulks are
     * generalization while their cumulative mass stays within 1/psi_p (a bulk that overshoots it is merged), and
     * from the bottom, bulks are the cluster while their cumulative mass stays within 1/psi_p and rho_1 remains
     * above. Tolerance: 5 % of 1/psi_p (bulk masses are exact to ~1e-8).
     */
    static Bulk.Kind[] label(double[] masses, double psiP) {
        int nb = masses.length;
        Bulk.Kind[] kinds = new Bulk.Kind[nb];
        if (nb == 0) return kinds;
        double unit = 1 / psiP, tol = 0.05 * unit;
        double cum = 0;
        int firstGen = nb;
        for (int b = nb - 1; b >= 0; b--) {
            cum += masses[b];
            if (cum <= unit + tol) {
                kinds[b] = Bulk.Kind.GENERALIZATION;
                firstGen = b;
            } else {
                if (cum - masses[b] < unit - tol) {
                    kinds[b] = Bulk.Kind.MERGED;
                    firstGen = b;
                }
                break;
            }
        }
        if (firstGen == nb) { // top bulk alone exceeds 1/psi_p: merged
            kinds[nb - 1] = Bulk.Kind.MERGED;
            firstGen = nb - 1;
        }
        for (int b = 0; b < firstGen; b++) kinds[b] = Bulk.Kind.MEMORIZATION;
        cum = 0;
        for (int b = 0; b < firstGen - 1; b++) { // keep at least one memorization bulk above the cluster
            cum += masses[b];
            if (cum <= unit + tol) kinds[b] = Bulk.Kind.CLUSTER;
            else break;
        }
        return kinds;
    }

    /**
     * Integrand g_j = f_j (d lambda/d theta)_j of bulk b in theta. At the two end points (d lambda/d theta = 0, and f
     * may be NaN or infinite on a hard edge) g is extrapolated quadratically from the three nearest interior points
     * (exact for a square-root edge, g ~ theta^2, and for an inverse-square-root edge, g ~ const), clipped at 0.
     */
    private static double[] integrand(double[] f, double[] jac, int per, int b, double[] divide) {
        double[] g = new double[per];
        for (int j = 1; j < per - 1; j++) {
            int i = b * per + j;
            double v = f[i] * jac[i] / (divide == null ? 1 : divide[i]);
            g[j] = Double.isFinite(v) ? v : 0;
        }
        if (per >= 5) {
            g[0] = Math.max(0, 3 * g[1] - 3 * g[2] + g[3]);
            g[per - 1] = Math.max(0, 3 * g[per - 2] - 3 * g[per - 3] + g[per - 4]);
        }
        return g;
    }

    /** Trapezoid rule in theta over the selected bulks of f (or f / lambda when divide is given). */
    private static double integral(double[] f, double[] jac, double[] hb, int per, boolean[] sel, double[] divide) {
        double s = 0;
        for (int b = 0; b < sel.length; b++) {
            if (!sel[b]) continue;
            double[] g = integrand(f, jac, per, b, divide);
            for (int j = 0; j < per; j++) s += (j == 0 || j == per - 1 ? 0.5 : 1) * hb[b] * g[j];
        }
        return s;
    }

    /** The q-quantile of the measure f dlambda over the selected bulks (cumulative trapezoid in theta, linear in lambda within a panel). */
    private static double quantile(double[] lam, double[] f, double[] jac, double[] hb, int per, boolean[] sel, double q) {
        double tot = integral(f, jac, hb, per, sel, null);
        if (!(tot > 0)) return Double.NaN;
        double target = q * tot, cum = 0;
        for (int b = 0; b < sel.length; b++) {
            if (!sel[b]) continue;
            double[] g = integrand(f, jac, per, b, null);
            for (int j = 1; j < per; j++) {
                int i = b * per + j;
                double inc = 0.5 * hb[b] * (g[j - 1] + g[j]);
                if (cum + inc >= target && inc > 0) {
                    return lam[i - 1] + (lam[i] - lam[i - 1]) * (target - cum) / inc;
                }
                cum += inc;
            }
        }
        return Double.NaN;
    }
}
