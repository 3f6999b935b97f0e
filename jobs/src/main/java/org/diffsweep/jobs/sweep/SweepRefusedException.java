package org.diffsweep.jobs.sweep;

/** A sweep refused to start: the output folder is locked, or its ledger was written under an incompatible spec. */
public final class SweepRefusedException extends RuntimeException {
    public SweepRefusedException(String message) { super(message); }
}
