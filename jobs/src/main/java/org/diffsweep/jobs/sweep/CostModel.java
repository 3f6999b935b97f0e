package org.diffsweep.jobs.sweep;

import org.diffsweep.core.point.PointParams;

/**
 * Relative cost of evaluating one point: {@code p^2 n + p^3} (building the p x p Gram matrix U from p x n feature
 * maps, then one symmetric eigendecomposition of U; design "Performance model"). Only ratios matter: it is used to
 * balance bins and to turn completed cost into an ETA.
 */
public final class CostModel {
    private CostModel() {}

    /** Cost estimate of one point, arbitrary units (> 0). */
    public static double cost(PointParams params) {
        double p = params.p(), n = params.n();
        return p * p * n + p * p * p + 1.0;
    }
}
