package org.diffsweep.jobs.sweep;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.diffsweep.jobs.grid.PointIds;
import org.diffsweep.jobs.ledger.CodeVersion;
import org.diffsweep.jobs.ledger.Ledger;
import org.diffsweep.jobs.ledger.LedgerSchema;
import org.diffsweep.jobs.spark.SparkSessions;
import org.diffsweep.jobs.spec.SpecGrid;
import org.diffsweep.jobs.spec.SweepSpec;

/**
 * Audits a run folder's raw ledger against the grid of its stored spec: how many grid points have rows, how many
 * (point, class) keys occur more than once, how many rows belong to no grid point. Used by the fault-injection
 * scripts ({@code deploy/it-standalone.sh}); {@code java ... LedgerAudit DIR} prints one JSON line and exits 0 when
 * every grid point is present exactly once, else 1.
 *
 * @param gridPoints      points of the stored spec's grid
 * @param presentPoints   grid points with at least one ledger row
 * @param rows            raw ledger rows (all waves)
 * @param duplicateKeys   (pointId, classIndex) keys with more than one row
 * @param foreignPoints   distinct pointIds in the ledger that are not points of the grid
 * @param waves           wave directories holding data
 */
public record LedgerAudit(long gridPoints, long presentPoints, long rows, long duplicateKeys, long foreignPoints, long waves) {
    /** True when every grid point is present and no key is duplicated. */
    public boolean exactlyOnce() { return presentPoints == gridPoints && duplicateKeys == 0; }

    /** Audits {@code runDir} (any Hadoop path) with pointIds from {@link PointIds#pointId}. */
    public static LedgerAudit of(SparkSession spark, String runDir) throws IOException {
        Path out = new Path(runDir);
        FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
        Ledger ledger = new Ledger(fs, fs.makeQualified(out));
        String stored = ledger.readSpec();
        if (stored == null) throw new IOException(runDir + ": no " + Ledger.SPEC_FILE);
        SpecGrid grid = SweepSpec.parse(stored, Ledger.SPEC_FILE).grid();
        if (!ledger.hasData()) return new LedgerAudit(grid.size(), 0, 0, 0, 0, 0);
        Dataset<Row> all = ledger.readAll(spark, LedgerSchema.schema(grid.axisNames())).cache();
        try {
            Row ev = all.select("evaluator", "evaluatorVersion").first();
            Dataset<Row> ids = new SweepRunner(spark).gridIds(grid, PointIds::pointId,
                    new LedgerSchema.Provenance("", CodeVersion.get(), ev.getString(0), ev.getString(1)));
            Dataset<Row> present = all.select(LedgerSchema.POINT_ID).distinct();
            long rows = all.count();
            long dup = all.groupBy(LedgerSchema.POINT_ID, LedgerSchema.CLASS_INDEX).agg(count(lit(1)).as("k"))
                    .where(col("k").gt(1)).count();
            long inGrid = present.join(ids, LedgerSchema.POINT_ID).count();
            long foreign = present.count() - inGrid;
            long waves = all.select(LedgerSchema.WAVE).distinct().count();
            return new LedgerAudit(grid.size(), inGrid, rows, dup, foreign, waves);
        } finally {
            all.unpersist();
        }
    }

    /** {@code LedgerAudit RUN_DIR}: one JSON line; exit 0 every grid point exactly once, 1 otherwise, 2 usage. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: LedgerAudit RUN_DIR");
            System.exit(2);
        }
        SparkSession spark = SparkSessions.getOrCreate("local[1]", "diffsweep ledger audit", false, Map.of());
        LedgerAudit a = of(spark, args[0]);
        System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(a));
        spark.stop();
        System.exit(a.exactlyOnce() ? 0 : 1);
    }
}
