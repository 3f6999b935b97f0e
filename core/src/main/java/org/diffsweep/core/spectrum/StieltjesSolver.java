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
 * on the real 2k-dimensional system. Not thread-safe (holds the previous ladder for warm starts).
 */
final class StieltjesSolver {
    static final double EPS_START = 100;
    static final double EPS_END = 1e-11;
    static final int RUNGS = 41;
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
    private Cx[][] prev;
    private double prevLambda = Double.NaN;
    private final Cx[] f, ft, jac, jact, delta, xt;
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
        f = new Cx[k];
        ft = new Cx[k];
        jac = new Cx[k * k];
        jact = new Cx[k * k];
        delta = new Cx[k];
        xt = new Cx[k];
    }

    /** One solved lambda: unknowns at EPS_END, and Im q at the check rung. {@code ok} false when all fallbacks failed. */
    record Solution(double lambda, Cx[] x, double imQCheck, boolean ok) {
        double rho() { return x[0].im() / Math.PI; }
        double rhoCheck() { return imQCheck / Math.PI; }
    }

    /** Forget the warm start (next call starts a fresh ladder from the large-|z| asymptotics). */
    void reset() { prev = null; prevLambda = Double.NaN; }

    /**
     * Solves at lambda. When a previous lambda was solved, the ladder starts at the first rung with
     * eps <= WARM_FACTOR |lambda - lambda_prev| from the previous lambda's solution on that rung (q is analytic in
     * the upper half plane with radius eps around lambda + i eps, so the neighbour is well inside Newton's basin);
     * otherwise from the large-|z| asymptotics at EPS_START.
     */
    Solution solve(double lambda) {
        Cx[][] ladder = new Cx[RUNGS][];
        Cx[] x = new Cx[k];
        int m0 = 0;
        if (prev != null) {
            double gap = WARM_FACTOR * Math.abs(lambda - prevLambda);
            m0 = -1;
            for (int m = 0; m < RUNGS; m++) if (eps[m] >= gap) m0 = m;
            if (m0 >= 0) {
                Cx[] w = prev[m0].clone();
                if (newton(new Cx(lambda, eps[m0]), w)) {
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
            Cx z = new Cx(lambda, eps[m]);
            Cx[] start;
            if (m == 0) {
                start = new Cx[k];
                sys.initialGuess(z, start);
            } else {
                start = x.clone();
            }
            if (newton(z, start)) {
                x = start;
            } else {
                fallbackCount++;
                Cx[] from = m == 0 ? start : x.clone();
                if (m == 0) sys.initialGuess(z, from);
                double e0 = m == 0 ? 2 * EPS_START : eps[m - 1];
                Cx[] sub = subdivide(lambda, e0, eps[m], from, 0);
                if (sub == null) sub = levenbergMarquardt(z, from);
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
        return new Solution(lambda, ladder[RUNGS - 1], ladder[checkRung][0].im(), true);
    }

    /** Solves the ladder at a single point without warm start (and without disturbing the march state). */
    Solution solveCold(double lambda) {
        Cx[][] keep = prev;
        double keepL = prevLambda;
        prev = null;
        Solution s = solve(lambda);
        prev = keep;
        prevLambda = keepL;
        return s;
    }

    /** Solves at one complex z by the ladder on eps from EPS_START down to Im z (for the delta weight). */
    Cx[] solveAt(double lambda, double epsilon) {
        Cx[] x = new Cx[k];
        sys.initialGuess(new Cx(lambda, EPS_START), x);
        int steps = Math.max(2, (int) Math.ceil(Math.log(EPS_START / epsilon) / Math.log(1.6)));
        for (int m = 0; m <= steps; m++) {
            double e = EPS_START * Math.pow(epsilon / EPS_START, (double) m / steps);
            Cx z = new Cx(lambda, e);
            Cx[] start = x.clone();
            if (!newton(z, start)) {
                Cx[] sub = subdivide(lambda, m == 0 ? 2 * EPS_START : EPS_START * Math.pow(epsilon / EPS_START, (double) (m - 1) / steps), e, x.clone(), 0);
                if (sub == null) sub = levenbergMarquardt(z, x.clone());
                if (sub == null) return null;
                start = sub;
            }
            x = start;
        }
        return x;
    }

    private Cx[] subdivide(double lambda, double eFrom, double eTo, Cx[] start, int depth) {
        if (depth > 3) return null;
        int parts = 4;
        Cx[] x = start.clone();
        for (int j = 1; j <= parts; j++) {
            double e = eFrom * Math.pow(eTo / eFrom, (double) j / parts);
            Cx z = new Cx(lambda, e);
            Cx[] trial = x.clone();
            if (!newton(z, trial)) {
                double ePrev = eFrom * Math.pow(eTo / eFrom, (double) (j - 1) / parts);
                trial = subdivide(lambda, ePrev, e, x, depth + 1);
                if (trial == null) return null;
            }
            x = trial;
        }
        return x;
    }

    private double residual(Cx z, Cx[] x) {
        sys.evaluate(z, x, ft, jact);
        return norm(ft);
    }

    private static double norm(Cx[] v) {
        double s = 0;
        for (Cx c : v) s += c.re() * c.re() + c.im() * c.im();
        return Double.isNaN(s) ? Double.POSITIVE_INFINITY : Math.sqrt(s);
    }

    private boolean physical(Cx[] x) {
        for (Cx c : x) {
            if (!Double.isFinite(c.re()) || !Double.isFinite(c.im())) return false;
            if (c.im() < -IM_TOL * c.abs()) return false;
        }
        return true;
    }

    /** Damped Newton in place; true when converged to a physical solution. */
    boolean newton(Cx z, Cx[] x) {
        newtonCount++;
        sys.evaluate(z, x, f, jac);
        double fn = norm(f);
        if (!Double.isFinite(fn)) return false;
        for (int it = 0; it < MAX_IT; it++) {
            for (int i = 0; i < k; i++) delta[i] = f[i].negate();
            if (!solveLinear(jac, delta)) return false;
            double rel = 0;
            for (int i = 0; i < k; i++) rel = Math.max(rel, delta[i].abs() / Math.max(x[i].abs(), 1e-300));
            double step = 1;
            boolean accepted = false;
            double fnt = Double.NaN;
            for (int bt = 0; bt < 12; bt++) {
                for (int i = 0; i < k; i++) xt[i] = x[i].plus(delta[i].times(step));
                sys.evaluate(z, xt, ft, jact);
                evalCount++;
                fnt = norm(ft);
                if (fnt <= (1 - 1e-4 * step) * fn || rel * step < 1e-9) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) return false;
            System.arraycopy(xt, 0, x, 0, k);
            System.arraycopy(ft, 0, f, 0, k);
            System.arraycopy(jact, 0, jac, 0, k * k);
            fn = fnt;
            if (rel * step < STEP_TOL || fn == 0) return physical(x);
        }
        return false;
    }

    /** In-place complex Gaussian elimination with partial pivoting; a is destroyed (copied first). */
    private boolean solveLinear(Cx[] aIn, Cx[] b) {
        Cx[] a = aIn.clone();
        for (int col = 0; col < k; col++) {
            int piv = col;
            for (int r = col + 1; r < k; r++) if (a[r * k + col].abs() > a[piv * k + col].abs()) piv = r;
            if (a[piv * k + col].abs() == 0 || !Double.isFinite(a[piv * k + col].abs())) return false;
            if (piv != col) {
                for (int j = 0; j < k; j++) {
                    Cx tmp = a[col * k + j];
                    a[col * k + j] = a[piv * k + j];
                    a[piv * k + j] = tmp;
                }
                Cx tmp = b[col];
                b[col] = b[piv];
                b[piv] = tmp;
            }
            Cx inv = a[col * k + col].inv();
            for (int r = col + 1; r < k; r++) {
                Cx fct = a[r * k + col].times(inv);
                if (fct.re() == 0 && fct.im() == 0) continue;
                for (int j = col; j < k; j++) a[r * k + j] = a[r * k + j].minus(fct.times(a[col * k + j]));
                b[r] = b[r].minus(fct.times(b[col]));
            }
        }
        for (int r = k - 1; r >= 0; r--) {
            Cx s = b[r];
            for (int j = r + 1; j < k; j++) s = s.minus(a[r * k + j].times(b[j]));
            b[r] = s.times(a[r * k + r].inv());
        }
        return true;
    }

    /** Levenberg–Marquardt on the real form (Re/Im interleaved); Jacobian from Cauchy–Riemann. */
    private Cx[] levenbergMarquardt(Cx z, Cx[] start) {
        lmCount++;
        double[] x0 = new double[2 * k];
        for (int i = 0; i < k; i++) {
            x0[2 * i] = start[i].re();
            x0[2 * i + 1] = start[i].im();
        }
        try {
            LeastSquaresOptimizer.Optimum opt = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                    .start(x0).target(new double[2 * k]).maxEvaluations(2000).maxIterations(2000)
                    .model(p -> realModel(z, p)).build());
            double[] sol = opt.getPoint().toArray();
            Cx[] x = new Cx[k];
            for (int i = 0; i < k; i++) x[i] = new Cx(sol[2 * i], sol[2 * i + 1]);
            if (!newton(z, x)) return null; // polish, and re-check the branch
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
