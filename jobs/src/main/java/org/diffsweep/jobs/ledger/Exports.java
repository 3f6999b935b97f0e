package org.diffsweep.jobs.ledger;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.diffsweep.jobs.json.Csv;
import org.diffsweep.jobs.phase.PhaseCell;
import org.diffsweep.jobs.phase.PhaseTables;

/**
 * Tables exported from a ledger with Spark: {@code results.csv} (the deduplicated ledger, streamed to the driver in
 * point order, so driver memory stays bounded) and {@code phase.parquet} (the phase table).
 */
public final class Exports {
    public static final String RESULTS_CSV = "results.csv";
    public static final String PHASE_PARQUET = "phase.parquet";
    /** The one data file of {@link #PHASE_PARQUET}. */
    static final String PHASE_PART = "part-00000.snappy.parquet";

    private Exports() {}

    /**
     * Writes {@code results.csv}: every scalar column of {@code view} (the ledger's columns and {@code wave}; the
     * stored curves, arrays, stay in the Parquet ledger), one row per (point, class), ordered by point index and
     * class; doubles in Java's shortest round-trip form, null as empty. Written to a temporary file and renamed.
     */
    public static void resultsCsv(Ledger out, Dataset<Row> view) throws IOException {
        String[] cols = java.util.Arrays.stream(view.schema().fields())
                .filter(f -> !(f.dataType() instanceof org.apache.spark.sql.types.ArrayType)).map(f -> f.name()).toArray(String[]::new);
        Path tmp = out.file("." + RESULTS_CSV + ".tmp");
        Iterator<Row> it = view.select(cols[0], java.util.Arrays.copyOfRange(cols, 1, cols.length)).orderBy(LedgerTable.POINT_INDEX.name(), LedgerTable.CLASS_INDEX.name()).toLocalIterator();
        try (Writer w = new BufferedWriter(new OutputStreamWriter(out.fs().create(tmp, true), StandardCharsets.UTF_8))) {
            w.write(String.join(",", cols));
            w.write('\n');
            StringBuilder b = new StringBuilder();
            while (it.hasNext()) {
                Row r = it.next();
                b.setLength(0);
                for (int k = 0; k < cols.length; k++) {
                    if (k > 0) b.append(',');
                    if (!r.isNullAt(k)) b.append(r.get(k) instanceof String s ? Csv.quote(s) : String.valueOf(r.get(k)));
                }
                w.write(b.append('\n').toString());
            }
        }
        out.replace(tmp, out.file(RESULTS_CSV));
    }

    /**
     * Writes {@code phase.parquet}: the phase table, same columns as phase.csv. Written to a temporary folder and
     * renamed over the old one (its one data file named {@value #PHASE_PART}), so a failure leaves the previous table (and stale outputs, which the next run rewrites).
     */
    public static void phaseParquet(SparkSession spark, Ledger out, List<PhaseCell> cells) throws IOException {
        StructType st = new StructType();
        for (PhaseTables.CellColumn col : PhaseTables.COLUMNS) st = st.add(col.name(), col.type());
        List<Row> rows = new ArrayList<>(cells.size());
        for (PhaseCell c : cells) {
            Object[] v = new Object[PhaseTables.COLUMNS.size()];
            for (int k = 0; k < v.length; k++) {
                Object x = PhaseTables.COLUMNS.get(k).value().apply(c);
                v[k] = x instanceof Double d && d.isNaN() ? null : x;
            }
            rows.add(RowFactory.create(v));
        }
        Path tmp = out.file("." + PHASE_PARQUET + ".tmp");
        spark.createDataFrame(rows, st).coalesce(1).write().mode(SaveMode.Overwrite).parquet(tmp.toString());
        // one part file under a fixed name (Spark's carries a random job id), so a regenerated table is the same file
        for (org.apache.hadoop.fs.FileStatus f : out.fs().listStatus(tmp)) {
            String n = f.getPath().getName();
            if (n.startsWith("part-") && !out.fs().rename(f.getPath(), new Path(tmp, PHASE_PART)))
                throw new IOException("cannot rename " + f.getPath());
        }
        out.replace(tmp, out.file(PHASE_PARQUET));
    }
}
