package org.diffsweep.core.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffsweep.core.features.Activation;
import org.diffsweep.core.linalg.LinAlg;
import org.diffsweep.core.point.TauGrid;
import org.junit.jupiter.api.Test;

class ClosedFormVsGdTest {
    private static final LinAlg LA = LinAlg.best();

    /**
     * Discrete GD (losses from A by trace formulas, no eigenbasis) vs the closed form in the eigenbasis of U.
     * The step is chosen so that h r_max = 0.01 for the fastest mode rate r = 2 Delta_t lambda_max / psi_p. Per mode,
     * |(1 - h r)^m - e^{-h r m}| <= e^{-1} h r / 2 < 2e-3 relative; losses are quadratic in the modes, so the curves
     * agree to < 1% of their excursion max|L - 1| (and E_score to 1% of its range). Tolerance: 1% of the excursion.
     */
    @Test
    void discreteGradientDescentReproducesTheClosedForm() {
        int d = 6, p = 30;
        double t = 0.1;
        RfSystem sys = Fixtures.system(d, p, new int[] {7, 5}, 40, t, Activation.TANH, LA);
        double[] lam = sys.eigenvalues();
        double rMax = 2 * sys.deltaT() * lam[p - 1] / sys.psiP();
        double rMin = 2 * sys.deltaT() * lam[0] / sys.psiP();
        double h = 0.01 / rMax;                       // paper-time step
        double eta = h * d * d;                        // GD learning rate in A units
        double tauMax = Math.min(3.0 / rMin, 2e5 * h); // well into memorisation, at most 2e5 steps
        double[] tau = new TauGrid(10 * h, tauMax, 25).values();
        Curves gd = DiscreteGd.run(sys, tau, eta, LA);
        Curves cf = RfDynamics.curves(sys, gd.tau(), LA);
        for (int c = 0; c < 2; c++) {
            double ex = excursion(cf.trainLoss()[c], 1) + excursion(cf.testLoss()[c], 1);
            double es = range(cf.scoreError()[c]);
            assertTrue(ex > 1e-3, "the curves must move for the test to bite");
            for (int k = 0; k < tau.length; k++) {
                assertEquals(cf.trainLoss()[c][k], gd.trainLoss()[c][k], 0.01 * ex, "train c=" + c + " k=" + k);
                assertEquals(cf.testLoss()[c][k], gd.testLoss()[c][k], 0.01 * ex, "test c=" + c + " k=" + k);
                assertEquals(cf.scoreError()[c][k], gd.scoreError()[c][k], 0.01 * es, "score c=" + c + " k=" + k);
            }
        }
    }

    /** Train losses of the closed form at tau -> infinity equal the minimum: L_train at B* = -V^T U^{-1}/sqrt(Delta_t). */
    @Test
    void longTimeLimitIsTheLeastSquaresOptimum() {
        int d = 5, p = 20;
        RfSystem sys = Fixtures.system(d, p, new int[] {6, 4}, 30, 0.2, Activation.TANH, LA);
        Curves cf = RfDynamics.curves(sys, new double[] {1e14}, LA);
        // Direct: pooled L_train(B*) = 1 - (1/d) Tr(V^T U^{-1} V) (plug B* into §2.2), by a Cholesky-free solve.
        org.apache.commons.math3.linear.RealMatrix u = new org.apache.commons.math3.linear.Array2DRowRealMatrix(p, p);
        org.apache.commons.math3.linear.RealMatrix v = new org.apache.commons.math3.linear.Array2DRowRealMatrix(p, d);
        double[] uu = sys.moments().pooledTrainU(), vv = sys.pooledV();
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) u.setEntry(i, j, uu[j * p + i]);
            for (int k = 0; k < d; k++) v.setEntry(i, k, vv[k * p + i]);
        }
        org.apache.commons.math3.linear.RealMatrix x =
                new org.apache.commons.math3.linear.LUDecomposition(u).getSolver().solve(v);
        double expect = 1 - v.transpose().multiply(x).getTrace() / d;
        // Relative rounding of the eigen path is ~cond(U) eps = 1e-11 here.
        assertEquals(expect, cf.pooledTrain()[0], 1e-9);
    }

    private static double excursion(double[] f, double ref) {
        double m = 0;
        for (double v : f) m = Math.max(m, Math.abs(v - ref));
        return m;
    }

    private static double range(double[] f) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : f) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return hi - lo;
    }
}
