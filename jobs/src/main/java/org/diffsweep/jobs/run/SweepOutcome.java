package org.diffsweep.jobs.run;

/**
 * What a sweep run did.
 *
 * @param gridPoints     points in the grid (seeds included)
 * @param alreadyDone    grid points found in the ledger at start (skipped)
 * @param computed       points evaluated by this run
 * @param failedPoints   points computed by this run whose status is not OK
 * @param waves          waves written by this run
 * @param planSeconds    lock, spec check and anti-join planning
 * @param evalSeconds    evaluation and ledger writes
 * @param outputSeconds  writing the outputs (0 when they were up to date)
 * @param totalSeconds   wall time of {@code run}
 * @param outputsWritten whether the outputs were (re)written (they were stale or the run computed points)
 */
public record SweepOutcome(long gridPoints, long alreadyDone, long computed, long failedPoints, int waves,
                           double planSeconds, double evalSeconds, double outputSeconds, double totalSeconds,
                           boolean outputsWritten) {

    /** True when this run computed points whose status is not OK. */
    public boolean hasFailures() { return failedPoints > 0; }

    /** One phrase for the outcome line. */
    public String failureSummary() {
        if (computed == 0) return outputsWritten ? "nothing new, outputs rewritten from the ledger" : "nothing new, outputs up to date";
        return failedPoints + " not OK";
    }
}
