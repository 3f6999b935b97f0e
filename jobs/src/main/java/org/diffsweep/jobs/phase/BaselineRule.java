package org.diffsweep.jobs.phase;

/**
 * Where a cell's baseline lives: the point with pi_A = pi_B (imbalance ratio 1) at the same geometry (theory.md
 * §12.8). Returns the baseline cell's slice and coordinates; the aggregator matches them to an existing cell of the
 * same metric with a relative tolerance of 1e-9 per coordinate.
 */
@FunctionalInterface
public interface BaselineRule {
    /** The baseline cell of {@code key} (same metric), or {@code null} when there is none. */
    CellKey baselineOf(CellKey key);

    /** The slice's y axis is the imbalance ratio: the baseline is (x, {@code balancedY}) in the same slice. */
    static BaselineRule alongY(double balancedY) {
        return k -> new CellKey(k.slice(), k.metric(), k.x(), balancedY);
    }

    /** The slice's x axis is the imbalance ratio: the baseline is ({@code balancedX}, y) in the same slice. */
    static BaselineRule alongX(double balancedX) {
        return k -> new CellKey(k.slice(), k.metric(), balancedX, k.y());
    }
}
