package org.diffsweep.bench;

import java.util.List;
import org.diffsweep.core.linalg.EigenWorkspace;
import org.diffsweep.core.linalg.LinAlg;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.mixture.GaussianMixture;
import org.diffsweep.core.numerics.GaussHermite;
import org.diffsweep.core.random.RandomStreams;
import org.diffsweep.core.random.SeededStream;

/**
 * Performance reference for one grid point: the minimal per-point pipeline of theory §2.3 and §2.5 written
 * for speed, stage for stage the same algorithm as {@code bench/numpy_point.py}, so that the two can be timed side
 * by side. It is a benchmark fixture, not the production evaluator (that lives in {@code core.features} /
 * {@code core.dynamics}); E_score and per-class times are left out because numpy does not do them either.
 *
 * <p>Stages (one call of {@link #run} does all, timing each):
 * <ol>
 *   <li><b>features</b>: draw W (p x d), training and test data of two classes, pre-activations
 *       {@code H = e^{-t} W X / sqrt(d)} (dgemm);</li>
 *   <li><b>quadrature</b>: for every (feature, point), Gauss-Hermite averages over the noise of
 *       {@code He_s(u) tanh(h + sqrt(Delta_t) omega_i u)} for s = 0, 1, 2, of {@code tanh^2} (exact diagonal of U) and
 *       {@code tanh'} (Stein coefficient of V) — p n K tanh evaluations per data set;</li>
 *   <li><b>gram</b>: per class and data set, {@code U_c = G_0 + R o G_1 + (R o R / 2) o G_2} with exact diagonal,
 *       {@code G_s = F_s F_s^T / n_c} (dsyrk on the class's column range, no copy) and
 *       {@code R = W W^T / (d omega_i omega_j)} (dsyrk); V_c = diag(c_c) W sqrt(Delta_t / d); pooled U;</li>
 *   <li><b>eigen</b>: dsyevd of the pooled training U with a reused workspace;</li>
 *   <li><b>curves</b>: {@code M = Q^T V V^T Q}, {@code N_c = Q^T U_c Q}, {@code P_c = diag(Q^T V_c V^T Q)} and, for
 *       all tau at once, {@code L_c(tau) = 1 + (1/d)[f^T (M o N_c) f + 2 P_c . f]} as one dgemm of
 *       {@code M o N_c} with the p x T matrix of {@code f_k(tau)} (O(p^2) per tau).</li>
 * </ol>
 * All buffers are allocated once per instance and reused across runs.
 */
public final class ReferencePoint {
    /** Stage names in run order. */
    public static final List<String> STAGES = List.of("features", "quadrature", "gram", "eigen", "curves");

    final int d, p, nTot, classes = 2, quadNodes, tauPoints;
    final int[] nc = new int[2], off = new int[3];
    final double t, psiP, deltaT;
    private final LinAlg la;
    private final GaussianMixture mixture;
    private final double[] gu, gw;
    private final double[] tau;
    // buffers
    private final double[] w, omega, x, xte, h, hte;
    private final double[] f0, f1, f2, f0t, f1t, f2t;
    private final double[][] diagU, stein;      // [set*2 + class][p]
    private final double[] r, g;
    private final double[][] uc;                 // [set*2 + class][p*p]
    private final double[] u, uPooled, lambda, t1, nmat, mmat, y, yc, fmat, z;
    private final EigenWorkspace ws = new EigenWorkspace();
    /** Curves L[set*2 + class][tau]: set 0 = train, 1 = test. */
    public final double[][] curves;
    private final boolean fastTanh;
    /** Quadrature tanh mode: 0 = Math.tanh, 1 = Math.exp-based per node, 2 = exponential product (see {@link #quadrature()}). */
    private final int tanhMode;
    private final double[] eb;

    /** Per-stage wall times of the last run, seconds, in {@link #STAGES} order. */
    public final double[] seconds = new double[STAGES.size()];
    /** Floating-point operations of the BLAS/LAPACK calls of each stage (eigen: nominal 9 p^3). */
    public final double[] flops = new double[STAGES.size()];

    /**
     * @param d        data dimension
     * @param psiP     p / d
     * @param psiN     n / d (two balanced classes)
     * @param t        diffusion time
     * @param quadNodes Gauss-Hermite nodes (theory §2.5: 40-60)
     * @param tauPoints tau grid size (log-spaced 1e-2 .. 1e7, as TauGrid.DEFAULT)
     * @param fastTanh  use {@code 1 - 2/(e^{2x}+1)} through the intrinsic Math.exp instead of Math.tanh
     */
    public ReferencePoint(int d, double psiP, double psiN, double t, int quadNodes, int tauPoints,
                          LinAlg la, boolean fastTanh) {
        this(d, psiP, psiN, t, quadNodes, tauPoints, la, fastTanh ? 1 : 0);
    }

    /**
     * As above with an explicit tanh mode for the quadrature: 0 = {@code Math.tanh} at every node, 1 = the
     * {@code Math.exp}-based tanh at every node, 2 = the exponential-product form: one {@code StrictMath.exp} per
     * (feature, point) and per (feature, node) instead of one per (feature, point, node).
     */
    public ReferencePoint(int d, double psiP, double psiN, double t, int quadNodes, int tauPoints,
                          LinAlg la, int tanhMode) {
        boolean fastTanh = tanhMode != 0;
        this.tanhMode = tanhMode;
        this.d = d;
        this.psiP = psiP;
        this.p = (int) Math.round(psiP * d);
        this.t = t;
        this.deltaT = -Math.expm1(-2 * t);
        this.la = la;
        this.fastTanh = fastTanh;
        this.quadNodes = quadNodes;
        this.tauPoints = tauPoints;
        this.mixture = GaussianMixture.of(d, List.of(new ClassSpec("A", 0.5, 1.0, 0.0, 1.0),
                new ClassSpec("B", 0.5, 1.0, 180.0, 0.5)));
        nc[0] = (int) Math.round(0.5 * psiN * d);
        nc[1] = nc[0];
        off[1] = nc[0];
        off[2] = nc[0] + nc[1];
        nTot = off[2];
        GaussHermite gh = GaussHermite.of(quadNodes);
        gu = gh.nodes();
        gw = gh.weights();
        tau = new double[tauPoints];
        for (int k = 0; k < tauPoints; k++) tau[k] = Math.exp(Math.log(1e-2) + k * (Math.log(1e7) - Math.log(1e-2)) / (tauPoints - 1));
        w = new double[p * d];
        omega = new double[p];
        x = new double[d * nTot];
        xte = new double[d * nTot];
        h = new double[p * nTot];
        hte = new double[p * nTot];
        f0 = new double[p * nTot]; f1 = new double[p * nTot]; f2 = new double[p * nTot];
        f0t = new double[p * nTot]; f1t = new double[p * nTot]; f2t = new double[p * nTot];
        diagU = new double[4][p];
        stein = new double[4][p];
        r = new double[p * p];
        g = new double[p * p];
        uc = new double[4][p * p];
        u = new double[p * p];
        uPooled = new double[p * p];
        lambda = new double[p];
        t1 = new double[p * p];
        nmat = new double[p * p];
        mmat = new double[p * p];
        y = new double[p * d];
        yc = new double[p * d];
        fmat = new double[p * tauPoints];
        z = new double[p * tauPoints];
        curves = new double[4][tauPoints];
        eb = tanhMode == 2 ? new double[p * quadNodes] : null;
    }

    public int p() { return p; }
    public int n() { return nTot; }

    /** tanh through one intrinsic exp: {@code sign(x) (1 - e) / (1 + e)}, {@code e = exp(-2|x|)}; abs error < 3e-16. */
    static double tanhFast(double v) {
        double e = Math.exp(-2 * Math.abs(v));
        return Math.copySign((1 - e) / (1 + e), v);
    }

    /** Runs the whole pipeline once; stage times land in {@link #seconds}. */
    public void run(String pointKey) {
        long t0 = Clock.nanos();
        features(pointKey);
        long t1n = Clock.nanos();
        quadrature();
        long t2n = Clock.nanos();
        gram();
        long t3n = Clock.nanos();
        eigen();
        long t4n = Clock.nanos();
        curves();
        long t5n = Clock.nanos();
        seconds[0] = (t1n - t0) * 1e-9;
        seconds[1] = (t2n - t1n) * 1e-9;
        seconds[2] = (t3n - t2n) * 1e-9;
        seconds[3] = (t4n - t3n) * 1e-9;
        seconds[4] = (t5n - t4n) * 1e-9;
    }

    /** Stage 1: W, data, test data, pre-activations. */
    public void features(String pointKey) {
        RandomStreams rs = RandomStreams.forKey(pointKey);
        SeededStream sw = rs.stream("W");
        sw.fillGaussian(w);
        for (int i = 0; i < p; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) { double v = w[i + k * p]; s += v * v; }
            omega[i] = Math.sqrt(s / d);
        }
        SeededStream sx = rs.stream("data"), st = rs.stream("test");
        for (int c = 0; c < classes; c++) {
            mixture.sampleClass(c, nc[c], sx, x, off[c] * d);
            mixture.sampleClass(c, nc[c], st, xte, off[c] * d);
        }
        double pre = Math.exp(-t) / Math.sqrt(d);
        la.gemm(false, false, p, nTot, d, pre, w, x, 0.0, h);
        la.gemm(false, false, p, nTot, d, pre, w, xte, 0.0, hte);
        flops[0] = 2.0 * 2.0 * p * d * nTot;
    }

    /** Stage 2: Gauss-Hermite noise averages for the training and test sets (no BLAS). */
    public void quadrature() {
        quadrature(h, f0, f1, f2, 0);
        quadrature(hte, f0t, f1t, f2t, 2);
        flops[1] = 0;
    }

    /** Stage 3: per-class U_c (train and test) and the pooled training U. */
    public void gram() {
        la.syrkLower(false, p, d, 1.0 / d, w, 0, p, 0.0, r, 0, p);
        for (int j = 0; j < p; j++) for (int i = j; i < p; i++) r[i + j * p] /= omega[i] * omega[j];
        for (int set = 0; set < 2; set++) {
            double[] a0 = set == 0 ? f0 : f0t, a1 = set == 0 ? f1 : f1t, a2 = set == 0 ? f2 : f2t;
            for (int c = 0; c < classes; c++) {
                double[] out = uc[set * 2 + c];
                double inv = 1.0 / nc[c];
                la.syrkLower(false, p, nc[c], inv, a0, off[c] * p, p, 0.0, out, 0, p);
                la.syrkLower(false, p, nc[c], inv, a1, off[c] * p, p, 0.0, g, 0, p);
                for (int j = 0; j < p; j++) for (int i = j; i < p; i++) { int q = i + j * p; out[q] += r[q] * g[q]; }
                la.syrkLower(false, p, nc[c], inv, a2, off[c] * p, p, 0.0, g, 0, p);
                for (int j = 0; j < p; j++) for (int i = j; i < p; i++) { int q = i + j * p; out[q] += 0.5 * r[q] * r[q] * g[q]; }
                double[] dg = diagU[set * 2 + c];
                for (int i = 0; i < p; i++) out[i + i * p] = dg[i];
                LinAlg.symmetrizeLower(p, out);
            }
        }
        double wa = (double) nc[0] / nTot, wb = (double) nc[1] / nTot;
        double[] ua = uc[0], ub = uc[1];
        for (int q = 0; q < p * p; q++) uPooled[q] = wa * ua[q] + wb * ub[q];
        flops[2] = (double) p * p * d + 3.0 * 2.0 * p * p * nTot;
    }

    /** Stage 4: dsyevd of the pooled U (copied, so the stage can be repeated) with a reused workspace. */
    public void eigen() {
        System.arraycopy(uPooled, 0, u, 0, u.length);
        la.symmetricEigen(p, u, lambda, ws);
        flops[3] = 9.0 * p * p * (double) p;
    }

    /** Largest |h| for the exponential-product form; beyond it the per-node form is used (never in practice). */
    private static final double PRODUCT_H_LIMIT = 100;

    private void quadrature(double[] hh, double[] a0, double[] a1, double[] a2, int slot) {
        int kq = quadNodes;
        double sq = Math.sqrt(deltaT);
        double[] scale = new double[p];
        for (int i = 0; i < p; i++) scale[i] = sq * omega[i];
        double[] wu = new double[kq], wu2 = new double[kq];
        for (int k = 0; k < kq; k++) { wu[k] = gw[k] * gu[k]; wu2[k] = gw[k] * (gu[k] * gu[k] - 1); }
        if (tanhMode == 2) {
            // tanh(h + b) = (1 - P) / (1 + P) with P = e^{-2h} e^{-2b}: one exp per (i, nu) and per (i, k)
            for (int i = 0; i < p; i++) for (int k = 0; k < kq; k++) eb[i * kq + k] = StrictMath.exp(-2 * scale[i] * gu[k]);
        }
        for (int c = 0; c < classes; c++) {
            double[] dg = diagU[slot + c], sn = stein[slot + c];
            java.util.Arrays.fill(dg, 0);
            java.util.Arrays.fill(sn, 0);
            for (int nu = off[c]; nu < off[c + 1]; nu++) {
                int base = nu * p;
                for (int i = 0; i < p; i++) {
                    double hv = hh[base + i], a = scale[i];
                    double s0 = 0, s1 = 0, s2 = 0, sd = 0;
                    if (tanhMode == 2 && Math.abs(hv) < PRODUCT_H_LIMIT) {
                        double eh = StrictMath.exp(-2 * hv);
                        int eo = i * kq;
                        for (int k = 0; k < kq; k++) {
                            double pr = eh * eb[eo + k];
                            double f = (1 - pr) / (1 + pr);
                            double wf = gw[k] * f;
                            s0 += wf;
                            s1 += wu[k] * f;
                            s2 += wu2[k] * f;
                            sd += wf * f;
                        }
                    } else {
                        for (int k = 0; k < kq; k++) {
                            double v = hv + a * gu[k];
                            double f = tanhMode != 0 ? tanhFast(v) : Math.tanh(v);
                            double wf = gw[k] * f;
                            s0 += wf;
                            s1 += wu[k] * f;
                            s2 += wu2[k] * f;
                            sd += wf * f;
                        }
                    }
                    a0[base + i] = s0;
                    a1[base + i] = s1;
                    a2[base + i] = s2;
                    dg[i] += sd;
                }
            }
            double inv = 1.0 / nc[c];
            // Stein coefficient E[tanh'] = E[1 - tanh^2] = 1 - diag (the Gauss-Hermite weights sum to 1)
            for (int i = 0; i < p; i++) { dg[i] *= inv; sn[i] = 1 - dg[i]; }
        }
    }

    /** The training-set F_0 (p x n) of the last run, for cross-checks between tanh modes. */
    public double[] f0View() { return f0; }

    /** Stage 5: loss curves of both classes on the training and test sets over the whole tau grid. */
    public void curves() {
        double vs = Math.sqrt(deltaT / d);
        // pooled V = diag(c) W sqrt(Delta/d), c = sum_c (n_c/n) c_c ; Y = Q^T V (p x d); M = Y Y^T
        double wa = (double) nc[0] / nTot, wb = (double) nc[1] / nTot;
        double[] vbuf = t1; // scratch p x d inside t1 (p*p >= p*d when psiP >= 1)
        for (int k = 0; k < d; k++) for (int i = 0; i < p; i++) {
            vbuf[i + k * p] = (wa * stein[0][i] + wb * stein[1][i]) * vs * w[i + k * p];
        }
        la.gemm(true, false, p, d, p, 1.0, u, vbuf, 0.0, y);
        la.syrk(false, p, d, 1.0, y, 0.0, mmat);
        for (int k = 0; k < tauPoints; k++) {
            for (int i = 0; i < p; i++) {
                double l = lambda[i];
                fmat[i + k * p] = Math.expm1(-2 * deltaT * l * tau[k] / psiP) / l;
            }
        }
        for (int slot = 0; slot < 4; slot++) {
            double[] sn = stein[slot];
            for (int k = 0; k < d; k++) for (int i = 0; i < p; i++) vbuf[i + k * p] = sn[i] * vs * w[i + k * p];
            la.gemm(true, false, p, d, p, 1.0, u, vbuf, 0.0, yc);
            // N = Q^T U_c Q, then H = M o N in place
            la.gemm(false, false, p, p, p, 1.0, uc[slot], u, 0.0, t1);
            la.gemm(true, false, p, p, p, 1.0, u, t1, 0.0, nmat);
            for (int q = 0; q < p * p; q++) nmat[q] *= mmat[q];
            la.gemm(false, false, p, tauPoints, p, 1.0, nmat, fmat, 0.0, z);
            double[] pk = new double[p];
            for (int k = 0; k < d; k++) for (int i = 0; i < p; i++) pk[i] += yc[i + k * p] * y[i + k * p];
            double[] out = curves[slot];
            for (int k = 0; k < tauPoints; k++) {
                double s = 0;
                int b = k * p;
                for (int i = 0; i < p; i++) { double fv = fmat[b + i]; s += fv * (z[b + i] + 2 * pk[i]); }
                out[k] = 1 + s / d;
            }
            // vbuf (inside t1) was overwritten by the N product: rebuild it next iteration (done at loop top)
        }
        flops[4] = 2.0 * p * p * d + (double) p * p * d + 4 * (4.0 * p * p * (double) p + 2.0 * p * p * d + 2.0 * p * p * tauPoints);
    }

    /** Tr(U)/p of the pooled training U before decomposition equals mean eigenvalue: a size-stable check value. */
    public double meanEigenvalue() {
        double s = 0;
        for (double l : lambda) s += l;
        return s / p;
    }

    public double maxEigenvalue() { return lambda[p - 1]; }

    public double minEigenvalue() { return lambda[0]; }

    public double[] tauGrid() { return tau.clone(); }
}
