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

    /** The implementation selected by {@code -Ddiffsweep.blas} (auto: native when available). */
    static LinAlg best() { return NetlibLinAlg.selected(); }

    /** Always the pure-Java implementation. */
    static LinAlg pureJava() { return NetlibLinAlg.javaOnly(); }
}
