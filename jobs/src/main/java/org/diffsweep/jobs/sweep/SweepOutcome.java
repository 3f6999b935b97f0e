package org.diffsweep.jobs.sweep;

/**
 * What a sweep run did.
 *
 * @param gridPoints     points in the grid (seeds included)
 * @param alreadyDone    grid points found in the ledger at start (skipped)
 * @param computed       points evaluated by this run
 * @param failedPoints   grid points in the ledger whose status is not OK (after this run); -1 when the outputs
 *                       were not rewritten because the run computed nothing (a finished sweep re-run)
 * @param waves          waves written by this run
 * @param planSeconds    lock, spec check and anti-join planning
 * @param evalSeconds    evaluation and ledger writes
 * @param outputSeconds  CSV, plots and summary (0 when skipped)
 * @param totalSeconds   wall time of {@code run}
 * @param outputsWritten whether CSV, plots and summary were (re)written
 */
public record SweepOutcome(long gridPoints, long alreadyDone, long computed, long failedPoints, int waves,
                           double planSeconds, double evalSeconds, double outputSeconds, double totalSeconds,
                           boolean outputsWritten) {

    /** True when the ledger holds points whose status is not OK (never for a re-run that rewrote nothing). */
    public boolean hasFailures() { return failedPoints > 0; }

    /** One phrase for progress lines: "{@code N not OK}", or "{@code nothing new, outputs unchanged}". */
    public String failureSummary() {
        return failedPoints < 0 ? "nothing new, outputs unchanged" : failedPoints + " not OK";
    }
}
