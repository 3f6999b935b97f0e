package org.diffsweep.core.spectrum;

import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Solves a {@link SaddleSystem} on the real axis by continuation in the imaginary part (theory §3.3, §12.11):
 * z = lambda + i eps with eps on a geometric ladder from {@link #EPS_START} down to {@link #EPS_END}. Each rung is
 * a damped complex Newton solve (backtracking on |F|) started from the better (smaller residual) of the previous
 * rung's solution and the previous lambda's solution on the same rung (warm start along the lambda grid). If Newton
 * fails or lands on an unphysical branch (Im of any unknown < 0: q, r, s are Stieltjes transforms of positive
 * measures) the rung is split into finer sub-rungs, and as a last resort Levenberg–Marquardt (commons-math) is run
 * on the real 2k-dimensional system. Arithmetic is on primitive arrays (complex numbers interleaved), with the
 * system's allocation-free {@link SaddleSystem#evaluate(double, double, double[], double[], double[])} and Cramer's
 * rule for two unknowns. Not thread-safe (holds the previous ladder for warm starts).
 */
final class StieltjesSolver {
    static final double EPS_START = 100;
    static final double EPS_END = 1e-11;
    /**
     * Rungs of the ladder: 14 gives eps = 100, 10, ..., 1e-11 (one decade per rung). A ladder of 41 rungs (ratio 0.47)
     * gives the same solutions to 4e-8 relative (densities, edges, masses, per-class times) at 2x the cost; the
     * sub-rung fallback absorbs the rungs where a decade is too far for Newton.
     */
    static final int RUNGS = 14;
    /** The warm start from the previous lambda is used from the rung with eps about this many grid gaps. */
    static final double WARM_FACTOR = 3;
    private static final int MAX_IT = 40;
    private static final double STEP_TOL = 1e-11;
    /** Tolerance on a negative imaginary part, relative to |x|: rounding at tiny eps, far below any true branch. */
    private static final double IM_TOL = 1e-9;

    final SaddleSystem sys;
    final int k;
    final double[] eps;
    /** Index of the rung with eps = 10 EPS_END, used for the support test (rho scales with eps outside the support). */
    final int checkRung;
    private double[][] prev;
    private double prevLambda = Double.NaN;
    // work arrays, complex numbers interleaved (re, im)
    private final double[] f, ft, jac, jact, delta, xt, lu;
    int fallbackCount;
    long evalCount, newtonCount;
    int lmCount;

    StieltjesSolver(SaddleSystem sys) {
        this.sys = sys;
        this.k = sys.size();
        eps = new double[RUNGS];
        double ratio = Math.log(EPS_END / EPS_START) / (RUNGS - 1);
        for (int m = 0; m < RUNGS; m++) eps[m] = EPS_START * Math.exp(ratio * m);
        eps[RUNGS - 1] = EPS_END;
        int cr = 0;
        for (int m = 0; m < RUNGS; m++) if (Math.abs(Math.log(eps[m] / (10 * EPS_END))) < Math.abs(Math.log(eps[cr] / (10 * EPS_END)))) cr = m;
        checkRung = cr;
        f = new double[2 * k];
        ft = new double[2 * k];
        jac = new double[2 * k * k];
        jact = new double[2 * k * k];
        delta = new double[2 * k];
        xt = new double[2 * k];
        lu = new double[2 * k * k];
    }

    /** One solved lambda: unknowns at EPS_END, and Im q at the check rung. {@code ok} false when all fallbacks failed. */
    record Solution(double lambda, Cx[] x, double imQCheck, boolean ok) {
        double rho() { return x[0].im() / Math.PI; }
        double rhoCheck() { return imQCheck / Math.PI; }
    }

    /** Forget the warm start (next call starts a fresh ladder from the large-|z| asymptotics). */
    void reset() { prev = null; prevLambda = Double.NaN; }

    private void initialGuess(double lambda, double e, double[] x) {
        Cx[] c = new Cx[k];
        sys.initialGuess(new Cx(lambda, e), c);
        for (int i = 0; i < k; i++) {
            x[2 * i] = c[i].re();
            x[2 * i + 1] = c[i].im();
        }
    }

    private Cx[] toCx(double[] x) {
        Cx[] c = new Cx[k];
        for (int i = 0; i < k; i++) c[i] = new Cx(x[2 * i], x[2 * i + 1]);
        return c;
    }

    /**
     * Solves at lambda. When a previous lambda was solved, the ladder starts at the first rung with
     * eps <= WARM_FACTOR |lambda - lambda_prev| from the previous lambda's solution on that rung (q is analytic in
     * the upper half plane with radius eps around lambda + i eps, so the neighbour is well inside Newton's basin);
     * otherwise from the large-|z| asymptotics at EPS_START.
     */
    Solution solve(double lambda) {
        double[][] ladder = new double[RUNGS][];
        double[] x = new double[2 * k];
        int m0 = 0;
        if (prev != null) {
            double gap = WARM_FACTOR * Math.abs(lambda - prevLambda);
            m0 = -1;
            for (int m = 0; m < RUNGS; m++) if (eps[m] >= gap) m0 = m;
            if (m0 >= 0) {
                double[] w = prev[m0].clone();
                if (newton(lambda, eps[m0], w)) {
                    x = w;
                    for (int m = 0; m < m0; m++) ladder[m] = prev[m];
                    ladder[m0] = x.clone();
                    m0++;
                } else {
                    m0 = 0;
                }
            } else {
                m0 = 0;
            }
        }
        boolean ok = true;
        for (int m = m0; m < RUNGS && ok; m++) {
            double[] start;
            if (m == 0) {
                start = new double[2 * k];
                initialGuess(lambda, eps[m], start);
            } else {
                start = x.clone();
            }
            if (newton(lambda, eps[m], start)) {
                x = start;
            } else {
                fallbackCount++;
                double[] from = m == 0 ? start : x.clone();
                if (m == 0) initialGuess(lambda, eps[m], from);
                double e0 = m == 0 ? 2 * EPS_START : eps[m - 1];
                double[] sub = subdivide(lambda, e0, eps[m], from, 0);
                if (sub == null) sub = levenbergMarquardt(new Cx(lambda, eps[m]), from);
                if (sub == null) ok = false;
                else x = sub;
            }
            ladder[m] = x.clone();
        }
        if (!ok) {
            prev = null;
            Cx[] nan = new Cx[k];
            for (int i = 0; i < k; i++) nan[i] = new Cx(Double.NaN, Double.NaN);
            return new Solution(lambda, nan, Double.NaN, false);
        }
        prev = ladder;
        prevLambda = lambda;
        return new Solution(lambda, toCx(ladder[RUNGS - 1]), ladder[checkRung][1], true);
    }

    /** Solves the ladder at a single point without warm start (and without disturbing the march state). */
    Solution solveCold(double lambda) {
        double[][] keep = prev;
        double keepL = prevLambda;
        prev = null;
        Solution s = solve(lambda);
        prev = keep;
        prevLambda = keepL;
        return s;
    }

    /** Solves at one complex z by the ladder on eps from EPS_START down to Im z (for the delta weight). */
    Cx[] solveAt(double lambda, double epsilon) {
        double[] x = new double[2 * k];
        initialGuess(lambda, EPS_START, x);
        int steps = Math.max(2, (int) Math.ceil(Math.log(EPS_START / epsilon) / Math.log(1.6)));
        for (int m = 0; m <= steps; m++) {
            double e = EPS_START * Math.pow(epsilon / EPS_START, (double) m / steps);
            double[] start = x.clone();
            if (!newton(lambda, e, start)) {
                double[] sub = subdivide(lambda, m == 0 ? 2 * EPS_START : EPS_START * Math.pow(epsilon / EPS_START, (double) (m - 1) / steps), e, x.clone(), 0);
                if (sub == null) sub = levenbergMarquardt(new Cx(lambda, e), x.clone());
                if (sub == null) return null;
                start = sub;
            }
            x = start;
        }
        return toCx(x);
    }

    private double[] subdivide(double lambda, double eFrom, double eTo, double[] start, int depth) {
        if (depth > 3) return null;
        int parts = 4;
        double[] x = start.clone();
        for (int j = 1; j <= parts; j++) {
            double e = eFrom * Math.pow(eTo / eFrom, (double) j / parts);
            double[] trial = x.clone();
            if (!newton(lambda, e, trial)) {
                double ePrev = eFrom * Math.pow(eTo / eFrom, (double) (j - 1) / parts);
                trial = subdivide(lambda, ePrev, e, x, depth + 1);
                if (trial == null) return null;
            }
            x = trial;
        }
        return x;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double c : v) s += c * c;
        return Double.isNaN(s) ? Double.POSITIVE_INFINITY : Math.sqrt(s);
    }

    private boolean physical(double[] x) {
        for (int i = 0; i < k; i++) {
            double re = x[2 * i], im = x[2 * i + 1];
            if (!Double.isFinite(re) || !Double.isFinite(im)) return false;
            if (im < -IM_TOL * Math.hypot(re, im)) return false;
        }
        return true;
    }

    /** Damped Newton in place at z = lambda + i e; true when converged to a physical solution. */
    boolean newton(double lambda, double e, double[] x) {
        newtonCount++;
        sys.evaluate(lambda, e, x, f, jac);
        double fn = norm(f);
        if (!Double.isFinite(fn)) return false;
        for (int it = 0; it < MAX_IT; it++) {
            for (int i = 0; i < 2 * k; i++) delta[i] = -f[i];
            if (!solveLinear(jac, delta)) return false;
            double rel = 0;
            for (int i = 0; i < k; i++) {
                double dx = Math.hypot(delta[2 * i], delta[2 * i + 1]);
                rel = Math.max(rel, dx / Math.max(Math.hypot(x[2 * i], x[2 * i + 1]), 1e-300));
            }
            double step = 1;
            boolean accepted = false;
            double fnt = Double.NaN;
            for (int bt = 0; bt < 12; bt++) {
                for (int i = 0; i < 2 * k; i++) xt[i] = x[i] + delta[i] * step;
                sys.evaluate(lambda, e, xt, ft, jact);
                evalCount++;
                fnt = norm(ft);
                if (fnt <= (1 - 1e-4 * step) * fn || rel * step < 1e-9) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) return false;
            System.arraycopy(xt, 0, x, 0, 2 * k);
            System.arraycopy(ft, 0, f, 0, 2 * k);
            System.arraycopy(jact, 0, jac, 0, 2 * k * k);
            fn = fnt;
            if (rel * step < STEP_TOL || fn == 0) return physical(x);
        }
        return false;
    }

    /**
     * Solves {@code a x = b} in place in b (complex, interleaved): Cramer's rule for k = 2, else Gaussian elimination
     * with partial pivoting on a copy of a. False when singular or not finite.
     */
    private boolean solveLinear(double[] a, double[] b) {
        if (k == 2) {
            double ar = a[0], ai = a[1], br = a[2], bi = a[3], cr = a[4], ci = a[5], dr = a[6], di = a[7];
            double detr = ar * dr - ai * di - (br * cr - bi * ci), deti = ar * di + ai * dr - (br * ci + bi * cr);
            double dm = detr * detr + deti * deti;
            if (!(dm > 0) || !Double.isFinite(dm)) return false;
            double u0r = b[0], u0i = b[1], u1r = b[2], u1i = b[3];
            // x0 = (d u0 - b u1) / det, x1 = (a u1 - c u0) / det
            double n0r = dr * u0r - di * u0i - (br * u1r - bi * u1i), n0i = dr * u0i + di * u0r - (br * u1i + bi * u1r);
            double n1r = ar * u1r - ai * u1i - (cr * u0r - ci * u0i), n1i = ar * u1i + ai * u1r - (cr * u0i + ci * u0r);
            b[0] = (n0r * detr + n0i * deti) / dm;
            b[1] = (n0i * detr - n0r * deti) / dm;
            b[2] = (n1r * detr + n1i * deti) / dm;
            b[3] = (n1i * detr - n1r * deti) / dm;
            return true;
        }
        System.arraycopy(a, 0, lu, 0, 2 * k * k);
        for (int col = 0; col < k; col++) {
            int piv = col;
            for (int r = col + 1; r < k; r++) if (abs(lu, r * k + col) > abs(lu, piv * k + col)) piv = r;
            double pa = abs(lu, piv * k + col);
            if (pa == 0 || !Double.isFinite(pa)) return false;
            if (piv != col) {
                for (int j = 0; j < k; j++) {
                    swap(lu, col * k + j, piv * k + j);
                }
                swap(b, col, piv);
            }
            double pr = lu[2 * (col * k + col)], pim = lu[2 * (col * k + col) + 1];
            double pm = pr * pr + pim * pim, ir = pr / pm, ii = -pim / pm;
            for (int r = col + 1; r < k; r++) {
                int rc = 2 * (r * k + col);
                double fr = lu[rc] * ir - lu[rc + 1] * ii, fi = lu[rc] * ii + lu[rc + 1] * ir;
                if (fr == 0 && fi == 0) continue;
                for (int j = col; j < k; j++) {
                    int o = 2 * (r * k + j), q = 2 * (col * k + j);
                    double xr = lu[q], xi = lu[q + 1];
                    lu[o] -= fr * xr - fi * xi;
                    lu[o + 1] -= fr * xi + fi * xr;
                }
                double xr = b[2 * col], xi = b[2 * col + 1];
                b[2 * r] -= fr * xr - fi * xi;
                b[2 * r + 1] -= fr * xi + fi * xr;
            }
        }
        for (int r = k - 1; r >= 0; r--) {
            double sr = b[2 * r], si = b[2 * r + 1];
            for (int j = r + 1; j < k; j++) {
                int o = 2 * (r * k + j);
                sr -= lu[o] * b[2 * j] - lu[o + 1] * b[2 * j + 1];
                si -= lu[o] * b[2 * j + 1] + lu[o + 1] * b[2 * j];
            }
            double pr = lu[2 * (r * k + r)], pim = lu[2 * (r * k + r) + 1];
            double pm = pr * pr + pim * pim;
            b[2 * r] = (sr * pr + si * pim) / pm;
            b[2 * r + 1] = (si * pr - sr * pim) / pm;
        }
        return true;
    }

    private static double abs(double[] a, int i) { return Math.hypot(a[2 * i], a[2 * i + 1]); }

    private static void swap(double[] a, int i, int j) {
        double r = a[2 * i], m = a[2 * i + 1];
        a[2 * i] = a[2 * j];
        a[2 * i + 1] = a[2 * j + 1];
        a[2 * j] = r;
        a[2 * j + 1] = m;
    }

    /** Levenberg–Marquardt on the real form (Re/Im interleaved); Jacobian from Cauchy–Riemann. */
    private double[] levenbergMarquardt(Cx z, double[] start) {
        lmCount++;
        double[] x0 = start.clone();
        try {
            LeastSquaresOptimizer.Optimum opt = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                    .start(x0).target(new double[2 * k]).maxEvaluations(2000).maxIterations(2000)
                    .model(p -> realModel(z, p)).build());
            double[] x = opt.getPoint().toArray();
            if (!newton(z.re(), z.im(), x)) return null; // polish, and re-check the branch
            return x;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Pair<RealVector, org.apache.commons.math3.linear.RealMatrix> realModel(Cx z, RealVector p) {
        Cx[] x = new Cx[k];
        for (int i = 0; i < k; i++) x[i] = new Cx(p.getEntry(2 * i), p.getEntry(2 * i + 1));
        Cx[] ff = new Cx[k];
        Cx[] jj = new Cx[k * k];
        sys.evaluate(z, x, ff, jj);
        double[] val = new double[2 * k];
        double[][] jr = new double[2 * k][2 * k];
        for (int i = 0; i < k; i++) {
            val[2 * i] = ff[i].re();
            val[2 * i + 1] = ff[i].im();
            for (int j = 0; j < k; j++) {
                Cx d = jj[i * k + j];
                jr[2 * i][2 * j] = d.re();
                jr[2 * i][2 * j + 1] = -d.im();
                jr[2 * i + 1][2 * j] = d.im();
                jr[2 * i + 1][2 * j + 1] = d.re();
            }
        }
        return new Pair<>(new ArrayRealVector(val, false), new Array2DRowRealMatrix(jr, false));
    }
}
