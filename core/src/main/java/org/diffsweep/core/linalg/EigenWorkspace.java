package org.diffsweep.core.linalg;

/**
 * Reusable LAPACK workspace for {@link LinAlg#symmetricEigen(int, double[], double[], EigenWorkspace)}.
 *
 * <p>{@code dsyevd} with eigenvectors needs {@code 1 + 6n + 2n^2} doubles and {@code 3 + 5n} ints of workspace
 * (e.g. 164 MB at n = 3200); allocating and zeroing that on every call costs time and GC pressure. A workspace
 * keeps the largest arrays seen so far and the last workspace query per (n, jobz), so a loop over points of the
 * same size allocates once. Not thread-safe: use one workspace per thread (or per task).
 */
public final class EigenWorkspace {
    double[] work = new double[1];
    int[] iwork = new int[1];
    // cached dsyevd workspace query, keyed by n and jobz
    int queriedN = -1;
    boolean queriedVectors;
    int lwork;
    int liwork;

    /** An empty workspace; it grows on first use. */
    public EigenWorkspace() { }

    /** Doubles currently held (for diagnostics and tests). */
    public int doubleCapacity() { return work.length; }

    /** Ints currently held (for diagnostics and tests). */
    public int intCapacity() { return iwork.length; }

    void ensure(int lw, int liw) {
        if (work.length < lw) work = new double[lw];
        if (iwork.length < liw) iwork = new int[liw];
    }
}
