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
}
