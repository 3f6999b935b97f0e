package org.diffsweep.core.dynamics;

import java.util.ArrayList;
import java.util.List;
import org.diffsweep.core.features.FeatureSettings;
import org.diffsweep.core.linalg.LinAlg;
import org.diffsweep.core.mixture.GaussianMixture;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.random.RandomStreams;

/**
 * Closed-form gradient flow of the random-features score model and its per-class curves (theory §2.3, §5.3(2),
 * §12.5-6). With {@code A(0) = 0}, {@code B = A/sqrt p} and {@code U = Q diag(lambda) Q^T},
 *
 * <pre>
 *   B(tau) = (1/sqrt Delta_t) V^T Q diag(f(tau)) Q^T,   f_k(tau) = (exp(-2 Delta_t lambda_k tau / psi_p) - 1) / lambda_k,
 *   L*(tau) = 1 + (1/d) [ sum_kl f_k f_l M_kl N*_kl + 2 sum_k f_k P*_k ],
 *   M = G G^T, G = Q^T V,  N* = Q^T U* Q,  P*_k = (Q^T V* V^T Q)_kk,
 *   E_score,c(tau) = (1/d) [ Tr(B^T B Ũ_c) - 2 Tr(B S_c) + E|s|^2_c ],
 * </pre>
 *
 * for U* = U_c (train), Ũ_c (test). Cost: one p x p eigendecomposition (in {@link RfSystem}), 2 p^3 per projected
 * matrix {@code N*} (2C - 1 of them: the largest class's {@code N_c} follows from
 * {@code sum_c (n_c/n) N_c = diag(lambda)}), then O(p^2) per tau via one gemm with the p x T matrix of f's.
 */
public final class RfDynamics {
    private RfDynamics() {}

    /** Closed-form dynamics of a grid point with default feature settings and {@link LinAlg#best()}. */
    public static DynamicsResult run(PointParams params, RandomStreams streams) {
        return run(params, streams, FeatureSettings.DEFAULT, LinAlg.best());
    }

    /** Builds the {@link RfSystem} of the point and runs the dynamics on its tau grid. */
    public static DynamicsResult run(PointParams params, RandomStreams streams, FeatureSettings settings, LinAlg la) {
        RfSystem sys = RfSystem.build(params, streams, settings, la);
        return run(sys, params, la);
    }

    /**
     * Curves on {@code params.tauGrid()} and measured times with {@code params.deltaGen()}. Fills the system's
     * {@link RfSystem#classRayleigh(int)} cache as a by-product.
     */
    public static DynamicsResult run(RfSystem sys, PointParams params, LinAlg la) {
        long[] nanos = new long[2];
        Curves cv = curves(sys, params.tauGrid().values(), la, nanos);
        long t0 = System.nanoTime();
        List<MeasuredClassTimes> times = new ArrayList<>();
        for (int c = 0; c < sys.numClasses(); c++) {
            double score0 = sys.scoreNorm2(c) / sys.d();
            times.add(MeasuredTimes.of(cv.classNames().get(c), cv.tau(), cv.scoreError()[c], score0, cv.genLoss()[c],
                    params.deltaGen()));
        }
        long t1 = System.nanoTime();
        DynamicsResult.StageTimings st = new DynamicsResult.StageTimings(sys.featuresNanos() * 1e-6,
                sys.eigenNanos() * 1e-6, nanos[0] * 1e-6, (nanos[1] + t1 - t0) * 1e-6);
        return new DynamicsResult(times, cv, st, sys.p(), sys.n(), la.name());
    }

    /** Curves of the closed-form flow on the given tau grid. */
    public static Curves curves(RfSystem sys, double[] tau, LinAlg la) {
        return curves(sys, tau, la, new long[2]);
    }

    /** {@code f_k(tau) = (exp(-2 Delta_t lambda tau / psi_p) - 1) / lambda}, with its limit {@code -2 Delta_t tau / psi_p} at lambda = 0. */
    public static double modeFactor(double lambda, double tau, double deltaT, double psiP) {
        double rate = 2 * deltaT * tau / psiP;
        double x = rate * lambda;
        if (x == 0) return -rate;
        return StrictMath.expm1(-x) / lambda;
    }

    private static Curves curves(RfSystem sys, double[] tau, LinAlg la, long[] nanos) {
        long t0 = System.nanoTime();
        int p = sys.p(), d = sys.d(), cc = sys.numClasses(), nt = tau.length;
        double deltaT = sys.deltaT(), psiP = sys.psiP();
        double[] lam = sys.eigenvalues(), q = sys.eigenvectors(), g = sys.projectedV();
        GaussianMixture mix = sys.moments().mixture();

        double[] f = new double[p * nt];
        for (int k = 0; k < nt; k++) {
            for (int i = 0; i < p; i++) f[k * p + i] = modeFactor(lam[i], tau[k], deltaT, psiP);
        }
        double[] m = new double[p * p];
        la.syrk(false, p, d, 1.0, g, 0.0, m);
        double[] tmp = new double[p * p];
        double[] nbuf = new double[p * p];
        double[] hf = new double[p * nt];
        double[] xv = new double[p * d];

        double[][] train = new double[cc][];
        double[][] test = new double[cc][];
        double[][] score = new double[cc][];
        long proj = 0;

        // Training: N_c = Q^T U_c Q for every class but the largest, which follows from sum_c (n_c/n) N_c = diag(lambda).
        int big = 0;
        for (int c = 1; c < cc; c++) if (sys.classFraction(c) > sys.classFraction(big)) big = c;
        double[] acc = new double[p * p];
        for (int i = 0; i < p; i++) acc[i * p + i] = lam[i];
        for (int c = 0; c < cc; c++) {
            if (c == big) continue;
            long a = System.nanoTime();
            project(la, p, sys.classU(c), q, tmp, nbuf);
            proj += System.nanoTime() - a;
            double wc = sys.classFraction(c);
            for (int z = 0; z < acc.length; z++) acc[z] -= wc * nbuf[z];
            sys.cacheRayleigh(c, diagonal(nbuf, p));
            train[c] = losses(la, p, d, nt, nbuf, m, f, hf, q, g, sys.moments().trainV(c), xv, null);
        }
        double inv = 1.0 / sys.classFraction(big);
        for (int z = 0; z < acc.length; z++) acc[z] *= inv;
        sys.cacheRayleigh(big, diagonal(acc, p));
        train[big] = losses(la, p, d, nt, acc, m, f, hf, q, g, sys.moments().trainV(big), xv, null);

        // Test and score error: Ñ_c = Q^T Ũ_c Q (K_c = Ũ_c).
        double sdt = Math.sqrt(deltaT);
        for (int c = 0; c < cc; c++) {
            long a = System.nanoTime();
            project(la, p, sys.moments().popU(c), q, tmp, nbuf);
            proj += System.nanoTime() - a;
            double[] quad = new double[nt];
            test[c] = losses(la, p, d, nt, nbuf, m, f, hf, q, g, sys.moments().popV(c), xv, quad);
            double[] lin = linear(la, p, d, nt, f, q, g, sys.scoreCross(c), xv);
            double es2 = sys.scoreNorm2(c);
            score[c] = new double[nt];
            for (int k = 0; k < nt; k++) score[c][k] = (quad[k] / deltaT - 2 * lin[k] / sdt + es2) / d;
        }

        double[][] gen = new double[cc][nt];
        double[] pTrain = new double[nt], pTest = new double[nt], pScore = new double[nt];
        List<String> names = new ArrayList<>();
        for (int c = 0; c < cc; c++) {
            names.add(mix.classes().get(c).name());
            double wc = sys.classFraction(c), pc = mix.weight(c);
            for (int k = 0; k < nt; k++) {
                gen[c][k] = test[c][k] - train[c][k];
                pTrain[k] += wc * train[c][k];
                pTest[k] += pc * test[c][k];
                pScore[k] += pc * score[c][k];
            }
        }
        nanos[0] = proj;
        nanos[1] = System.nanoTime() - t0 - proj;
        return new Curves(tau.clone(), names, train, test, gen, score, pTrain, pTest, pScore);
    }

    /** {@code out = Q^T u Q} via {@code tmp = u Q}. */
    private static void project(LinAlg la, int p, double[] u, double[] q, double[] tmp, double[] out) {
        la.gemm(false, false, p, p, p, 1.0, u, q, 0.0, tmp);
        la.gemm(true, false, p, p, p, 1.0, q, tmp, 0.0, out);
    }

    private static double[] diagonal(double[] a, int p) {
        double[] r = new double[p];
        for (int i = 0; i < p; i++) r[i] = a[i * p + i];
        return r;
    }

    /**
     * {@code 1 + (1/d)[f^T (M o N) f + 2 f . P]} for every tau; {@code nStar} is overwritten by {@code M o N}.
     * When {@code quadOut} is non-null it receives the quadratic part {@code f^T (M o N) f}.
     */
    private static double[] losses(LinAlg la, int p, int d, int nt, double[] nStar, double[] m, double[] f,
                                   double[] hf, double[] q, double[] g, double[] vStar, double[] xv, double[] quadOut) {
        for (int z = 0; z < nStar.length; z++) nStar[z] *= m[z];
        la.gemm(false, false, p, nt, p, 1.0, nStar, f, 0.0, hf);
        double[] lin = linear(la, p, d, nt, f, q, g, vStar, xv);
        double[] out = new double[nt];
        for (int k = 0; k < nt; k++) {
            double s = 0;
            int o = k * p;
            for (int i = 0; i < p; i++) s += f[o + i] * hf[o + i];
            if (quadOut != null) quadOut[k] = s;
            out[k] = 1 + (s + 2 * lin[k]) / d;
        }
        return out;
    }

    /** {@code sum_k f_k(tau) (Q^T X)_k . G_k} for every tau, for a p x d matrix X. */
    private static double[] linear(LinAlg la, int p, int d, int nt, double[] f, double[] q, double[] g, double[] x,
                                   double[] xv) {
        la.gemm(true, false, p, d, p, 1.0, q, x, 0.0, xv);
        double[] pk = new double[p];
        for (int j = 0; j < d; j++) {
            int o = j * p;
            for (int i = 0; i < p; i++) pk[i] += xv[o + i] * g[o + i];
        }
        double[] lin = new double[nt];
        for (int k = 0; k < nt; k++) {
            double s = 0;
            int o = k * p;
            for (int i = 0; i < p; i++) s += f[o + i] * pk[i];
            lin[k] = s;
        }
        return lin;
    }
}
