package org.diffsweep.core.linalg;

/**
 * Dense linear algebra on column-major {@code double[]} matrices (leading dimension = number of rows).
 *
 * <p>Backed by BLAS/LAPACK through Spark's own {@code dev.ludovic.netlib}: {@link #best()} uses native OpenBLAS
 * when {@code libopenblas0} is installed and pure Java otherwise; {@link #pureJava()} always uses pure Java.
 * Results are bit-identical for the same implementation on the same CPU; across BLAS implementations they agree
 * to rounding. Select with the system property {@code diffsweep.blas=java|native|auto} (default auto).
 */
public interface LinAlg {

    /** Human-readable implementation name, e.g. "native: JNIBLAS" or "java: VectorBLAS". */
    String name();

    /** True when the BLAS calls run in native code. */
    boolean isNative();

    /**
     * {@code C = alpha op(A) op(B) + beta C}, with {@code op(A)} m x k, {@code op(B)} k x n, {@code C} m x n.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k,
              double alpha, double[] a, double[] b, double beta, double[] c);

    /**
     * Symmetric rank-k update, full matrix written: {@code C = alpha A A^T + beta C} with A n x k when
     * {@code trans} is false, or {@code C = alpha A^T A + beta C} with A k x n when true. C is n x n.
     */
    void syrk(boolean trans, int n, int k, double alpha, double[] a, double beta, double[] c);

    /**
     * Eigen-decomposition of a symmetric n x n matrix (LAPACK dsyevd): on return {@code a} holds the orthonormal
     * eigenvectors as columns and {@code w} the eigenvalues in ascending order.
     *
     * @throws ArithmeticException if LAPACK reports non-convergence
     */
    void symmetricEigen(int n, double[] a, double[] w);

    /**
     * Eigenvalues only of a symmetric n x n matrix (LAPACK dsyevd, jobz = N): several times cheaper than
     * {@link #symmetricEigen}. {@code a} is destroyed; {@code w} receives the eigenvalues in ascending order.
     *
     * @throws ArithmeticException if LAPACK reports non-convergence
     */
    void symmetricEigenvalues(int n, double[] a, double[] w);

    /**
     * Eigen-decomposition of a symmetric tridiagonal matrix (LAPACK dstev). {@code diag} (length n) is overwritten
     * by the ascending eigenvalues, {@code offDiag} (length n-1) is destroyed, {@code z} (n x n) receives the
     * eigenvectors as columns.
     */
    void tridiagonalEigen(int n, double[] diag, double[] offDiag, double[] z);

    /**
     * As {@link #gemm(boolean, boolean, int, int, int, double, double[], double[], double, double[])} on sub-blocks:
     * each matrix starts at its offset and has the given leading dimension (column-major), so column ranges of a
     * larger matrix (e.g. one class's training points) are used without copying.
     */
    default void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        throw new UnsupportedOperationException("offset gemm not implemented by " + name());
    }

    /**
     * Symmetric rank-k update on sub-blocks, writing the LOWER triangle only (the strict upper triangle of C is
     * left untouched): {@code C = alpha A A^T + beta C} (A n x k at {@code aOff}, leading dimension {@code lda})
     * when {@code trans} is false, {@code C = alpha A^T A + beta C} (A k x n) when true. Use it when several Gram
     * matrices are combined element-wise before use, and call {@link #symmetrizeLower(int, double[])} once at the
     * end: this saves the strided O(n^2) copy that {@link #syrk} does on every call.
     */
    default void syrkLower(boolean trans, int n, int k, double alpha, double[] a, int aOff, int lda,
                           double beta, double[] c, int cOff, int ldc) {
        throw new UnsupportedOperationException("syrkLower not implemented by " + name());
    }

    /** Copies the lower triangle of the column-major n x n matrix {@code c} onto its upper triangle (cache-blocked). */
    static void symmetrizeLower(int n, double[] c) { NetlibLinAlg.symmetrizeFromLower(n, c); }

    /**
     * As {@link #symmetricEigen(int, double[], double[])} (dsyevd, eigenvectors, ascending) but with the LAPACK
     * workspace taken from, and kept in, {@code ws}: no allocation once the workspace has grown to size n.
     * Results are bit-identical to the allocating call.
     */
    default void symmetricEigen(int n, double[] a, double[] w, EigenWorkspace ws) { symmetricEigen(n, a, w); }

    /**
     * Eigenvalues only (dsyevd with jobz = "N"), ascending, into {@code w}; {@code a} (n x n, lower triangle read)
     * is destroyed. About 3-4x cheaper than with eigenvectors: use it for spectra and histograms.
     */
    default void symmetricEigenvalues(int n, double[] a, double[] w, EigenWorkspace ws) {
        symmetricEigenvalues(n, a, w);
    }

    /** The implementation selected by {@code -Ddiffsweep.blas} (auto: native when available). */
    static LinAlg best() { return NetlibLinAlg.selected(); }

    /** Always the pure-Java implementation. */
    static LinAlg pureJava() { return NetlibLinAlg.javaOnly(); }
}
