package org.diffsweep.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffsweep.core.random.SeededStream;
import org.junit.jupiter.api.Test;

/**
 * One conformance suite that every {@link LinAlg} implementation must pass, checked against naive triple loops
 * (the brute-force reference) on random matrices. Tolerances: 1e-12 relative, far above the ~k * 1e-16 rounding
 * of a length-k dot product and far below any real error.
 */
abstract class LinAlgConformance {
    abstract LinAlg linAlg();

    private static double[] random(int len, long seed) {
        double[] a = new double[len];
        new SeededStream(seed).fillGaussian(a);
        return a;
    }

    @Test
    void gemmMatchesNaiveProductForAllTransposes() {
        int m = 7, n = 5, k = 9;
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                double[] a = random(m * k, 1), b = random(k * n, 2), c = random(m * n, 3);
                double[] expected = new double[m * n];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        for (int l = 0; l < k; l++) {
                            double ail = ta ? a[i * k + l] : a[l * m + i];
                            double blj = tb ? b[l * n + j] : b[j * k + l];
                            s += ail * blj;
                        }
                        expected[j * m + i] = 2.0 * s + 0.5 * c[j * m + i];
                    }
                }
                linAlg().gemm(ta, tb, m, n, k, 2.0, a, b, 0.5, c);
                for (int i = 0; i < m * n; i++) assertEquals(expected[i], c[i], 1e-12 * (1 + Math.abs(expected[i])));
            }
        }
    }

    @Test
    void syrkFillsTheFullSymmetricGram() {
        int n = 6, k = 11;
        double[] a = random(n * k, 4);
        double[] c = new double[n * n];
        linAlg().syrk(false, n, k, 1.0, a, 0.0, c);
        double[] ct = new double[n * n];
        double[] at = new double[k * n]; // A^T as k x n, then C = (A^T)^T (A^T)
        for (int i = 0; i < n; i++) for (int l = 0; l < k; l++) at[i * k + l] = a[l * n + i];
        linAlg().syrk(true, n, k, 1.0, at, 0.0, ct);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int l = 0; l < k; l++) s += a[l * n + i] * a[l * n + j];
                assertEquals(s, c[j * n + i], 1e-12 * (1 + Math.abs(s)));
                assertEquals(s, ct[j * n + i], 1e-12 * (1 + Math.abs(s)));
            }
        }
    }

    @Test
    void symmetricEigenReconstructsTheMatrix() {
        int n = 40;
        double[] g = random(n * n, 5);
        double[] s = new double[n * n];
        linAlg().syrk(false, n, n, 1.0 / n, g, 0.0, s);
        double[] q = s.clone();
        double[] w = new double[n];
        linAlg().symmetricEigen(n, q, w);
        for (int i = 1; i < n; i++) assertTrue(w[i] >= w[i - 1], "ascending");
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double r = 0, o = 0;
                for (int l = 0; l < n; l++) {
                    r += q[l * n + i] * w[l] * q[l * n + j];
                    o += q[i * n + l] * q[j * n + l];
                }
                assertEquals(s[j * n + i], r, 1e-11);
                assertEquals(i == j ? 1.0 : 0.0, o, 1e-11);
            }
        }
    }

    @Test
    void eigenvaluesOnlyMatchTheFullDecomposition() {
        int n = 30;
        double[] g = random(n * n, 6);
        double[] s = new double[n * n];
        linAlg().syrk(false, n, n, 1.0 / n, g, 0.0, s);
        double[] full = new double[n], only = new double[n];
        linAlg().symmetricEigen(n, s.clone(), full);
        linAlg().symmetricEigenvalues(n, s.clone(), only);
        for (int i = 0; i < n; i++) assertEquals(full[i], only[i], 1e-12 * (1 + Math.abs(full[i])));
    }

    @Test
    void tridiagonalEigenOfJacobiMatrixGivesHermiteZeros() {
        // He_3(x) = x^3 - 3x has zeros 0, +-sqrt(3).
        double[] d = new double[3], e = {1.0, Math.sqrt(2)}, z = new double[9];
        linAlg().tridiagonalEigen(3, d, e, z);
        assertEquals(-Math.sqrt(3), d[0], 1e-14);
        assertEquals(0.0, d[1], 1e-14);
        assertEquals(Math.sqrt(3), d[2], 1e-14);
    }

    @Test
    void offsetGemmOnSubBlocksMatchesNaiveProduct() {
        // A is a 4 x 3 block inside a 6-row matrix starting at row 1, column 2; B a 3 x 5 block of a 4-row matrix.
        int m = 4, n = 5, k = 3, lda = 6, ldb = 4, ldc = 7, aOff = 2 * lda + 1, bOff = ldb + 1, cOff = 3;
        double[] a = random(lda * (k + 2), 11), b = random(ldb * (n + 1), 12), c = random(cOff + ldc * n, 13);
        double[] c0 = c.clone();
        linAlg().gemm(false, false, m, n, k, 1.5, a, aOff, lda, b, bOff, ldb, -0.5, c, cOff, ldc);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < ldc; i++) {
                int at = cOff + j * ldc + i;
                if (i >= m) { assertEquals(c0[at], c[at], 0.0, "outside the block is untouched"); continue; }
                double s = 0;
                for (int l = 0; l < k; l++) s += a[aOff + l * lda + i] * b[bOff + j * ldb + l];
                double e = 1.5 * s - 0.5 * c0[at];
                assertEquals(e, c[at], 1e-12 * (1 + Math.abs(e)));
            }
        }
        assertEquals(c0[0], c[0], 0.0);
    }

    @Test
    void syrkLowerOnColumnRangeWritesOnlyTheLowerTriangle() {
        // Gram of columns 3..9 of a 5 x 12 matrix (one "class" of training points), no copy.
        int n = 5, k = 7, cols = 12, from = 3;
        double[] a = random(n * cols, 14);
        double[] c = random(n * n, 15);
        double[] c0 = c.clone();
        linAlg().syrkLower(false, n, k, 2.0, a, from * n, n, 0.0, c, 0, n);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                if (i < j) { assertEquals(c0[j * n + i], c[j * n + i], 0.0, "strict upper untouched"); continue; }
                double s = 0;
                for (int l = from; l < from + k; l++) s += a[l * n + i] * a[l * n + j];
                assertEquals(2.0 * s, c[j * n + i], 1e-12 * (1 + Math.abs(s)));
            }
        }
        LinAlg.symmetrizeLower(n, c);
        for (int j = 0; j < n; j++) for (int i = 0; i < n; i++) assertEquals(c[j * n + i], c[i * n + j], 0.0);
    }

    @Test
    void blockedSymmetrizeMatchesElementwiseCopyAcrossTiles() {
        int n = 150; // more than two 64-wide tiles, not a multiple of 64
        double[] c = random(n * n, 16);
        double[] e = c.clone();
        for (int j = 0; j < n; j++) for (int i = j + 1; i < n; i++) e[i * n + j] = e[j * n + i];
        LinAlg.symmetrizeLower(n, c);
        for (int i = 0; i < n * n; i++) assertEquals(e[i], c[i], 0.0);
    }

    @Test
    void symmetricEigenWithReusedWorkspaceIsBitIdenticalAcrossSizes() {
        EigenWorkspace ws = new EigenWorkspace();
        for (int n : new int[] {40, 25, 40, 3}) {
            double[] g = random(n * n, 17 + n);
            double[] s = new double[n * n];
            linAlg().syrk(false, n, n, 1.0 / n, g, 0.0, s);
            double[] q1 = s.clone(), q2 = s.clone(), w1 = new double[n], w2 = new double[n];
            linAlg().symmetricEigen(n, q1, w1);
            linAlg().symmetricEigen(n, q2, w2, ws);
            for (int i = 0; i < n; i++) assertEquals(w1[i], w2[i], 0.0);
            for (int i = 0; i < n * n; i++) assertEquals(q1[i], q2[i], 0.0);
        }
        // dsyevd 'V' needs 1 + 6n + 2n^2 doubles; the workspace kept the largest (n = 40) and did not shrink.
        assertTrue(ws.doubleCapacity() >= 1 + 6 * 40 + 2 * 40 * 40);
    }

    @Test
    void eigenvaluesOnlyAgreeWithTheFullDecomposition() {
        int n = 30;
        double[] g = random(n * n, 18);
        double[] s = new double[n * n];
        linAlg().syrk(false, n, n, 1.0 / n, g, 0.0, s);
        double[] q = s.clone(), v = s.clone(), w = new double[n], wv = new double[n];
        linAlg().symmetricEigen(n, q, w);
        EigenWorkspace ws = new EigenWorkspace();
        linAlg().symmetricEigenvalues(n, v, wv, ws);
        // Different LAPACK paths (QR/root-free vs divide and conquer) agree to a few ulps of ||S|| ~ 4.
        for (int i = 0; i < n; i++) assertEquals(w[i], wv[i], 1e-12);
        // a workspace used for values-only must still serve a vectors call (different query)
        double[] q2 = s.clone(), w2 = new double[n];
        linAlg().symmetricEigen(n, q2, w2, ws);
        for (int i = 0; i < n; i++) assertEquals(w[i], w2[i], 0.0);
    }
}
