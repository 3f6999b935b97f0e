package org.diffsweep.jobs.run;

import java.io.PrintStream;
import java.time.Duration;

/**
 * How a sweep runs: the one options type of the engine.
 *
 * @param waveSize       most points per wave; each wave is one Spark job appended to the ledger
 * @param waveSeconds    target estimated work per wave and task slot, seconds: a wave closes when it reaches this
 *                       (or {@code waveSize}), so a crash loses at most about this much work whatever the sweep size
 * @param binsPerSlot    LPT bins per task slot (2-3 absorbs cost-model error without much scheduling overhead)
 * @param progress       where the live progress line goes (null: nowhere)
 * @param carriageReturn rewrite the progress line in place ({@code \r}, for terminals) instead of one line per update
 * @param breakLock      take over the output folder's lock even if its holder looks alive
 * @param staleLockAfter heartbeat age after which a lock held by another host counts as stale
 * @param forceOutputs   rewrite the outputs even when they are up to date with the ledger
 * @param repair         move corrupt ledger files to {@code quarantine/} (their points are recomputed) instead of refusing
 */
public record SweepOptions(int waveSize, double waveSeconds, double binsPerSlot, PrintStream progress,
                           boolean carriageReturn, boolean breakLock, Duration staleLockAfter, boolean forceOutputs,
                           boolean repair) {
    /** Default most points per wave. */
    public static final int DEFAULT_WAVE_SIZE = 4096;
    /** Default target seconds of estimated work per wave and task slot. */
    public static final double DEFAULT_WAVE_SECONDS = 120;

    public SweepOptions {
        if (waveSize < 1) throw new IllegalArgumentException("waveSize must be >= 1, got " + waveSize);
        if (!(waveSeconds > 0)) throw new IllegalArgumentException("waveSeconds must be > 0, got " + waveSeconds);
        if (!(binsPerSlot >= 1)) throw new IllegalArgumentException("binsPerSlot must be >= 1, got " + binsPerSlot);
        if (staleLockAfter == null) staleLockAfter = Duration.ofMinutes(10);
    }

    /** Defaults: waves of at most {@value #DEFAULT_WAVE_SIZE} points and about 2 minutes of work per slot. */
    public static SweepOptions defaults() {
        return new SweepOptions(DEFAULT_WAVE_SIZE, DEFAULT_WAVE_SECONDS, 2.5, null, false, false, Duration.ofMinutes(10), false, false);
    }

    public SweepOptions withWaveSize(int w) {
        return new SweepOptions(w, waveSeconds, binsPerSlot, progress, carriageReturn, breakLock, staleLockAfter, forceOutputs, repair);
    }

    public SweepOptions withProgress(PrintStream out, boolean cr) {
        return new SweepOptions(waveSize, waveSeconds, binsPerSlot, out, cr, breakLock, staleLockAfter, forceOutputs, repair);
    }

    public SweepOptions withBreakLock(boolean b) {
        return new SweepOptions(waveSize, waveSeconds, binsPerSlot, progress, carriageReturn, b, staleLockAfter, forceOutputs, repair);
    }

    public SweepOptions withRepair(boolean r) {
        return new SweepOptions(waveSize, waveSeconds, binsPerSlot, progress, carriageReturn, breakLock, staleLockAfter, forceOutputs, r);
    }

    public SweepOptions withForceOutputs(boolean b) {
        return new SweepOptions(waveSize, waveSeconds, binsPerSlot, progress, carriageReturn, breakLock, staleLockAfter, b, repair);
    }
}
