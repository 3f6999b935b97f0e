package org.diffsweep.jobs.plan;

/**
 * Cuts the remaining points of a sweep into waves by estimated work as well as by count: a wave closes when its
 * summed cost reaches {@code secondsPerSlot x slots} or it holds {@code maxPoints} points, so each wave is a few
 * minutes of work whatever the sweep's size (a crash loses at most the wave in flight, and per-wave overhead stays a
 * small fraction of the work).
 */
public final class WavePlanner {
    private WavePlanner() {}

    /**
     * The end (exclusive) of the wave that starts at {@code from}.
     *
     * @param costs           estimated seconds of each remaining point, in evaluation order
     * @param slots           concurrent task slots
     * @param secondsPerSlot  target work per slot and wave, seconds
     * @param maxPoints       most points per wave
     */
    public static int waveEnd(double[] costs, int from, int slots, double secondsPerSlot, int maxPoints) {
        double budget = secondsPerSlot * Math.max(1, slots), sum = 0;
        int end = from;
        while (end < costs.length && end - from < maxPoints) {
            sum += costs[end++];
            if (sum >= budget) break;
        }
        return end;
    }

    /** Number of waves {@link #waveEnd} cuts {@code costs} into. */
    public static int waves(double[] costs, int slots, double secondsPerSlot, int maxPoints) {
        int n = 0;
        for (int from = 0; from < costs.length; n++) from = waveEnd(costs, from, slots, secondsPerSlot, maxPoints);
        return n;
    }
}
