package org.diffsweep.unet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffsweep.core.random.RandomStreams;
import org.diffsweep.core.random.SeededStream;
import org.junit.jupiter.api.Test;

class ClassStatisticsTest {
    @Test
    void matchesTwoPassReferenceAndKnownScales() {
        int d = 16, n = 600, classes = 3;
        SeededStream s = RandomStreams.forKey("stats").stream("x");
        double[] sigma = {0.5, 1.0, 2.0};
        float[] x = new float[n * d];
        int[] labels = new int[n];
        for (int j = 0; j < n; j++) {
            int c = j % classes;
            labels[j] = c;
            for (int i = 0; i < d; i++) x[j * d + i] = (float) (c * 3.0 + sigma[c] * s.nextGaussian());
        }
        ClassStatistics[] st = ClassStatistics.compute(x, labels, d, classes);
        double[] global = new double[d];
        for (int j = 0; j < n; j++) for (int i = 0; i < d; i++) global[i] += x[j * d + i] / (double) n;
        for (int c = 0; c < classes; c++) {
            // Two-pass reference: per-pixel mean, then mean squared deviation (1/N_c), averaged over pixels.
            double[] mean = new double[d];
            int cnt = 0;
            for (int j = 0; j < n; j++) if (labels[j] == c) {
                cnt++;
                for (int i = 0; i < d; i++) mean[i] += x[j * d + i];
            }
            for (int i = 0; i < d; i++) mean[i] /= cnt;
            double v = 0;
            for (int j = 0; j < n; j++) if (labels[j] == c)
                for (int i = 0; i < d; i++) v += Math.pow(x[j * d + i] - mean[i], 2);
            v /= (double) cnt * d;
            double dist = 0;
            for (int i = 0; i < d; i++) dist += Math.pow(mean[i] - global[i], 2);
            assertEquals(cnt, st[c].count());
            // One-pass E|x|^2 - |Ex|^2 in double vs two-pass: agreement to 1e-9 relative (values O(1..40)).
            assertEquals(v, st[c].variance(), 1e-9 * Math.max(1, v));
            assertEquals(Math.sqrt(dist), st[c].centroidNorm(), 1e-9);
            // And the planted scale: variance sigma_c^2 within 15% (200 * 16 = 3200 draws, rel. s.e. 2.5%).
            assertTrue(Math.abs(st[c].variance() / (sigma[c] * sigma[c]) - 1) < 0.15, "class " + c);
        }
    }
}
