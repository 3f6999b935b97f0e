package org.diffsweep.unet.data;

/**
 * Per-class image statistics in the padded, [0,1]-scaled space (d = 1024), used to choose class pairs (theory §9.3).
 *
 * @param label        class label 0..9
 * @param count        number of images of the class used
 * @param variance     (1/d) Tr Cov_c = (1/d) sum over pixels of the per-pixel variance within the class
 *                     (population normalisation 1/N_c)
 * @param centroidNorm |mean_c - global mean| (Euclidean, in the same space), global mean over the images passed
 */
public record ClassStatistics(int label, int count, double variance, double centroidNorm) {

    /**
     * Statistics of every class present in {@code images} (row-major, image j at {@code j*d}) with {@code labels};
     * the result has one entry per label 0..{@code classes-1} (count 0 and NaNs for absent classes).
     */
    public static ClassStatistics[] compute(float[] images, int[] labels, int d, int classes) {
        int n = labels.length;
        if (images.length != (long) n * d) throw new IllegalArgumentException("images.length " + images.length
                + " != labels.length * d = " + (long) n * d);
        double[][] sum = new double[classes][d];
        double[] sq = new double[classes];
        int[] cnt = new int[classes];
        double[] global = new double[d];
        for (int j = 0; j < n; j++) {
            int c = labels[j];
            cnt[c]++;
            double[] s = sum[c];
            int o = j * d;
            double q = 0;
            for (int i = 0; i < d; i++) {
                double v = images[o + i];
                s[i] += v;
                global[i] += v;
                q += v * v;
            }
            sq[c] += q;
        }
        for (int i = 0; i < d; i++) global[i] /= n;
        ClassStatistics[] out = new ClassStatistics[classes];
        for (int c = 0; c < classes; c++) {
            if (cnt[c] == 0) {
                out[c] = new ClassStatistics(c, 0, Double.NaN, Double.NaN);
                continue;
            }
            double meanSq = 0, dist = 0;
            for (int i = 0; i < d; i++) {
                double m = sum[c][i] / cnt[c];
                meanSq += m * m;
                double e = m - global[i];
                dist += e * e;
            }
            // Tr Cov = E|x|^2 - |E x|^2 summed over pixels.
            double trCov = sq[c] / cnt[c] - meanSq;
            out[c] = new ClassStatistics(c, cnt[c], trCov / d, Math.sqrt(dist));
        }
        return out;
    }
}
