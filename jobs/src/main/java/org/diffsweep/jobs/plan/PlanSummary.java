package org.diffsweep.jobs.plan;

/**
 * What a sweep run would do now (the dry-run plan).
 *
 * @param gridPoints      points in the grid
 * @param remaining       points not yet in the ledger
 * @param totalCost       their summed cost estimate, seconds on one core
 * @param waves           waves needed
 * @param binsPerWave     LPT bins of the first wave
 * @param firstWaveMaxBin cost of the heaviest bin of the first wave, seconds
 * @param seconds         planning wall time
 */
public record PlanSummary(long gridPoints, long remaining, double totalCost, int waves, int binsPerWave,
                          double firstWaveMaxBin, double seconds) {}
