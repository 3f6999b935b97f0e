package org.diffsweep.unet.metrics;

import org.diffsweep.core.linalg.LinAlg;

/**
 * Nearest and second-nearest training points of each query, in Euclidean distance (theory §7: "L2 distance on
 * flattened images in the same normalised space as training").
 *
 * @param nearest index of the nearest training point, per query
 * @param d1      distance to it
 * @param d2      distance to the second-nearest training point (+infinity when there is only one)
 */
public record NearestNeighbours(int[] nearest, double[] d1, double[] d2) {

    /** Number of queries. */
    public int size() { return nearest.length; }

    /** d1 / d2 per query (0 when d1 = d2 = 0). */
    public double ratio(int q) { return d1[q] == 0 ? 0 : d1[q] / d2[q]; }

    /**
     * Brute force over all pairs: squared distances |x|^2 + |a|^2 - 2 a.x with the Gram block from
     * {@link LinAlg#gemm} (queries in blocks of {@code 256}), clamped at 0.
     *
     * @param queries m x d, row-major (query q at offset q*d)
     * @param train   n x d, row-major
     */
    public static NearestNeighbours compute(float[] queries, int m, float[] train, int n, int d, LinAlg la) {
        if (queries.length != (long) m * d || train.length != (long) n * d)
            throw new IllegalArgumentException("sizes: queries " + queries.length + " vs " + m + "x" + d
                    + ", train " + train.length + " vs " + n + "x" + d);
        if (n < 1) throw new IllegalArgumentException("need at least one training point");
        // Row-major n x d with image j at j*d is column-major d x n: no transpose copy needed.
        double[] a = new double[n * d];
        double[] an = new double[n];
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i < d; i++) {
                double v = train[j * d + i];
                a[j * d + i] = v;
                s += v * v;
            }
            an[j] = s;
        }
        int[] nearest = new int[m];
        double[] d1 = new double[m];
        double[] d2 = new double[m];
        int block = 256;
        for (int q0 = 0; q0 < m; q0 += block) {
            int b = Math.min(block, m - q0);
            double[] x = new double[b * d];
            double[] xn = new double[b];
            for (int q = 0; q < b; q++) {
                double s = 0;
                for (int i = 0; i < d; i++) {
                    double v = queries[(q0 + q) * d + i];
                    x[q * d + i] = v;
                    s += v * v;
                }
                xn[q] = s;
            }
            double[] g = new double[n * b]; // column-major n x b: g[j + q n] = a_j . x_q
            la.gemm(true, false, n, b, d, 1.0, a, x, 0.0, g);
            for (int q = 0; q < b; q++) {
                double best = Double.POSITIVE_INFINITY, second = Double.POSITIVE_INFINITY;
                int arg = -1;
                for (int j = 0; j < n; j++) {
                    double s = Math.max(0.0, an[j] + xn[q] - 2 * g[j + q * n]);
                    if (s < best) {
                        second = best;
                        best = s;
                        arg = j;
                    } else if (s < second) {
                        second = s;
                    }
                }
                nearest[q0 + q] = arg;
                d1[q0 + q] = Math.sqrt(best);
                d2[q0 + q] = Math.sqrt(second);
            }
        }
        return new NearestNeighbours(nearest, d1, d2);
    }
}
