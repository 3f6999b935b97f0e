package org.diffsweep.jobs.sweep;

/**
 * What a sweep run would do now ({@link SweepRunner#plan}).
 *
 * @param gridPoints     points in the grid
 * @param remaining      points not yet in the ledger
 * @param totalCost      their summed cost estimate ({@link CostModel} units)
 * @param waves          waves needed
 * @param binsPerWave    LPT bins of a full wave
 * @param firstWaveMaxBin cost of the heaviest bin of the first wave
 * @param seconds        planning wall time
 */
public record SweepPlan(long gridPoints, long remaining, double totalCost, int waves, int binsPerWave,
                        double firstWaveMaxBin, double seconds) {}
