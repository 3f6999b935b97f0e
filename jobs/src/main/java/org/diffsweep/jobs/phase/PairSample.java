package org.diffsweep.jobs.phase;

import java.util.Objects;
import org.diffsweep.core.evaluator.ClassResult;

/**
 * One seed's results for a pair of classes (A, B) at one cell of a 2-D slice: the input row of the phase
 * aggregation (design data-flow step 6). The lead builds it from the ledger (one ledger row per point × class).
 *
 * @param slice     name of the 2-D slice (e.g. {@code "t=0.1,psiP=2"}); cells of different slices never mix
 * @param x         the point's coordinate on the slice's x axis (axis units, e.g. variance ratio)
 * @param y         the point's coordinate on the slice's y axis (e.g. imbalance ratio pi_A/pi_B)
 * @param seedIndex which seed replica (0..K-1)
 * @param pointId   the grid point's identity (hex), for the list of failed/ambiguous points; may be empty
 * @param a         class A's results, or {@code null} when the point failed and has no class rows
 * @param b         class B's results, or {@code null}
 */
public record PairSample(String slice, double x, double y, int seedIndex, String pointId,
                         ClassResult a, ClassResult b) {
    public PairSample {
        Objects.requireNonNull(slice, "slice");
        pointId = pointId == null ? "" : pointId;
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("slice coordinates must be finite, got x=" + x + ", y=" + y);
        }
    }
}
