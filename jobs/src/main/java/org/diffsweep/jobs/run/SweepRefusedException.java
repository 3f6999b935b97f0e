package org.diffsweep.jobs.run;

/**
 * A sweep refused to start, with one line saying why and the way out: the output folder is locked, its ledger was
 * written under an incompatible spec or by another evaluator version.
 */
public final class SweepRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SweepRefusedException(String message) { super(message, null, false, false); }
}
