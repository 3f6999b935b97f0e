package org.diffsweep.core.linalg;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import dev.ludovic.netlib.lapack.JavaLAPACK;
import dev.ludovic.netlib.lapack.LAPACK;
import dev.ludovic.netlib.lapack.NativeLAPACK;
import org.netlib.util.intW;

/** {@link LinAlg} over {@code dev.ludovic.netlib} BLAS and LAPACK. */
final class NetlibLinAlg implements LinAlg {
    private static volatile NetlibLinAlg selected;
    private static volatile NetlibLinAlg javaOnly;

    private final BLAS blas;
    private final LAPACK lapack;
    private final boolean isNative;

    private NetlibLinAlg(BLAS blas, LAPACK lapack, boolean isNative) {
        this.blas = blas;
        this.lapack = lapack;
        this.isNative = isNative;
    }

    static NetlibLinAlg javaOnly() {
        NetlibLinAlg j = javaOnly;
        if (j == null) {
            j = new NetlibLinAlg(JavaBLAS.getInstance(), JavaLAPACK.getInstance(), false);
            javaOnly = j;
        }
        return j;
    }

    static NetlibLinAlg selected() {
        NetlibLinAlg s = selected;
        if (s == null) {
            String mode = System.getProperty("diffsweep.blas", "auto").trim().toLowerCase(java.util.Locale.ROOT);
            s = switch (mode) {
                case "java" -> javaOnly();
                case "native" -> nativeOrNull(true);
                case "auto" -> {
                    NetlibLinAlg n = nativeOrNull(false);
                    yield n != null ? n : javaOnly();
                }
                default -> throw new IllegalArgumentException("diffsweep.blas must be java, native or auto, got '" + mode + "'");
            };
            selected = s;
        }
        return s;
    }

    private static NetlibLinAlg nativeOrNull(boolean required) {
        try {
            return new NetlibLinAlg(NativeBLAS.getInstance(), NativeLAPACK.getInstance(), true);
        } catch (Throwable e) {
            if (required) {
                throw new IllegalStateException("diffsweep.blas=native but native BLAS/LAPACK could not be loaded "
                        + "(install libopenblas0): " + e.getMessage(), e);
            }
            return null;
        }
    }

    @Override public String name() {
        return (isNative ? "native: " : "java: ") + blas.getClass().getSimpleName() + " + " + lapack.getClass().getSimpleName();
    }

    @Override public boolean isNative() { return isNative; }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double alpha, double[] a, double[] b, double beta, double[] c) {
        if (m == 0 || n == 0) return;
        int lda = Math.max(1, transA ? k : m);
        int ldb = Math.max(1, transB ? n : k);
        blas.dgemm(transA ? "T" : "N", transB ? "T" : "N", m, n, k, alpha, a, lda, b, ldb, beta, c, Math.max(1, m));
    }

    @Override
    public void syrk(boolean trans, int n, int k, double alpha, double[] a, double beta, double[] c) {
        if (n == 0) return;
        int lda = Math.max(1, trans ? k : n);
        blas.dsyrk("L", trans ? "T" : "N", n, k, alpha, a, lda, beta, c, n);
        symmetrizeFromLower(n, c);
    }

    /** Copies the lower triangle of column-major {@code c} onto its upper triangle. */
    static void symmetrizeFromLower(int n, double[] c) {
        for (int j = 0; j < n; j++) {
            int col = j * n;
            for (int i = j + 1; i < n; i++) c[i * n + j] = c[col + i];
        }
    }

    @Override
    public void symmetricEigen(int n, double[] a, double[] w) { syevd("V", n, a, w); }

    @Override
    public void symmetricEigenvalues(int n, double[] a, double[] w) { syevd("N", n, a, w); }

    private void syevd(String jobz, int n, double[] a, double[] w) {
        if (n == 0) return;
        intW info = new intW(0);
        double[] work = new double[1];
        int[] iwork = new int[1];
        lapack.dsyevd(jobz, "L", n, a, n, w, work, -1, iwork, -1, info);
        if (info.val != 0) throw new ArithmeticException("dsyevd workspace query failed, info = " + info.val);
        int lwork = (int) work[0];
        int liwork = iwork[0];
        work = new double[Math.max(1, lwork)];
        iwork = new int[Math.max(1, liwork)];
        lapack.dsyevd(jobz, "L", n, a, n, w, work, lwork, iwork, liwork, info);
        if (info.val != 0) throw new ArithmeticException("dsyevd did not converge, info = " + info.val);
    }

    @Override
    public void tridiagonalEigen(int n, double[] diag, double[] offDiag, double[] z) {
        intW info = new intW(0);
        double[] work = new double[Math.max(1, 2 * n - 2)];
        double[] e = offDiag.length >= Math.max(1, n - 1) ? offDiag : java.util.Arrays.copyOf(offDiag, Math.max(1, n - 1));
        lapack.dstev("V", n, diag, e, z, Math.max(1, n), work, info);
        if (info.val != 0) throw new ArithmeticException("dstev did not converge, info = " + info.val);
    }
}
