package org.diffsweep.core.features;

import org.diffsweep.core.linalg.LinAlg;
import org.diffsweep.core.numerics.GaussHermite;
import org.diffsweep.core.random.SeededStream;

/**
 * The noise average {@code E_xi} in the feature moments U, V of one set of clean points (theory §2.5, §12.4).
 *
 * <p><b>Exact</b> ({@link #exact}): feature i of point nu has pre-activation {@code h + sqrt(Delta_t) omega_i u_i}
 * with {@code h = e^{-t} W_i . x^nu / sqrt d}, {@code u_i ~ N(0,1)} and {@code corr(u_i, u_j) = R_ij}.
 * <ul>
 *   <li>V by Stein's lemma: {@code V_ik = sqrt(Delta_t/d) W_ik (1/N) sum_nu E_u sigma'(h + sqrt(Delta_t) omega_i u)}.</li>
 *   <li>U by the Mehler expansion to order 2: with {@code F_s[i,nu] = E_u[He_s(u) sigma(h + sqrt(Delta_t) omega_i u)]},
 *       {@code U = (1/N) [F_0 F_0^T + R o (F_1 F_1^T) + (1/2) R o R o (F_2 F_2^T)]} (o = Hadamard product: three
 *       Gram matrices by syrk), and the exact diagonal {@code U_ii = (1/N) sum_nu E_u sigma(...)^2}.</li>
 * </ul>
 * All 1-D expectations use a Gauss–Hermite rule ({@value #DEFAULT_NODES} nodes by default). The only approximation
 * is the Mehler truncation of the off-diagonal of U at order 2 (error O(R^3), a small finite-rank-like perturbation).
 *
 * <p><b>Monte Carlo</b> ({@link #monteCarlo}): m noise draws per point, for cross-checks only (§2.5 explains why it
 * must not drive the closed form).
 */
public final class NoiseAverage {
    /** Default Gauss–Hermite nodes for the per-feature noise expectations (§2.5 asks for 40 to 60). */
    public static final int DEFAULT_NODES = 48;

    private NoiseAverage() {}

    /** Exact noise average with {@link #DEFAULT_NODES} nodes. x is d x count column-major (clean points). */
    public static FeatureMoments exact(RandomFeatures rf, Activation act, double[] x, int count, double t, LinAlg la) {
        return exact(rf, act, x, count, t, la, DEFAULT_NODES);
    }

    /** Exact noise average (Stein for V, Mehler to order 2 plus exact diagonal for U) with a {@code nodes}-point rule. */
    public static FeatureMoments exact(RandomFeatures rf, Activation act, double[] x, int count, double t, LinAlg la,
                                       int nodes) {
        return exact(rf, act, x, count, t, la, nodes, true);
    }

    /** As above; {@code allowFastTanh = false} forces the generic per-node evaluation (tests compare the two). */
    static FeatureMoments exact(RandomFeatures rf, Activation act, double[] x, int count, double t, LinAlg la,
                                int nodes, boolean allowFastTanh) {
        checkBatch(rf, x, count, t);
        int p = rf.p(), d = rf.d();
        double deltaT = -Math.expm1(-2 * t);
        double sd = Math.sqrt(deltaT);
        GaussHermite gh = GaussHermite.of(nodes);
        int kn = gh.size();
        double[] z = gh.nodes(), wt = gh.weights();
        double[] he2 = new double[kn];
        for (int k = 0; k < kn; k++) he2[k] = z[k] * z[k] - 1;
        double[] omega = rf.omegaView();

        // F0 reuses the pre-activation buffer column by column.
        double[] f0 = rf.preactivations(x, count, Math.exp(-t), la, null);
        double[] f1 = new double[p * count];
        double[] f2 = new double[p * count];
        double[] diag = new double[p];
        double[] stein = new double[p];
        // tanh fast path: tanh(h + s z_k) = (1 - P)/(1 + P) with P = e^{-2h} e^{-2 s z_k}, so one StrictMath.exp per
        // (feature, point) plus a per-feature table replaces one per quadrature node (absolute error ~4e-16), and
        // E_u[sigma'] = 1 - E_u[sigma^2] because the weights sum to 1.
        boolean fastTanh = allowFastTanh && act == Activation.TANH;
        double[] expNode = fastTanh ? new double[p * kn] : null;
        if (fastTanh) {
            for (int i = 0; i < p; i++) {
                double s = sd * omega[i];
                for (int k = 0; k < kn; k++) expNode[i * kn + k] = StrictMath.exp(-2 * s * z[k]);
            }
        }
        for (int j = 0; j < count; j++) {
            int o = j * p;
            for (int i = 0; i < p; i++) {
                double h = f0[o + i];
                double a0 = 0, a1 = 0, a2 = 0, aa = 0, ac = 0;
                if (fastTanh) {
                    double eh = StrictMath.exp(-2 * h);
                    int base = i * kn;
                    for (int k = 0; k < kn; k++) {
                        double pk = eh * expNode[base + k];
                        double v = pk == Double.POSITIVE_INFINITY ? -1.0 : (1 - pk) / (1 + pk);
                        double wv = wt[k] * v;
                        a0 += wv;
                        a1 += wv * z[k];
                        a2 += wv * he2[k];
                        aa += wv * v;
                    }
                    ac = 1 - aa;
                } else {
                    double s = sd * omega[i];
                    for (int k = 0; k < kn; k++) {
                        double arg = h + s * z[k];
                        double v = act.value(arg);
                        double wv = wt[k] * v;
                        a0 += wv;
                        a1 += wv * z[k];
                        a2 += wv * he2[k];
                        aa += wv * v;
                        ac += wt[k] * act.derivative(arg, v);
                    }
                }
                f0[o + i] = a0;
                f1[o + i] = a1;
                f2[o + i] = a2;
                diag[i] += aa;
                stein[i] += ac;
            }
        }
        double inv = 1.0 / count;
        double[] r = rf.noiseCorrelation(la);
        double[] u = new double[p * p];
        double[] g = new double[p * p];
        la.syrk(false, p, count, inv, f0, 0.0, u);
        la.syrk(false, p, count, inv, f1, 0.0, g);
        for (int q = 0; q < u.length; q++) u[q] += r[q] * g[q];
        la.syrk(false, p, count, 0.5 * inv, f2, 0.0, g);
        for (int q = 0; q < u.length; q++) u[q] += r[q] * r[q] * g[q];
        for (int i = 0; i < p; i++) u[i * p + i] = diag[i] * inv;

        double[] w = rf.weightsView();
        double[] v = new double[p * d];
        double sc = Math.sqrt(deltaT / d) * inv;
        for (int k = 0; k < d; k++) {
            int o = k * p;
            for (int i = 0; i < p; i++) v[o + i] = sc * w[o + i] * stein[i];
        }
        return new FeatureMoments(p, d, count, u, v);
    }

    /**
     * Monte-Carlo noise average with {@code draws} noise vectors per point from {@code noise} (drawn point by point,
     * draw by draw, coordinate by coordinate). Cross-checks only (§12.4).
     */
    public static FeatureMoments monteCarlo(RandomFeatures rf, Activation act, double[] x, int count, double t,
                                            int draws, SeededStream noise, LinAlg la) {
        checkBatch(rf, x, count, t);
        if (draws < 1) throw new IllegalArgumentException("draws must be >= 1, got " + draws);
        int p = rf.p(), d = rf.d();
        int total = count * draws;
        double deltaT = -Math.expm1(-2 * t);
        double sd = Math.sqrt(deltaT), e = Math.exp(-t);
        double[] xi = new double[d * total];
        noise.fillGaussian(xi);
        double[] y = new double[d * total];
        for (int j = 0; j < count; j++) {
            for (int m = 0; m < draws; m++) {
                int o = (j * draws + m) * d;
                for (int k = 0; k < d; k++) y[o + k] = e * x[j * d + k] + sd * xi[o + k];
            }
        }
        double[] phi = rf.apply(act, y, total, la, null);
        double[] u = new double[p * p];
        la.syrk(false, p, total, 1.0 / total, phi, 0.0, u);
        double[] v = new double[p * d];
        la.gemm(false, true, p, d, total, 1.0 / total, phi, xi, 0.0, v);
        return new FeatureMoments(p, d, count, u, v);
    }

    private static void checkBatch(RandomFeatures rf, double[] x, int count, double t) {
        if (count < 1) throw new IllegalArgumentException("count must be >= 1, got " + count);
        if (x.length < rf.d() * count) throw new IllegalArgumentException("x must hold d*count = " + rf.d() * count + " values");
        if (!(t > 0) || !Double.isFinite(t)) throw new IllegalArgumentException("t must be finite and > 0, got " + t);
    }
}
