package org.diffsweep.jobs.ledger;

import java.util.List;
import org.diffsweep.jobs.grid.GridPoint;

/**
 * What one ledger row is read from: the grid point, its id, the sweep's axis names, the evaluation result, which of
 * the point's rows this is (the class index for the models here), the point's evaluation wall time and the
 * provenance.
 *
 * @param <P> point type
 * @param <R> result type
 */
public record LedgerRow<P, R>(GridPoint<P> point, String pointId, List<String> axes, R result, int row,
                              double wallSeconds, Provenance provenance) {
    /** The point's parameters. */
    public P params() { return point.params(); }
}
