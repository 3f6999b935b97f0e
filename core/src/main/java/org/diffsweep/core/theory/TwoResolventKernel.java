package org.diffsweep.core.theory;

import java.util.List;
import org.diffsweep.core.spectrum.ClassCoefficients;

/**
 * Deterministic equivalents of the spectral kernels that turn the per-class losses into double integrals over the
 * spectrum of U (docs/theory-curves.md §3–§4). Conditional on W, the Gaussian-equivalent U of theory §5.4 is a
 * sample covariance plus a deterministic shift, all deterministic parts being polynomials in
 * {@code Pi = W W^T / d}:
 * <pre>
 *   U = sum_c (1/n) Psi_c Psi_c^T + b̄^2 Pi + s̄^2 I,   Psi_c columns ~ N(0, C_c),  C_c = k1_c Pi + v_c^2 I,
 *   U_c = S_c + b_c^2 Pi + s_c^2 I,  S_c = (1/n_c) Psi_c Psi_c^T,     Ũ_c = C_c + b_c^2 Pi + s_c^2 I.
 * </pre>
 * Its resolvent {@code Q(z) = (U - z)^{-1}} has the deterministic equivalent {@code Qbar = (A(z) Pi + B(z))^{-1}} with
 * {@code delta_c = (psi_p/psi_n)(k1_c s + v_c^2 q)}, {@code A = b̄^2 + sum_c pi_c k1_c/(1+delta_c)},
 * {@code B = s̄^2 - z + sum_c pi_c v_c^2/(1+delta_c)}: the reduced saddle point of §5.4 ({@code den_c = 1 + delta_c}).
 * For two spectral arguments the leave-one-out expansion gives, for a polynomial {@code a(Pi)},
 * <pre>
 *   (1/p) Tr Pi Q1 a Q2 = <mu a>_12 + sum_c pi_c K_c (psi_p/psi_n) <C_c a>_12 xi_c,
 *   (1/p) Tr Pi Q1 S_c Q2 = K_c xi_c,      K_c = 1/((1+delta_c(z1))(1+delta_c(z2))),
 *   (I - G) xi = y,  y_c = <mu C_c>_12,  G_{c'c} = pi_c K_c (psi_p/psi_n) <C_c C_c'>_12,
 * </pre>
 * with {@code <g>_12 = (1/p) Tr g(Pi) Qbar1 Qbar2 = (A1 <g>_1 - A2 <g>_2)/(A1 B2 - A2 B1)} and the one-point moments
 * {@code <1> = q}, {@code <mu> = s}, {@code <mu^2> = (1 - B s)/A}. The spectral kernel of
 * {@code (1/p) Tr Pi h1(U) a h2(U)} is the double discontinuity
 * {@code K(l, l') = Re[T(l+i0, l'-i0) - T(l+i0, l'+i0)] / (2 pi^2)} off the diagonal, plus a singular diagonal part
 * {@code Im s Im (1/p)Tr(a Q) / (pi Im q)} (the diagonal overlaps {@code Pi_kk a_kk}).
 *
 * <p>Output: per class, the weighted symmetric kernels {@code omega_i omega_j K(l_i, l_j)} (row-major n x n) and the
 * weighted diagonal parts for U_c (train) and Ũ_c (test), and the weighted density of the s-measure. Immutable after
 * construction.
 */
final class TwoResolventKernel {
    final int n;
    final int classes;
    /** [c] n x n row-major, omega_i omega_j K_reg, symmetric. */
    final double[][] train, test;
    /** [c] n, omega_j x singular diagonal weight. */
    final double[][] trainDiag, testDiag;
    /** omega_j Im s_j / pi: the measure of (1/(p d)) Tr W^T h(U) W. */
    final double[] sMeasure;
    /** The one-point row sums (1/pi) Im (1/p) Tr(Pi a Q) per node, for the sum-rule check. */
    private final double[][] rowSumTrainExpected, rowSumTestExpected;
    private final SpectralGrid grid;

    private final double r;
    private final double[] pi, k1, v2, b2, s2;
    private final Z[][] dl;
    private final Z[] a, b, g0, g1, g2;

    /**
     * @param grid   nodes and weights
     * @param qs     transforms at the nodes: Re q, Im q, Re s, Im s (from {@code ReducedTransforms.solve})
     */
    TwoResolventKernel(double psiP, double psiN, double[] pi, List<ClassCoefficients> coef, SpectralGrid grid,
                       double[][] qs, double eps) {
        this.grid = grid;
        this.n = grid.size();
        this.classes = pi.length;
        this.r = psiP / psiN;
        this.pi = pi.clone();
        k1 = new double[classes];
        v2 = new double[classes];
        b2 = new double[classes];
        s2 = new double[classes];
        double b2bar = 0, s2bar = 0;
        for (int c = 0; c < classes; c++) {
            ClassCoefficients k = coef.get(c);
            k1[c] = k.k1();
            v2[c] = k.v2();
            b2[c] = k.b2();
            s2[c] = k.s2();
            b2bar += pi[c] * b2[c];
            s2bar += pi[c] * s2[c];
        }
        dl = new Z[classes][n];
        a = new Z[n];
        b = new Z[n];
        g0 = new Z[n];
        g1 = new Z[n];
        g2 = new Z[n];
        sMeasure = new double[n];
        for (int j = 0; j < n; j++) {
            Z q = new Z(qs[0][j], qs[1][j]), s = new Z(qs[2][j], qs[3][j]);
            Z aa = new Z(b2bar, 0), bb = new Z(s2bar - grid.lambda()[j], -eps);
            for (int c = 0; c < classes; c++) {
                Z d = s.times(k1[c]).plus(q.times(v2[c])).times(r);
                dl[c][j] = d;
                Z inv = d.plus(1).inv();
                aa = aa.plus(inv.times(pi[c] * k1[c]));
                bb = bb.plus(inv.times(pi[c] * v2[c]));
            }
            a[j] = aa;
            b[j] = bb;
            g0[j] = q;
            g1[j] = s;
            g2[j] = Z.ONE.minus(bb.times(s)).div(aa);
            sMeasure[j] = grid.weight()[j] * qs[3][j] / Math.PI;
        }

        double[][] kTrain = new double[classes][n * n], kTest = new double[classes][n * n];
        Z[] tr = new Z[classes], te = new Z[classes], trC = new Z[classes], teC = new Z[classes];
        Work w = new Work(classes);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) continue;
                pair(i, j, true, w, trC, teC);
                pair(i, j, false, w, tr, te);
                for (int c = 0; c < classes; c++) {
                    kTrain[c][i * n + j] = (trC[c].re() - tr[c].re()) / (2 * Math.PI * Math.PI);
                    kTest[c][i * n + j] = (teC[c].re() - te[c].re()) / (2 * Math.PI * Math.PI);
                }
            }
        }
        for (int c = 0; c < classes; c++) {
            fillDiagonal(kTrain[c]);
            fillDiagonal(kTest[c]);
        }
        train = new double[classes][];
        test = new double[classes][];
        trainDiag = new double[classes][n];
        testDiag = new double[classes][n];
        rowSumTrainExpected = new double[classes][n];
        rowSumTestExpected = new double[classes][n];
        for (int c = 0; c < classes; c++) {
            train[c] = weightedSymmetric(kTrain[c]);
            test[c] = weightedSymmetric(kTest[c]);
            for (int j = 0; j < n; j++) {
                Z q = g0[j], s = g1[j];
                Z inv = dl[c][j].plus(1).inv();
                Z taTrain = dl[c][j].times(inv).times(1 / r).plus(s.times(b2[c])).plus(q.times(s2[c]));
                Z taTest = s.times(k1[c] + b2[c]).plus(q.times(v2[c] + s2[c]));
                double m = s.im() / (Math.PI * q.im());
                trainDiag[c][j] = grid.weight()[j] * m * taTrain.im();
                testDiag[c][j] = grid.weight()[j] * m * taTest.im();
                // one-point row sums: (1/pi) Im (1/p) Tr Pi a Q
                Z muC = s.times(v2[c]).plus(g2[j].times(k1[c]));
                Z muD = s.times(s2[c]).plus(g2[j].times(b2[c]));
                rowSumTrainExpected[c][j] = muC.times(inv).plus(muD).im() / Math.PI;
                rowSumTestExpected[c][j] = muC.plus(muD).im() / Math.PI;
            }
        }
    }

    /** Scratch space of one pair evaluation. */
    private static final class Work {
        final Z[] kc, y, xi, h;
        final Z[][] m;

        Work(int c) {
            kc = new Z[c];
            y = new Z[c];
            xi = new Z[c];
            h = new Z[c];
            m = new Z[c][c];
        }
    }

    /**
     * T(z1, z2) for z1 = lambda_i + i0 and z2 = lambda_j + i0 (conj2 false) or lambda_j - i0 (conj2 true): per class
     * the train value {@code (1/p) Tr Pi Q1 U_c Q2} and the test value {@code (1/p) Tr Pi Q1 Ũ_c Q2}.
     */
    private void pair(int i, int j, boolean conj2, Work w, Z[] trainOut, Z[] testOut) {
        Z a1 = a[i], b1 = b[i];
        Z a2 = conj2 ? a[j].conj() : a[j], b2j = conj2 ? b[j].conj() : b[j];
        Z h0 = conj2 ? g0[j].conj() : g0[j], h1 = conj2 ? g1[j].conj() : g1[j], h2 = conj2 ? g2[j].conj() : g2[j];
        Z invD = a1.times(b2j).minus(a2.times(b1)).inv();
        Z m0 = a1.times(g0[i]).minus(a2.times(h0)).times(invD);
        Z m1 = a1.times(g1[i]).minus(a2.times(h1)).times(invD);
        Z m2 = a1.times(g2[i]).minus(a2.times(h2)).times(invD);
        int cc = classes;
        for (int c = 0; c < cc; c++) {
            Z d2 = conj2 ? dl[c][j].conj() : dl[c][j];
            w.kc[c] = dl[c][i].plus(1).times(d2.plus(1)).inv();
            w.y[c] = m1.times(v2[c]).plus(m2.times(k1[c]));
        }
        for (int cp = 0; cp < cc; cp++) {
            for (int c = 0; c < cc; c++) {
                Z cc2 = m0.times(v2[c] * v2[cp]).plus(m1.times(v2[c] * k1[cp] + k1[c] * v2[cp])).plus(m2.times(k1[c] * k1[cp]));
                Z g = w.kc[c].times(pi[c] * r).times(cc2);
                w.m[cp][c] = (c == cp ? Z.ONE : Z.ZERO).minus(g);
            }
        }
        solve(w.m, w.y, w.xi, cc);
        Z e0 = m1, e1 = m2;
        for (int c = 0; c < cc; c++) {
            Z hc = w.kc[c].times(pi[c] * r).times(w.xi[c]);
            e0 = e0.plus(hc.times(m0.times(v2[c]).plus(m1.times(k1[c]))));
            e1 = e1.plus(hc.times(m1.times(v2[c]).plus(m2.times(k1[c]))));
        }
        for (int c = 0; c < cc; c++) {
            trainOut[c] = w.kc[c].times(w.xi[c]).plus(e0.times(s2[c])).plus(e1.times(b2[c]));
            testOut[c] = e0.times(v2[c] + s2[c]).plus(e1.times(k1[c] + b2[c]));
        }
    }

    /** Gaussian elimination with partial pivoting on a small complex system; m and y are overwritten. */
    private static void solve(Z[][] m, Z[] y, Z[] x, int k) {
        if (k == 1) {
            x[0] = y[0].div(m[0][0]);
            return;
        }
        for (int col = 0; col < k; col++) {
            int piv = col;
            for (int rr = col + 1; rr < k; rr++) if (m[rr][col].abs() > m[piv][col].abs()) piv = rr;
            Z[] tmp = m[col];
            m[col] = m[piv];
            m[piv] = tmp;
            Z ty = y[col];
            y[col] = y[piv];
            y[piv] = ty;
            Z inv = m[col][col].inv();
            for (int rr = col + 1; rr < k; rr++) {
                Z f = m[rr][col].times(inv);
                for (int jj = col; jj < k; jj++) m[rr][jj] = m[rr][jj].minus(f.times(m[col][jj]));
                y[rr] = y[rr].minus(f.times(y[col]));
            }
        }
        for (int rr = k - 1; rr >= 0; rr--) {
            Z s = y[rr];
            for (int jj = rr + 1; jj < k; jj++) s = s.minus(m[rr][jj].times(x[jj]));
            x[rr] = s.div(m[rr][rr]);
        }
    }

    /**
     * The regular kernel on the diagonal (not evaluated: both expressions are singular there) is the mean of the
     * neighbours of the same bulk (the regular part is continuous across the diagonal).
     */
    private void fillDiagonal(double[] k) {
        int[] bulk = grid.bulk();
        for (int i = 0; i < n; i++) {
            double s = 0;
            int cnt = 0;
            for (int j : new int[] {i - 1, i + 1}) {
                if (j >= 0 && j < n && bulk[j] == bulk[i]) {
                    s += 0.5 * (k[i * n + j] + k[j * n + i]);
                    cnt++;
                }
            }
            k[i * n + i] = cnt == 0 ? 0 : s / cnt;
        }
    }

    private double[] weightedSymmetric(double[] k) {
        double[] w = grid.weight();
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) out[i * n + j] = w[i] * w[j] * 0.5 * (k[i * n + j] + k[j * n + i]);
        }
        return out;
    }

    /** {@code f^T K f + sum_j diag_j f_j^2} for a weighted symmetric kernel. */
    static double quadratic(double[] k, double[] diag, double[] f, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double fi = f[i];
            double row = 0.5 * k[i * n + i] * fi;
            int o = i * n;
            for (int j = i + 1; j < n; j++) row += k[o + j] * f[j];
            s += 2 * fi * row + diag[i] * fi * fi;
        }
        return s;
    }

    /**
     * Largest relative violation of the row sum rule {@code int K(l, l') dl' + diagonal = Im (1/p)Tr(Pi a Q(l))/pi}
     * over the nodes, for train (a = U_c) and test (a = Ũ_c) of every class, relative to the largest expected row
     * sum. A check on the two-point algebra and the diagonal split (tests).
     */
    double rowSumResidual() {
        double[] w = grid.weight();
        double worst = 0;
        for (int c = 0; c < classes; c++) {
            for (double[][] pair : new double[][][] {{train[c], trainDiag[c], rowSumTrainExpected[c]},
                    {test[c], testDiag[c], rowSumTestExpected[c]}}) {
                double scale = 0;
                for (double v : pair[2]) scale = Math.max(scale, Math.abs(v));
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int j = 0; j < n; j++) s += pair[0][i * n + j];
                    double got = (s + pair[1][i]) / w[i];
                    worst = Math.max(worst, Math.abs(got - pair[2][i]) / scale);
                }
            }
        }
        return worst;
    }
}
