package org.diffsweep.jobs.sweep;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Tuning of a sweep run.
 *
 * @param waveSize       points per wave; each wave is one Spark job appended to the ledger, so a crash loses at most
 *                       the wave in flight
 * @param binsPerSlot    LPT bins per task slot (2-3 absorbs cost-model error without much scheduling overhead)
 * @param progress       where the live progress line goes (null: nowhere)
 * @param carriageReturn rewrite the progress line in place ({@code \r}, for terminals) instead of one line per update
 * @param breakLock      take over the output folder's lock even if its holder looks alive
 * @param staleLockAfter heartbeat age after which a lock held by another host counts as stale
 * @param forceOutputs   rewrite CSV, plots and summary even when no point was computed and they exist
 */
public record SweepOptions(int waveSize, double binsPerSlot, PrintStream progress, boolean carriageReturn,
                           boolean breakLock, Duration staleLockAfter, boolean forceOutputs) {
    public SweepOptions {
        if (waveSize < 1) throw new IllegalArgumentException("waveSize must be >= 1, got " + waveSize);
        if (!(binsPerSlot >= 1)) throw new IllegalArgumentException("binsPerSlot must be >= 1, got " + binsPerSlot);
        if (staleLockAfter == null) staleLockAfter = Duration.ofMinutes(10);
    }

    /** Waves of 256 points, 2.5 bins per slot, no progress output, 10-minute stale-lock age. */
    public static SweepOptions defaults() {
        return new SweepOptions(256, 2.5, null, false, false, Duration.ofMinutes(10), false);
    }

    public SweepOptions withWaveSize(int w) {
        return new SweepOptions(w, binsPerSlot, progress, carriageReturn, breakLock, staleLockAfter, forceOutputs);
    }

    public SweepOptions withProgress(PrintStream out, boolean cr) {
        return new SweepOptions(waveSize, binsPerSlot, out, cr, breakLock, staleLockAfter, forceOutputs);
    }

    public SweepOptions withBreakLock(boolean b) {
        return new SweepOptions(waveSize, binsPerSlot, progress, carriageReturn, b, staleLockAfter, forceOutputs);
    }

    public SweepOptions withStaleLockAfter(Duration d) {
        return new SweepOptions(waveSize, binsPerSlot, progress, carriageReturn, breakLock, d, forceOutputs);
    }

    public SweepOptions withForceOutputs(boolean b) {
        return new SweepOptions(waveSize, binsPerSlot, progress, carriageReturn, breakLock, staleLockAfter, b);
    }
}
