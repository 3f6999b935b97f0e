package org.diffsweep.core.dynamics;

import java.util.ArrayList;
import java.util.List;
import org.diffsweep.core.features.NoiseAveragedMatrices;
import org.diffsweep.core.linalg.LinAlg;
import org.diffsweep.core.mixture.GaussianMixture;

/**
 * Cross-check path (theory §2.3-2.4, §12.5): full-batch discrete gradient descent on A (d x p, paper
 * parametrisation {@code s_A = (A/sqrt p) sigma(W x/sqrt d)}, A(0) = 0) on the noise-averaged training loss,
 *
 * <pre>
 *   A <- A - eta grad_A L_train,  grad_A L_train = (2 Delta_t/(d p)) A U + (2 sqrt(Delta_t)/(d sqrt p)) V^T,
 *   tau = k eta / d^2 (paper time units),
 * </pre>
 *
 * with every loss evaluated directly from {@code B = A/sqrt p} by the trace formulas of §2.2, without the
 * eigenbasis. It reproduces the closed form up to the O(eta) discretisation error. Stable while
 * {@code (eta/d^2)(2 Delta_t/psi_p) lambda_max(U) < 2}. Small sizes only: every step costs O(d p^2).
 */
public final class DiscreteGd {
    private DiscreteGd() {}

    /**
     * Runs GD with step {@code eta} and records the curves after {@code round(tau_k d^2 / eta)} steps for each
     * requested tau_k (ascending); the returned curves carry the exact times {@code k eta / d^2} reached.
     */
    public static Curves run(RfSystem sys, double[] tau, double eta, LinAlg la) {
        NoiseAveragedMatrices mm = sys.moments();
        int p = sys.p(), d = sys.d(), cc = sys.numClasses(), nt = tau.length;
        double deltaT = sys.deltaT(), sdt = Math.sqrt(deltaT);
        double[] u = mm.pooledTrainU(), v = mm.pooledTrainV();
        double[] a = new double[d * p];
        double[] grad = new double[d * p];
        double[] b = new double[d * p];
        double[] bu = new double[d * p];
        double cu = 2 * deltaT / ((double) d * p), cv = 2 * sdt / (d * Math.sqrt(p));
        double[] reached = new double[nt];
        double[][] train = new double[cc][nt], test = new double[cc][nt], score = new double[cc][nt];
        long step = 0;
        double dd = (double) d * d;
        for (int k = 0; k < nt; k++) {
            long target = Math.round(tau[k] * dd / eta);
            for (; step < target; step++) {
                // grad = cu A U + cv V^T
                la.gemm(false, false, d, p, p, cu, a, u, 0.0, grad);
                for (int i = 0; i < p; i++) {
                    for (int j = 0; j < d; j++) grad[i * d + j] += cv * v[j * p + i];
                }
                for (int z = 0; z < a.length; z++) a[z] -= eta * grad[z];
            }
            reached[k] = step * eta / dd;
            double inv = 1 / Math.sqrt(p);
            for (int z = 0; z < a.length; z++) b[z] = a[z] * inv;
            for (int c = 0; c < cc; c++) {
                train[c][k] = loss(la, p, d, deltaT, b, bu, mm.trainU(c), mm.trainV(c));
                test[c][k] = loss(la, p, d, deltaT, b, bu, mm.popU(c), mm.popV(c));
                double quad = quadratic(la, p, d, b, bu, mm.popU(c));
                double lin = bilinear(p, d, b, sys.scoreCross(c));
                score[c][k] = (quad - 2 * lin + sys.scoreNorm2(c)) / d;
            }
        }
        GaussianMixture mix = mm.mixture();
        double[][] gen = new double[cc][nt];
        double[] pTrain = new double[nt], pTest = new double[nt], pScore = new double[nt];
        List<String> names = new ArrayList<>();
        for (int c = 0; c < cc; c++) {
            names.add(mix.classes().get(c).name());
            for (int k = 0; k < nt; k++) {
                gen[c][k] = test[c][k] - train[c][k];
                pTrain[k] += sys.classFraction(c) * train[c][k];
                pTest[k] += mix.weight(c) * test[c][k];
                pScore[k] += mix.weight(c) * score[c][k];
            }
        }
        return new Curves(reached, names, train, test, gen, score, pTrain, pTest, pScore);
    }

    /** {@code 1 + (Delta_t/d) Tr(B^T B U*) + (2 sqrt(Delta_t)/d) Tr(B V*)}. */
    static double loss(LinAlg la, int p, int d, double deltaT, double[] b, double[] bu, double[] uStar, double[] vStar) {
        return 1 + (deltaT * quadratic(la, p, d, b, bu, uStar) + 2 * Math.sqrt(deltaT) * bilinear(p, d, b, vStar)) / d;
    }

    /** {@code Tr(B^T B U) = sum (B U) o B}. */
    static double quadratic(LinAlg la, int p, int d, double[] b, double[] bu, double[] u) {
        la.gemm(false, false, d, p, p, 1.0, b, u, 0.0, bu);
        double s = 0;
        for (int z = 0; z < b.length; z++) s += b[z] * bu[z];
        return s;
    }

    /** {@code Tr(B X)} for B d x p and X p x d. */
    static double bilinear(int p, int d, double[] b, double[] x) {
        double s = 0;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < d; j++) s += b[i * d + j] * x[j * p + i];
        }
        return s;
    }
}
