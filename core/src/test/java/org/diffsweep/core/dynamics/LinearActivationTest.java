package org.diffsweep.core.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.diffsweep.core.features.Activation;
import org.diffsweep.core.linalg.LinAlg;
import org.diffsweep.core.point.TauGrid;
import org.junit.jupiter.api.Test;

/**
 * With sigma(x) = x the model is {@code s(y) = K y}, {@code K = B W / sqrt d} (d x d), and the flow of §2.3 becomes
 * {@code dK/dtau = -alpha (K C + I) Omega}, alpha = 2 Delta_t/psi_p, Omega = W^T W / d,
 * C = e^{-2t} X X^T / n + Delta_t I (pooled training set). Its solution with K(0) = 0 is
 * {@code K(tau) = -C^{-1} + C^{-1/2} Z e^{-alpha mu tau} Z^T C^{-1/2}}, where {@code C^{1/2} Omega C^{1/2} = Z diag(mu) Z^T},
 * and {@code L*(tau) = 1 + (Delta_t/d) Tr(K C* K^T) + (2 Delta_t/d) Tr K} for the class second moments C* of the
 * training or population samples. This d-space reference shares nothing with the p-space eigen path but the data.
 */
class LinearActivationTest {
    private static final LinAlg LA = LinAlg.best();

    @Test
    void curvesAndOptimumMatchTheDSpaceClosedForm() {
        int d = 5, p = 20;
        double t = 0.2;
        int[] nc = {6, 4};
        RfSystem sys = Fixtures.system(d, p, nc, 30, t, Activation.LINEAR, LA);
        double delta = sys.deltaT(), e2 = Math.exp(-2 * t), alpha = 2 * delta / sys.psiP();
        double[] w = sys.moments().features().weights();
        RealMatrix wm = new Array2DRowRealMatrix(p, d);
        for (int i = 0; i < p; i++) for (int k = 0; k < d; k++) wm.setEntry(i, k, w[k * p + i]);
        RealMatrix omega = wm.transpose().multiply(wm).scalarMultiply(1.0 / d);
        int n = nc[0] + nc[1];
        RealMatrix c = secondMoment(sys.moments().trainData(0), nc[0], d).scalarMultiply(nc[0])
                .add(secondMoment(sys.moments().trainData(1), nc[1], d).scalarMultiply(nc[1]))
                .scalarMultiply(e2 / n).add(MatrixUtils.createRealIdentityMatrix(d).scalarMultiply(delta));
        EigenDecomposition ec = new EigenDecomposition(c);
        RealMatrix cHalf = ec.getSquareRoot();
        RealMatrix cInvHalf = MatrixUtils.inverse(cHalf);
        RealMatrix cInv = MatrixUtils.inverse(c);
        EigenDecomposition ez = new EigenDecomposition(cHalf.multiply(omega).multiply(cHalf));
        RealMatrix z = ez.getV();
        double[] mu = ez.getRealEigenvalues();

        double[] tau = new TauGrid(1e-2, 1e6, 30).values();
        Curves cf = RfDynamics.curves(sys, tau, LA);
        double maxExcursion = 0;
        for (int k = 0; k < tau.length; k++) {
            RealMatrix decay = new Array2DRowRealMatrix(d, d);
            for (int i = 0; i < d; i++) decay.setEntry(i, i, Math.exp(-alpha * mu[i] * tau[k]));
            RealMatrix kk = cInv.scalarMultiply(-1).add(cInvHalf.multiply(z).multiply(decay).multiply(z.transpose()).multiply(cInvHalf));
            for (int cl = 0; cl < 2; cl++) {
                RealMatrix cTrain = secondMoment(sys.moments().trainData(cl), nc[cl], d).scalarMultiply(e2)
                        .add(MatrixUtils.createRealIdentityMatrix(d).scalarMultiply(delta));
                RealMatrix cPop = secondMoment(sys.moments().popData(cl), 30, d).scalarMultiply(e2)
                        .add(MatrixUtils.createRealIdentityMatrix(d).scalarMultiply(delta));
                double lTrain = loss(kk, cTrain, delta, d), lTest = loss(kk, cPop, delta, d);
                // Rounding: entries of U are O(psi_p), cond(U restricted to span W) ~ 1e2; 1e-10 leaves margin.
                assertEquals(lTrain, cf.trainLoss()[cl][k], 1e-10, "train c=" + cl + " tau=" + tau[k]);
                assertEquals(lTest, cf.testLoss()[cl][k], 1e-10, "test c=" + cl + " tau=" + tau[k]);
                maxExcursion = Math.max(maxExcursion, Math.abs(lTest - 1));
            }
        }
        assertTrue(maxExcursion > 0.05, "curves must move");
        // Optimum: pooled L_train(infinity) = 1 - (Delta_t/d) Tr(C^{-1}).
        assertEquals(1 - delta / d * cInv.getTrace(), cf.pooledTrain()[tau.length - 1], 1e-10);
    }

    private static double loss(RealMatrix k, RealMatrix cStar, double delta, int d) {
        return 1 + delta / d * k.multiply(cStar).multiply(k.transpose()).getTrace() + 2 * delta / d * k.getTrace();
    }

    /** (1/N) sum_j x_j x_j^T of a d x N column-major batch. */
    private static RealMatrix secondMoment(double[] x, int count, int d) {
        RealMatrix m = new Array2DRowRealMatrix(d, d);
        for (int j = 0; j < count; j++) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) m.addToEntry(a, b, x[j * d + a] * x[j * d + b] / count);
            }
        }
        return m;
    }
}
