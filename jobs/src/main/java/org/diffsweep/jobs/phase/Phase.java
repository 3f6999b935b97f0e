package org.diffsweep.jobs.phase;

/** The phase of one cell for one order parameter D (theory.md §12.8). */
public enum Phase {
    /** D has the same determined sign as at pi_A = pi_B for the same geometry. */
    BASELINE,
    /** D's determined sign differs from the baseline sign: imbalance reversed the learning order. */
    REVERSED,
    /** The seed interval contains 0, or some seed's per-class curves crossed their threshold more than once. */
    AMBIGUOUS,
    /** The cell's sign is determined but the baseline cell is absent, missing, or itself undetermined. */
    NO_BASELINE,
    /**
     * Some seed has a time off the tau grid (threshold passed before tau_min or never reached by tau_max): no mean is
     * formed; the cell's sign is the one every seed shares, if any (docs/science.md, "Censored times").
     */
    CENSORED,
    /** Some seed had a time that was not computed (point failed, theory-only evaluation, predictor undefined). */
    MISSING,
    /** Residual metrics (predicted − measured) carry no phase. */
    NOT_APPLICABLE
}
