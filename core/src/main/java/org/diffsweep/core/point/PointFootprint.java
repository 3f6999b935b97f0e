package org.diffsweep.core.point;

/**
 * The heap one evaluation of a point needs, estimated from the array sizes the point implies, before anything is
 * allocated: the sweep and point commands refuse a point that cannot fit the heap one task gets, instead of failing
 * with {@code OutOfMemoryError} or {@code NegativeArraySizeException} inside a task.
 *
 * <p>With {@code p = round(psiP d)} features, {@code n = sum_c n_c} training points, {@code C} classes,
 * {@code N = max(n, }{@value #MIN_POPULATION}{@code )} population samples per class and {@code T} tau-grid points,
 * the full evaluator (simulation and theory) holds at its peak about
 * <pre>
 *   (2C + 5) p^2        U_c and Ũ_c of every class, the eigenvectors, and the largest stage's p x p work matrices
 *                       (curves: 4, eigendecomposition and spectrum: 2)
 * + (3C + 4) p d        W, V_c and Ṽ_c, the score cross-moments, projected V
 * + d (n + C N)         training and population samples
 * + 2 p N               feature matrices of one noise-averaged batch
 * + 2 p T               mode factors over the tau grid
 * + 16 C T              per-class curves (simulated and asymptotic)
 * </pre>
 * doubles (8 bytes each). The needed heap is {@link #GC_FACTOR} times that plus {@link #BASE_BYTES}: both fitted to
 * the smallest {@code -Xmx} with which {@code diffsweep point} completes, measured by {@code deploy/heap-calibration.sh}
 * (docs/operations.md, "Size limits"). The theory-only evaluator holds no p- or d-sized array: only the curves.
 *
 * <p>Everything is computed in {@code double}, so sizes whose arrays would overflow Java's 2^31 elements give a
 * large finite estimate instead of an overflow. {@link #largestArray} reports the longest single array, which Java
 * cannot allocate beyond {@value #MAX_ARRAY} elements whatever the heap.
 *
 * @param bytes        estimated heap needed, bytes
 * @param largestArray elements of the longest single array
 * @param dominant     the term that dominates, in words (e.g. "p x p matrices, p = 800000 random features")
 * @param fields       the point fields ({@link PointField} keys) that size the dominant term
 */
public record PointFootprint(double bytes, double largestArray, String dominant, java.util.List<String> fields) {
    /** Population samples per class are at least this many (the default feature settings: max(n, 256)). */
    public static final int MIN_POPULATION = 256;
    /** Ratio of the smallest working heap to the live arrays (garbage-collector headroom), fitted. */
    public static final double GC_FACTOR = 1.7;
    /** Heap of the JVM and the evaluator's fixed tables, independent of the point's size, fitted. */
    public static final double BASE_BYTES = 48 * 1024.0 * 1024.0;
    /** Longest Java array (elements). */
    public static final double MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** The estimate for the full evaluator (simulation and theory) when {@code simulate}, else theory only. */
    public static PointFootprint of(PointParams pt, boolean simulate) {
        double d = pt.d(), p = Math.rint(pt.psiP() * d), c = pt.numClasses(), t = pt.tauGrid().points();
        double n = 0, nMax = 0;
        for (ClassSpec k : pt.classes()) {
            double nc = Math.rint(k.weight() * pt.psiN() * d);
            n += nc;
            nMax = Math.max(nMax, nc);
        }
        double pop = Math.max(n, MIN_POPULATION);
        double curves = 16 * c * t;
        String tp = "tauGrid." + PointField.TAU_POINTS.key(), dk = PointField.D.key(), pp = PointField.PSI_P.key(), pn = PointField.PSI_N.key();
        if (!simulate) return new PointFootprint(GC_FACTOR * 8 * curves + BASE_BYTES, t, "per-class curves, T = " + fmt(t) + " tau points", java.util.List.of(tp));
        double[] terms = {(2 * c + 5) * p * p, (3 * c + 4) * p * d, d * (n + c * pop), 2 * p * Math.max(pop, nMax), 2 * p * t, curves};
        String[] names = {"p x p matrices, p = " + fmt(p) + " random features", "p x d matrices, p = " + fmt(p) + ", d = " + fmt(d),
                "data samples, d = " + fmt(d) + ", n = " + fmt(n), "feature batches, p = " + fmt(p) + ", n = " + fmt(n),
                "p x T mode factors, p = " + fmt(p) + ", T = " + fmt(t) + " tau points", "per-class curves, T = " + fmt(t) + " tau points"};
        java.util.List<java.util.List<String>> fields = java.util.List.of(java.util.List.of(dk, pp), java.util.List.of(dk, pp),
                java.util.List.of(dk, pn), java.util.List.of(dk, pp, pn), java.util.List.of(tp, pp, dk), java.util.List.of(tp));
        double sum = 0;
        int top = 0;
        for (int i = 0; i < terms.length; i++) {
            sum += terms[i];
            if (terms[i] > terms[top]) top = i;
        }
        double largest = Math.max(Math.max(p * p, p * d), Math.max(d * pop, p * Math.max(t, pop)));
        return new PointFootprint(GC_FACTOR * 8 * sum + BASE_BYTES, largest, names[top], fields.get(top));
    }

    /** True when the longest array exceeds what Java can allocate. */
    public boolean arrayTooLong() { return largestArray > MAX_ARRAY; }

    /** Bytes in GiB with two significant digits at least, e.g. "0.42", "1.8", "4800". */
    public static String gib(double bytes) {
        double g = bytes / (1024.0 * 1024 * 1024);
        if (g >= 100) return String.format(java.util.Locale.ROOT, "%.0f", g);
        if (g >= 10) return String.format(java.util.Locale.ROOT, "%.1f", g);
        return String.format(java.util.Locale.ROOT, "%.2g", g);
    }

    private static String fmt(double v) { return v < 1e15 ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.3g", v); }
}
