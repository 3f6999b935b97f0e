package org.diffsweep.core.evaluator;

/** What every evaluation result tells the sweep engine about itself. */
public interface Evaluated {
    /** Outcome of the evaluation. */
    PointStatus status();

    /** Human-readable reason when the status is not OK, otherwise empty. */
    String diagnostic();
}
