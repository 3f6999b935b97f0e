package org.diffsweep.unet.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffsweep.core.linalg.LinAlg;
import org.diffsweep.core.random.RandomStreams;
import org.diffsweep.core.random.SeededStream;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static float[] gaussian(SeededStream s, int n, double scale) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) f[i] = (float) (scale * s.nextGaussian());
        return f;
    }

    @Test
    void nearestNeighboursMatchBruteForce() {
        int d = 40, n = 70, m = 300; // m > 256 exercises the query blocking
        SeededStream s = RandomStreams.forKey("nn").stream("x");
        float[] train = gaussian(s, n * d, 1);
        float[] q = gaussian(s, m * d, 1);
        NearestNeighbours nn = NearestNeighbours.compute(q, m, train, n, d, LinAlg.pureJava());
        for (int k = 0; k < m; k++) {
            double b1 = Double.POSITIVE_INFINITY, b2 = Double.POSITIVE_INFINITY;
            int arg = -1;
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int i = 0; i < d; i++) acc += Math.pow((double) q[k * d + i] - train[j * d + i], 2);
                double dist = Math.sqrt(acc);
                if (dist < b1) { b2 = b1; b1 = dist; arg = j; } else if (dist < b2) b2 = dist;
            }
            assertEquals(arg, nn.nearest()[k]);
            // Gram-trick distances agree with direct ones to ~1e-12 relative in double (|x|^2 ~ 40).
            assertEquals(b1, nn.d1()[k], 1e-9);
            assertEquals(b2, nn.d2()[k], 1e-9);
        }
    }

    @Test
    void plantedCopiesAreExactlyTheMemorizedOnesAndCarryTheirClass() {
        // Training set: two classes of Gaussian points in d = 256 (pairwise distances ~ sqrt(2 * 256) = 22.6).
        int d = 256, n = 50, m = 200, copies = 37;
        SeededStream s = RandomStreams.forKey("planted").stream("x");
        float[] train = gaussian(s, n * d, 1);
        int[] label = new int[n];
        for (int j = 0; j < n; j++) label[j] = j < 30 ? 0 : 1;
        float[] q = gaussian(s, m * d, 1); // fresh points: d1/d2 ~ 1, far above 1/3
        int[] source = new int[copies];
        for (int k = 0; k < copies; k++) {
            source[k] = (7 * k) % n;
            // a copy with small noise (norm ~ 0.05 * 16 = 0.8): d1/d2 ~ 0.8 / 22.6 << 1/3
            for (int i = 0; i < d; i++) q[k * d + i] = train[source[k] * d + i] + (float) (0.05 * s.nextGaussian());
        }
        NearestNeighbours nn = NearestNeighbours.compute(q, m, train, n, d, LinAlg.best());
        int mem = 0;
        for (int k = 0; k < m; k++) {
            boolean isMem = nn.ratio(k) < 1.0 / 3;
            assertEquals(k < copies, isMem, "sample " + k + " ratio " + nn.ratio(k));
            if (isMem) mem++;
            if (k < copies) assertEquals(label[source[k]], label[nn.nearest()[k]]);
        }
        assertEquals(copies, mem);
    }

    @Test
    void bootstrapIntervalCoversTheTrueFractionAtAboutTheNominalRate() {
        // 300 replicates of m = 200 Bernoulli(0.3) outcomes; the 95% percentile interval should cover 0.3 in about
        // 95% of them (binomial s.e. of the coverage over 300 replicates: 1.3%; percentile intervals undercover a
        // little at this m), so accept 0.89..0.99.
        SeededStream data = RandomStreams.forKey("boot").stream("data");
        SeededStream boot = RandomStreams.forKey("boot").stream("resample");
        int reps = 300, m = 200, covered = 0;
        for (int r = 0; r < reps; r++) {
            boolean[] o = new boolean[m];
            for (int i = 0; i < m; i++) o[i] = data.nextDouble() < 0.3;
            Fraction f = Fraction.bootstrap(o, 400, 0.95, boot);
            assertTrue(f.lo() <= f.estimate() && f.estimate() <= f.hi());
            if (f.lo() <= 0.3 && 0.3 <= f.hi()) covered++;
        }
        double rate = (double) covered / reps;
        assertTrue(rate >= 0.89 && rate <= 0.99, "coverage " + rate);
        Fraction empty = Fraction.bootstrap(new boolean[0], 10, 0.95, boot);
        assertTrue(Double.isNaN(empty.estimate()) && empty.count() == 0);
    }

    @Test
    void curveTimesInterpolateInLogTau() {
        double[] tau = {0, 10, 100, 1000, 10000};
        // y = log10(tau) is linear in log tau, so the log-interpolated crossing is exact: y = 2.5 at tau = 10^2.5.
        double[] y = {Double.NaN, 1, 2, 3, 4};
        assertEquals(Math.pow(10, 2.5), CurveTimes.firstRise(tau, y, 2.5), 1e-9);
        assertEquals(10.0, CurveTimes.firstRise(tau, y, 0.5), 0); // first valid point already above
        assertNull(CurveTimes.firstRise(tau, y, 5));
        // Falling curve 4 - log10(tau) from tau = 10; at tau = 0 the value 4 (linear interpolation to tau = 10).
        double[] f = {4, 3, 2, 1.5, 1.5};
        // half drop: min 1.5, threshold 1.5 + 0.5 * (4 - 1.5) = 2.75, crossed between tau 0 (4) and 10 (3)? no:
        // 3 > 2.75, so between 10 (3) and 100 (2): log-interpolated at w = 0.25 -> 10^1.25.
        assertEquals(Math.pow(10, 1.25), CurveTimes.halfDrop(tau, f), 1e-9);
        // a crossing between tau = 0 and the first positive checkpoint is linear in tau
        assertEquals(5.0, CurveTimes.firstFall(tau, f, 3.5), 1e-12);
        assertNull(CurveTimes.halfDrop(tau, new double[] {1, 1, 1, 1, 1}));
    }
}
