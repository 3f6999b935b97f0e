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
            quietNetlib(mode.equals("java") || (mode.equals("auto") && !systemLibrariesPresent()));
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

    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static final java.util.logging.Logger NETLIB_LOG = java.util.logging.Logger.getLogger("dev.ludovic.netlib");

    /** Directories the dynamic linker searches on Debian-like systems, plus {@code LD_LIBRARY_PATH}. */
    private static final String[] LIB_DIRS = {"/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib",
            "/lib/x86_64-linux-gnu", "/lib64", "/lib", "/usr/local/lib"};

    /**
     * Whether the system BLAS and LAPACK that netlib's JNI shim opens ({@code libblas.so.3}, {@code liblapack.so.3},
     * provided by {@code libopenblas0}) are installed. Checked before netlib is touched: when they are absent, native
     * loading is not even attempted, so the shim never prints its {@code dlopen failed} lines.
     */
    static boolean systemLibrariesPresent() {
        java.util.List<String> dirs = new java.util.ArrayList<>(java.util.List.of(LIB_DIRS));
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) dirs.addAll(java.util.List.of(ld.split(":")));
        boolean blas = false, lapack = false;
        for (String d : dirs) {
            if (d.isBlank()) continue;
            blas |= java.nio.file.Files.exists(java.nio.file.Path.of(d, "libblas.so.3"));
            lapack |= java.nio.file.Files.exists(java.nio.file.Path.of(d, "liblapack.so.3"));
        }
        return blas && lapack;
    }

    /**
     * Keeps netlib from printing: its choice of implementation is logged at INFO through java.util.logging (lowered to
     * WARNING), and with {@code javaOnly} native loading is switched off (unless the user set the property).
     */
    private static void quietNetlib(boolean javaOnly) {
        NETLIB_LOG.setLevel(java.util.logging.Level.WARNING);
        if (javaOnly) {
            for (String p : new String[] {"dev.ludovic.netlib.blas.allowNative", "dev.ludovic.netlib.lapack.allowNative"}) {
                if (System.getProperty(p) == null) System.setProperty(p, "false");
            }
        }
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

    /** Tile edge for the blocked transpose-copy in {@link #symmetrizeFromLower}: 64 x 64 doubles = 32 KiB. */
    private static final int SYM_TILE = 64;

    /**
     * Copies the lower triangle of column-major {@code c} onto its upper triangle. Done tile by tile so that the
     * strided writes stay in cache (a plain double loop is cache-hostile once n x 8 bytes exceeds a page).
     */
    static void symmetrizeFromLower(int n, double[] c) {
        for (int jb = 0; jb < n; jb += SYM_TILE) {
            int jEnd = Math.min(n, jb + SYM_TILE);
            for (int ib = jb; ib < n; ib += SYM_TILE) {
                int iEnd = Math.min(n, ib + SYM_TILE);
                for (int j = jb; j < jEnd; j++) {
                    int col = j * n;
                    for (int i = Math.max(ib, j + 1); i < iEnd; i++) c[i * n + j] = c[col + i];
                }
            }
        }
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                     double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                     double beta, double[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        blas.dgemm(transA ? "T" : "N", transB ? "T" : "N", m, n, k, alpha, a, aOff, Math.max(1, lda),
                b, bOff, Math.max(1, ldb), beta, c, cOff, Math.max(1, ldc));
    }

    @Override
    public void syrkLower(boolean trans, int n, int k, double alpha, double[] a, int aOff, int lda,
                          double beta, double[] c, int cOff, int ldc) {
        if (n == 0) return;
        blas.dsyrk("L", trans ? "T" : "N", n, k, alpha, a, aOff, Math.max(1, lda), beta, c, cOff, Math.max(1, ldc));
    }

    @Override
    public void symmetricEigen(int n, double[] a, double[] w, EigenWorkspace ws) {
        dsyevd(true, n, a, w, ws);
    }

    @Override
    public void symmetricEigenvalues(int n, double[] a, double[] w, EigenWorkspace ws) {
        dsyevd(false, n, a, w, ws);
    }

    private void dsyevd(boolean vectors, int n, double[] a, double[] w, EigenWorkspace ws) {
        if (n == 0) return;
        String jobz = vectors ? "V" : "N";
        intW info = new intW(0);
        if (ws.queriedN != n || ws.queriedVectors != vectors) {
            double[] qw = new double[1];
            int[] qi = new int[1];
            lapack.dsyevd(jobz, "L", n, a, n, w, qw, -1, qi, -1, info);
            if (info.val != 0) throw new ArithmeticException("dsyevd workspace query failed, info = " + info.val);
            ws.lwork = Math.max(1, (int) qw[0]);
            ws.liwork = Math.max(1, qi[0]);
            ws.queriedN = n;
            ws.queriedVectors = vectors;
        }
        ws.ensure(ws.lwork, ws.liwork);
        // pass the full held arrays' true lengths would also be legal; pass the queried sizes for bit-identity
        lapack.dsyevd(jobz, "L", n, a, n, w, ws.work, ws.lwork, ws.iwork, ws.liwork, info);
        if (info.val != 0) throw new ArithmeticException("dsyevd did not converge, info = " + info.val);
    }

    @Override
    public void symmetricEigen(int n, double[] a, double[] w) { dsyevd(true, n, a, w, new EigenWorkspace()); }

    @Override
    public void symmetricEigenvalues(int n, double[] a, double[] w) { dsyevd(false, n, a, w, new EigenWorkspace()); }

    @Override
    public void tridiagonalEigen(int n, double[] diag, double[] offDiag, double[] z) {
        intW info = new intW(0);
        double[] work = new double[Math.max(1, 2 * n - 2)];
        double[] e = offDiag.length >= Math.max(1, n - 1) ? offDiag : java.util.Arrays.copyOf(offDiag, Math.max(1, n - 1));
        lapack.dstev("V", n, diag, e, z, Math.max(1, n), work, info);
        if (info.val != 0) throw new ArithmeticException("dstev did not converge, info = " + info.val);
    }
}
