package org.diffsweep.core.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.diffsweep.core.features.Activation;
import org.diffsweep.core.linalg.LinAlg;
import org.diffsweep.core.mixture.GaussianMixture;
import org.diffsweep.core.random.SeededStream;
import org.junit.jupiter.api.Test;

/**
 * E_score,c from the O(p^2) trace formula vs a brute-force Monte-Carlo average of |B phi(y) - s(y,t)|^2 / d over
 * fresh samples y ~ P_t^(c) from an independent stream, with B(tau) rebuilt from a commons-math eigendecomposition
 * of U (independent of LAPACK and of the projected formulas).
 */
class ScoreErrorTest {
    private static final LinAlg LA = LinAlg.best();

    @Test
    void traceFormulaAgreesWithBruteForceMonteCarlo() {
        int d = 5, p = 20, pop = 4000, mc = 40_000;
        double t = 0.1;
        RfSystem sys = Fixtures.system(d, p, new int[] {8, 6}, pop, t, Activation.TANH, LA);
        double delta = sys.deltaT();
        double[] tau = {3.0, 30.0, 1e4};
        Curves cf = RfDynamics.curves(sys, tau, LA);

        double[] uu = sys.moments().pooledTrainU(), vv = sys.pooledV();
        RealMatrix u = new Array2DRowRealMatrix(p, p), vt = new Array2DRowRealMatrix(d, p);
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) u.setEntry(i, j, uu[j * p + i]);
            for (int k = 0; k < d; k++) vt.setEntry(k, i, vv[k * p + i]);
        }
        EigenDecomposition eu = new EigenDecomposition(u);
        RealMatrix q = eu.getV();
        double[] lam = eu.getRealEigenvalues();
        GaussianMixture mix = sys.moments().mixture();
        for (int k = 0; k < tau.length; k++) {
            RealMatrix fd = new Array2DRowRealMatrix(p, p);
            for (int i = 0; i < p; i++) {
                fd.setEntry(i, i, Math.expm1(-2 * delta * lam[i] * tau[k] / sys.psiP()) / lam[i]);
            }
            double[][] b = vt.multiply(q).multiply(fd).multiply(q.transpose()).scalarMultiply(1 / Math.sqrt(delta)).getData();
            for (int c = 0; c < 2; c++) {
                SeededStream rng = new SeededStream(777 + c);
                double[] y = new double[d * mc];
                mix.sampleClassAtTime(c, t, mc, rng, y, 0);
                double[] phi = sys.moments().features().apply(Activation.TANH, y, mc, LA, null);
                double[] s = new double[d], post = new double[2];
                double sum = 0, sq = 0;
                for (int j = 0; j < mc; j++) {
                    mix.score(y, j * d, t, s, 0, post);
                    double e = 0;
                    for (int a = 0; a < d; a++) {
                        double bp = 0;
                        for (int i = 0; i < p; i++) bp += b[a][i] * phi[j * p + i];
                        e += (bp - s[a]) * (bp - s[a]);
                    }
                    e /= d;
                    sum += e;
                    sq += e * e;
                }
                double mean = sum / mc, se = Math.sqrt((sq / mc - mean * mean) / mc);
                // The curve itself is a population estimate from 'pop' samples (K_c exact in xi, S_c one draw each):
                // its standard error is ~ se sqrt(mc/pop). Tolerance: 5 combined standard errors.
                double tol = 5 * se * Math.sqrt(1 + (double) mc / pop);
                assertTrue(tol < 0.1 * mean, "the test must be sharper than 10% (tol " + tol + ", mean " + mean + ")");
                assertEquals(mean, cf.scoreError()[c][k], tol, "class " + c + " tau " + tau[k]);
            }
        }
    }
}
