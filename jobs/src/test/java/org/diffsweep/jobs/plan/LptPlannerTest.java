package org.diffsweep.jobs.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** LPT packing against brute-force optimal makespans and against contiguous slices. */
class LptPlannerTest {

    static double makespan(List<Bin> bins) {
        return bins.stream().mapToDouble(Bin::cost).max().orElse(0);
    }

    /** Optimal makespan by exhaustive assignment (k^n, small n only). */
    static double optimum(double[] c, int k) {
        int n = c.length;
        double best = Double.MAX_VALUE;
        int[] a = new int[n];
        long total = (long) Math.pow(k, n);
        for (long code = 0; code < total; code++) {
            long x = code;
            double[] load = new double[k];
            for (int i = 0; i < n; i++) {
                load[(int) (x % k)] += c[i];
                x /= k;
            }
            best = Math.min(best, Arrays.stream(load).max().getAsDouble());
        }
        return best;
    }

    @Test
    void everyIndexExactlyOnceAndWithinGrahamBound() {
        Random r = new Random(7);
        for (int trial = 0; trial < 40; trial++) {
            int n = 3 + r.nextInt(7), k = 2 + r.nextInt(2);
            long[] idx = new long[n];
            double[] c = new double[n];
            for (int i = 0; i < n; i++) {
                idx[i] = 10L * i + r.nextInt(5);
                double p = 10 + r.nextInt(200), m = 20 + r.nextInt(300);
                c[i] = p * p * m + p * p * p;          // the cost model's shape
            }
            List<Bin> bins = LptPlanner.pack(idx, c, k);
            long[] all = bins.stream().flatMapToLong(b -> Arrays.stream(b.indices())).sorted().toArray();
            long[] want = idx.clone();
            Arrays.sort(want);
            assertArrayEquals(want, all);
            for (Bin b : bins) {
                double s = 0;
                for (long i : b.indices()) for (int j = 0; j < n; j++) if (idx[j] == i) s += c[j];
                assertEquals(s, b.cost(), 1e-9 * s);   // summation order differs: relative 1e-9 is generous
            }
            double opt = optimum(c, k);
            // Graham (1969): LPT <= (4/3 - 1/(3k)) OPT; 1e-12 relative slack for floating-point sums.
            assertTrue(makespan(bins) <= (4.0 / 3 - 1.0 / (3 * k)) * opt * (1 + 1e-12), "trial " + trial);
        }
    }

    @Test
    void beatsContiguousSlicesOnACostSortedGrid() {
        // Grid ordered by increasing p (as a p axis would be): contiguous slices put the big points together.
        int n = 60, k = 6;
        long[] idx = new long[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
            double p = 50 + 10 * i, m = 400;
            c[i] = p * p * m + p * p * p;
        }
        double contiguous = 0;
        for (int b = 0; b < k; b++) {
            double s = 0;
            for (int i = b * n / k; i < (b + 1) * n / k; i++) s += c[i];
            contiguous = Math.max(contiguous, s);
        }
        double total = Arrays.stream(c).sum();
        double lpt = makespan(LptPlanner.pack(idx, c, k));
        assertTrue(lpt < 1.05 * total / k, "LPT within 5% of the perfect split, got " + lpt / (total / k));
        assertTrue(contiguous > 1.5 * total / k);
    }

    @Test
    void binCountIsAboutBinsPerSlotTimesSlotsButNeverMoreThanPoints() {
        assertEquals(5, LptPlanner.binCount(100, 2, 2.5));
        assertEquals(3, LptPlanner.binCount(3, 8, 2.5));
        assertEquals(1, LptPlanner.binCount(1, 1, 3));
    }
}
