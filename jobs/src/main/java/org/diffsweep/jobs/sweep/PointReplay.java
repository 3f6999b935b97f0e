package org.diffsweep.jobs.sweep;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.diffsweep.core.point.PointEvaluator;
import org.diffsweep.core.point.PointResult;
import org.diffsweep.jobs.grid.Grid;
import org.diffsweep.jobs.grid.GridPoint;
import org.diffsweep.jobs.ledger.Ledger;
import org.diffsweep.jobs.ledger.LedgerSchema;
import org.diffsweep.jobs.spec.SpecGrid;
import org.diffsweep.jobs.spec.SweepSpec;

/**
 * {@code diffsweep replay POINT_ID --run DIR}: re-evaluates one recorded point in this process and compares the
 * result with its ledger rows bit for bit (design "House style", Tribuo).
 *
 * <p>The point is rebuilt from the run folder's stored canonical spec ({@code _spec.txt}): first at the row's stored
 * {@code pointIndex}, then (the spec may have grown since, which renumbers points) at the index decoded from the
 * row's axis coordinates and seed index, then by a scan of the grid. A candidate is accepted only if its recomputed
 * pointId, under the evaluator name and version stored in the row, equals the requested id. It is then evaluated
 * with this build's evaluator, which must have the same name and version.
 *
 * <p>Compared: every ledger column except {@code pointIndex} (a grid position, not a result), {@code wallSeconds},
 * {@code specHash} and {@code codeVersion} (provenance that may legitimately differ) and {@code wave}; doubles by
 * their IEEE-754 bit patterns ({@link Double#doubleToLongBits}, so every NaN counts as the same value). Every ledger
 * row of the point is compared, duplicates from retried waves included.
 */
public final class PointReplay {
    /** Columns excluded from the comparison (see the class comment). */
    public static final Set<String> NOT_COMPARED = Set.of(LedgerSchema.POINT_INDEX, "wallSeconds", "specHash",
            "codeVersion", LedgerSchema.WAVE);
    /** Grids up to this size are scanned when the point is not found by index or coordinates. */
    static final long MAX_SCAN = 5_000_000L;

    /** Outcome kinds, with the CLI exit status of each. */
    public enum Status {
        IDENTICAL(0), DIFFERENT(1), NOT_REPRODUCIBLE(1), UNKNOWN(2);

        public final int exitCode;

        Status(int exitCode) { this.exitCode = exitCode; }
    }

    /** One differing field of one ledger row; values as stored and as recomputed (null = SQL null). */
    public record FieldDiff(int classIndex, String className, String field, Object ledger, Object replay) {
        @Override public String toString() {
            return "class " + classIndex + " (" + className + ") " + field + ": ledger " + show(ledger) + ", replay " + show(replay);
        }

        private static String show(Object v) {
            if (v instanceof Double d) return d + " (bits 0x" + Long.toHexString(Double.doubleToRawLongBits(d)) + ")";
            return String.valueOf(v);
        }
    }

    /**
     * What a replay found.
     *
     * @param status         the verdict
     * @param pointId        the full pointId (the request, when unknown)
     * @param pointIndex     the point's index in the stored spec's grid (-1 if not rebuilt)
     * @param message        one line for humans
     * @param ledgerRows     ledger rows of the point compared
     * @param fieldsCompared columns compared per row
     * @param diffs          every differing field (empty unless DIFFERENT)
     * @param seconds        evaluation wall time of the replay, seconds
     */
    public record Result(Status status, String pointId, long pointIndex, String message, int ledgerRows,
                         int fieldsCompared, List<FieldDiff> diffs, double seconds) {}

    private final SparkSession spark;
    private final EvaluatorFactory evaluator;
    private final PointIdFunction ids;

    public PointReplay(SparkSession spark, EvaluatorFactory evaluator, PointIdFunction ids) {
        this.spark = spark;
        this.evaluator = evaluator;
        this.ids = ids;
    }

    /**
     * Replays the point {@code idOrPrefix} (a full pointId or a unique prefix of at least 6 hex digits) of the run
     * folder {@code runDir} (any Hadoop path).
     */
    public Result replay(String runDir, String idOrPrefix) throws IOException {
        String want = idOrPrefix.trim().toLowerCase(java.util.Locale.ROOT);
        if (!want.matches("[0-9a-f]{6,64}")) {
            return unknown(want, "'" + idOrPrefix + "' is not a pointId (6 to 64 hex digits)");
        }
        Path out = new Path(runDir);
        FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
        Ledger ledger = new Ledger(fs, fs.makeQualified(out));
        String stored = ledger.readSpec();
        if (stored == null || !ledger.hasData()) {
            return unknown(want, runDir + " is not a diffsweep run folder with a ledger (no " + Ledger.SPEC_FILE + " or no ledger/wave=*)");
        }
        SweepSpec spec = SweepSpec.parse(stored, ledger.root() + "/" + Ledger.SPEC_FILE);
        SpecGrid grid = spec.grid();
        List<String> axes = grid.axisNames();
        StructType schema = LedgerSchema.schema(axes);
        List<Row> rows = ledger.readAll(spark, schema).where(col(LedgerSchema.POINT_ID).startsWith(want)).collectAsList();
        Set<String> found = new LinkedHashSet<>();
        for (Row r : rows) found.add(r.getAs(LedgerSchema.POINT_ID));
        if (found.isEmpty()) return unknown(want, "no point " + want + " in the ledger of " + runDir);
        if (found.size() > 1) {
            return unknown(want, "prefix " + want + " is ambiguous: " + found.size() + " points match (" + String.join(", ", found) + ")");
        }
        String id = found.iterator().next();
        Row first = rows.get(0);
        String evName = first.getAs("evaluator"), evVersion = first.getAs("evaluatorVersion");

        GridPoint gp = locate(grid, first, id, evName, evVersion, axes);
        if (gp == null) {
            return new Result(Status.NOT_REPRODUCIBLE, id, -1, "point " + id + " is in the ledger but no point of the stored spec"
                    + " has this id (evaluator " + evName + " " + evVersion + "): the ledger was written under another spec", rows.size(), 0, List.of(), 0);
        }
        PointEvaluator ev = evaluator.create();
        if (!ev.name().equals(evName) || !ev.version().equals(evVersion)) {
            return new Result(Status.NOT_REPRODUCIBLE, id, gp.index(), "the ledger rows were written by evaluator " + evName + " "
                    + evVersion + ", this build has " + ev.name() + " " + ev.version() + ": results are not comparable",
                    rows.size(), 0, List.of(), 0);
        }
        long t0 = System.nanoTime();
        PointResult r = ev.evaluate(gp.params(), id);
        double secs = (System.nanoTime() - t0) / 1e9;
        LedgerSchema.Provenance prov = new LedgerSchema.Provenance(first.getAs("specHash"), first.getAs("codeVersion"), evName, evVersion);
        List<Row> fresh = LedgerSchema.rows(gp, id, axes, r, 0.0, prov);

        String[] names = schema.fieldNames();
        int compared = 0;
        for (String f : names) if (!NOT_COMPARED.contains(f)) compared++;
        List<FieldDiff> diffs = new ArrayList<>();
        Map<Integer, Integer> seen = new LinkedHashMap<>();
        for (Row old : rows) {
            int c = old.getAs(LedgerSchema.CLASS_INDEX);
            seen.merge(c, 1, Integer::sum);
            String cn = old.getAs("className");
            if (c < 0 || c >= fresh.size()) {
                diffs.add(new FieldDiff(c, cn, LedgerSchema.CLASS_INDEX, c, "replay has " + fresh.size() + " classes"));
                continue;
            }
            Row now = fresh.get(c);
            for (int k = 0; k < names.length; k++) {
                if (NOT_COMPARED.contains(names[k])) continue;
                Object a = old.get(old.fieldIndex(names[k])), b = now.get(k);
                if (!same(a, b)) diffs.add(new FieldDiff(c, cn, names[k], a, b));
            }
        }
        for (int c = 0; c < fresh.size(); c++) {
            if (!seen.containsKey(c)) {
                diffs.add(new FieldDiff(c, fresh.get(c).getString(schema.fieldIndex("className")), "(row)", "missing", "present"));
            }
        }
        String where = "point " + gp.index() + " of " + spec.name() + ", evaluator " + evName + " " + evVersion;
        if (diffs.isEmpty()) {
            return new Result(Status.IDENTICAL, id, gp.index(), "identical: " + rows.size() + " ledger row(s) x " + compared
                    + " fields bit-identical (" + where + ")", rows.size(), compared, List.of(), secs);
        }
        return new Result(Status.DIFFERENT, id, gp.index(), "DIFFERENT: " + diffs.size() + " field(s) differ (" + where + ")",
                rows.size(), compared, List.copyOf(diffs), secs);
    }

    private static Result unknown(String id, String msg) {
        return new Result(Status.UNKNOWN, id, -1, msg, 0, 0, List.of(), 0);
    }

    /** The grid point with this id: at the stored index, at the index of the stored coordinates, else by scan. */
    private GridPoint locate(SpecGrid grid, Row row, String id, String evName, String evVersion, List<String> axes) {
        long stored = row.getAs(LedgerSchema.POINT_INDEX);
        GridPoint gp = matching(grid, stored, id, evName, evVersion);
        if (gp != null) return gp;
        gp = matching(grid, indexOf(grid, row, axes), id, evName, evVersion);
        if (gp != null) return gp;
        if (grid.size() > MAX_SCAN) return null;
        for (long i = 0; i < grid.size(); i++) {
            gp = matching(grid, i, id, evName, evVersion);
            if (gp != null) return gp;
        }
        return null;
    }

    private GridPoint matching(Grid grid, long index, String id, String evName, String evVersion) {
        if (index < 0 || index >= grid.size()) return null;
        GridPoint gp = grid.point(index);
        return id.equals(ids.pointId(gp.params(), evName, evVersion)) ? gp : null;
    }

    /**
     * Index of the point with the row's axis coordinates (matched bit-exactly) and seed index in {@code grid} (seeds
     * slowest, last axis fastest; see {@link SpecGrid}), or -1.
     */
    static long indexOf(SpecGrid grid, Row row, List<String> axes) {
        int k = row.getAs("seedIndex");
        if (k < 0 || k >= grid.seeds()) return -1;
        long index = 0;
        for (int j = 0; j < axes.size(); j++) {
            Object v = row.get(row.fieldIndex(LedgerSchema.axisColumn(axes.get(j))));
            if (!(v instanceof Double x)) return -1;
            double[] vals = grid.axisValues(j);
            int digit = -1;
            for (int i = 0; i < vals.length && digit < 0; i++) {
                if (Double.doubleToLongBits(vals[i]) == Double.doubleToLongBits(x)) digit = i;
            }
            if (digit < 0) return -1;
            index = index * vals.length + digit;
        }
        return k * grid.pointsPerSeed() + index;
    }

    static boolean same(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) return Double.doubleToLongBits(x) == Double.doubleToLongBits(y);
        if (a instanceof Number x && b instanceof Number y && !(a instanceof Double) && !(b instanceof Double)) {
            return x.longValue() == y.longValue();
        }
        return java.util.Objects.equals(a, b);
    }
}
