package org.diffsweep.jobs.phase;

/**
 * A cheap analytic predictor of an order parameter over a slice, e.g. D_S from the closed-form t_S of §6.2. Used
 * to refine boundary crossings with a bracketing root solve.
 */
@FunctionalInterface
public interface SliceFunction {
    /** The value at axis coordinates (x, y). */
    double value(double x, double y);
}
