package org.diffsweep.jobs.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Longest-processing-time-first bin packing: points sorted by decreasing cost, each put into the currently lightest
 * bin. The heaviest bin is at most 4/3 of the optimum (Graham 1969), unlike Spark's contiguous {@code parallelize}
 * slices, which put all expensive points of a sorted grid into the last partitions.
 */
public final class LptPlanner {
    private LptPlanner() {}

    /** Number of bins for a wave: about {@code binsPerSlot} per task slot, at most one per point. */
    public static int binCount(int points, int slots, double binsPerSlot) {
        int b = (int) Math.ceil(Math.max(1, slots) * Math.max(1.0, binsPerSlot));
        return Math.max(1, Math.min(points, b));
    }

    /**
     * Packs {@code indices[i]} (cost {@code costs[i]}) into at most {@code bins} non-empty bins; ties broken by
     * index so the plan is deterministic. Each bin's indices are ascending; bin ids are 0..k-1.
     */
    public static List<Bin> pack(long[] indices, double[] costs, int bins) {
        if (indices.length != costs.length) throw new IllegalArgumentException("indices and costs differ in length");
        int n = indices.length;
        int k = Math.max(1, Math.min(bins, n));
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -costs[i]).thenComparingLong(i -> indices[i]));
        double[] load = new double[k];
        long[][] members = new long[k][];
        int[] count = new int[k];
        for (int b = 0; b < k; b++) members[b] = new long[Math.max(4, n / k + 1)];
        PriorityQueue<Integer> heap = new PriorityQueue<>(
                Comparator.<Integer>comparingDouble(b -> load[b]).thenComparingInt(b -> b));
        for (int b = 0; b < k; b++) heap.add(b);
        for (int i : order) {
            int b = heap.poll();
            if (count[b] == members[b].length) members[b] = Arrays.copyOf(members[b], count[b] * 2);
            members[b][count[b]++] = indices[i];
            load[b] += costs[i];
            heap.add(b);
        }
        List<Bin> out = new ArrayList<>(k);
        for (int b = 0; b < k; b++) {
            if (count[b] == 0) continue;
            long[] m = Arrays.copyOf(members[b], count[b]);
            Arrays.sort(m);
            out.add(new Bin(out.size(), m, load[b]));
        }
        return out;
    }
}
