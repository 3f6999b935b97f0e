package org.diffsweep.jobs.ledger;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A ledger audited against the grid of its spec: how many grid points have rows, how many (point, class) keys occur
 * more than once, how many rows belong to no grid point. Used by the fault-injection scripts
 * ({@code deploy/it-standalone.sh}, through {@code diffsweep audit}).
 *
 * @param gridPoints      points of the grid
 * @param presentPoints   grid points with at least one ledger row
 * @param rows            raw ledger rows (all waves)
 * @param duplicateKeys   (pointId, classIndex) keys with more than one row
 * @param foreignPoints   distinct pointIds in the ledger that are not points of the grid
 * @param waves           wave directories holding data
 */
public record Audit(long gridPoints, long presentPoints, long rows, long duplicateKeys, long foreignPoints, long waves) {
    /** True when every grid point is present and no key is duplicated. */
    public boolean exactlyOnce() { return presentPoints == gridPoints && duplicateKeys == 0; }

    /**
     * Audits {@code all} (every ledger row, {@link Ledger#readAll}) against {@code gridIds} (pointIndex, pointId of
     * every grid point).
     */
    public static Audit of(Dataset<Row> all, Dataset<Row> gridIds, long gridPoints) {
        String id = LedgerTable.POINT_ID.name();
        Dataset<Row> cached = all.cache();
        try {
            Dataset<Row> present = cached.select(id).distinct();
            long rows = cached.count();
            long dup = cached.groupBy(id, LedgerTable.CLASS_INDEX.name()).agg(count(lit(1)).as("k")).where(col("k").gt(1)).count();
            long inGrid = present.join(gridIds, id).count();
            long waves = cached.select(LedgerTable.WAVE).distinct().count();
            return new Audit(gridPoints, inGrid, rows, dup, present.count() - inGrid, waves);
        } finally { cached.unpersist(); }
    }

    /** An empty ledger. */
    public static Audit empty(long gridPoints) { return new Audit(gridPoints, 0, 0, 0, 0, 0); }
}
