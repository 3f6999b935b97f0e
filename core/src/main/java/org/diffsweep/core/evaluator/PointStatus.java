package org.diffsweep.core.evaluator;

/** Outcome of evaluating one grid point. Numerical failures are results, not exceptions (design §4). */
public enum PointStatus {
    /** Every stage finished. */
    OK,
    /** Some stage failed numerically (non-convergence, NaN); see the diagnostic. Other stages may still be present. */
    PARTIAL,
    /** No usable result. */
    FAILED
}
