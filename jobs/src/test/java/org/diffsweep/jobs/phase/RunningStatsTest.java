package org.diffsweep.jobs.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RunningStatsTest {

    /** Reference: textbook two-pass mean and unbiased variance, independent of the streaming formulas. */
    private static double[] twoPass(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        double mean = s / v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return new double[] {mean, ss / (v.length - 1)};
    }

    @Test
    void mergingArbitraryPartitionsInAnyOrderIsBitIdenticalToOnePassAndMatchesTwoPassReference() {
        Random rnd = new Random(7);
        double[] v = new double[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = 1e3 + rnd.nextGaussian() * 0.5; // large offset: the naive sum-of-squares formula would lose digits
        }
        RunningStats onePass = RunningStats.EMPTY;
        for (double x : v) {
            onePass = onePass.plus(x);
        }
        double[] ref = twoPass(v);
        for (int trial = 0; trial < 20; trial++) {
            // random partition into k contiguous-or-not chunks, merged in a random tree order
            int k = 1 + rnd.nextInt(12);
            RunningStats[] parts = new RunningStats[k];
            java.util.Arrays.fill(parts, RunningStats.EMPTY);
            for (double x : v) {
                int p = rnd.nextInt(k);
                parts[p] = parts[p].plus(x);
            }
            RunningStats merged = RunningStats.EMPTY;
            java.util.List<RunningStats> list = new java.util.ArrayList<>(java.util.List.of(parts));
            while (list.size() > 1) {
                int i = rnd.nextInt(list.size());
                RunningStats a = list.remove(i);
                int j = rnd.nextInt(list.size());
                list.set(j, a.merge(list.get(j)));
            }
            merged = merged.merge(list.get(0));
            assertEquals(v.length, merged.count());
            // tolerances: both are O(n eps) rounding of values ~1e3 with spread 0.5 → mean 1e-10 abs, var 1e-9 rel
            assertEquals(ref[0], merged.mean(), 1e-10);
            assertEquals(ref[1], merged.variance(), 1e-9 * ref[1]);
            // exact sums: any partition merged in any order gives the one-pass value to the last bit
            assertEquals(onePass, merged);
            assertEquals(onePass.mean(), merged.mean(), 0.0);
            assertEquals(onePass.variance(), merged.variance(), 0.0);
        }
    }

    @Test
    void studentIntervalMatchesTabulatedQuantile() {
        // values 1..5: mean 3, sd sqrt(2.5); t_{0.975,4} = 2.776445 (standard t table)
        RunningStats s = RunningStats.EMPTY;
        for (int i = 1; i <= 5; i++) {
            s = s.plus(i);
        }
        assertEquals(3.0, s.mean(), 1e-15);
        assertEquals(2.5, s.variance(), 1e-14);
        assertEquals(2.776445 * Math.sqrt(2.5) / Math.sqrt(5), s.ciHalfWidth(0.95), 1e-5);
        assertTrue(Double.isNaN(RunningStats.EMPTY.plus(1.0).ciHalfWidth(0.95)), "one value has no interval");
    }

    @Test
    void cellStatsMergeCountsMissingAndAmbiguous() {
        CellStats a = CellStats.EMPTY.plus(SeedValue.exact(1.0), false).plus(SeedValue.MISSING, true);
        CellStats b = CellStats.EMPTY.plus(SeedValue.exact(3.0), true);
        CellStats m = a.merge(b);
        assertEquals(3, m.seeds());
        assertEquals(1, m.missing());
        assertEquals(2, m.ambiguous());
        assertEquals(2.0, m.stats().mean(), 1e-15);
    }

    @Test
    void accumulatorsSurviveJavaSerialization() throws Exception {
        // Spark ships aggregateByKey zero values and partial results with Java serialization
        CellStats c = CellStats.EMPTY.plus(SeedValue.exact(1.5), true).plus(SeedValue.censored(1), false);
        CellKey k = new CellKey("s", DMetric.GEN_SPEC_CW, 0.5, 2.0);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(java.util.Map.of(k, c));
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(java.util.Map.of(k, c), in.readObject());
        }
    }
}
