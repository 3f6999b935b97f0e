package org.diffsweep.jobs.ledger;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.diffsweep.core.evaluator.Evaluated;
import org.diffsweep.jobs.grid.Grid;
import org.diffsweep.jobs.grid.GridPoint;

/**
 * {@code diffsweep replay POINT_ID --run DIR}: re-evaluates one recorded point in this process and compares the
 * result with its ledger rows bit for bit (design "House style", Tribuo).
 *
 * <p>The point is located in the grid of the run folder's stored spec: first at the row's stored
 * {@code pointIndex}, then (the spec may have grown since, which renumbers points) by a scan of the grid. A candidate
 * is accepted only if its recomputed pointId, under the evaluator name and version stored in the row, equals the
 * requested id. It is then evaluated with this build's evaluator, which must have the same name and version.
 *
 * <p>Compared: every column the table marks as replayed (not {@code pointIndex}, {@code wallSeconds},
 * {@code specHash}, {@code codeVersion}); doubles by their IEEE-754 bit patterns ({@link Double#doubleToLongBits}, so
 * every NaN counts as the same value). Every ledger row of the point is compared, duplicates from retried waves
 * included.
 */
public final class Replay {
    /** Grids up to this size are scanned when the point is not found at its stored index. */
    static final long MAX_SCAN = 5_000_000L;

    private Replay() {}

    /** Outcome kinds, with the CLI exit status of each. */
    public enum Status {
        IDENTICAL(0), DIFFERENT(1), NOT_REPRODUCIBLE(1), UNKNOWN(2);

        public final int exitCode;

        Status(int exitCode) { this.exitCode = exitCode; }
    }

    /** One differing field of one ledger row; values as stored and as recomputed (null = SQL null). */
    public record FieldDiff(int classIndex, String field, Object ledger, Object replay) {
        @Override public String toString() {
            return "row " + classIndex + " " + field + ": ledger " + show(ledger) + ", replay " + show(replay);
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

    /**
     * Replays the point {@code idOrPrefix} (a full pointId or a unique prefix of at least 6 hex digits) of the ledger
     * in {@code ledger}, whose stored spec expands to {@code grid}.
     */
    public static <P, R extends Evaluated> Result replay(SparkSession spark, Ledger ledger, Grid<P> grid,
                                                         SweepModel<P, R> model, String idOrPrefix) throws IOException {
        String want = idOrPrefix.trim().toLowerCase(Locale.ROOT);
        if (!want.matches("[0-9a-f]{6,64}")) return unknown(want, "'" + idOrPrefix + "' is not a pointId (6 to 64 hex digits)");
        List<String> axes = grid.axisNames();
        LedgerTable<P, R> table = model.table();
        List<Row> rows = ledger.readAll(spark, table, axes).where(col(LedgerTable.POINT_ID.name()).startsWith(want)).collectAsList();
        Set<String> found = new LinkedHashSet<>();
        for (Row r : rows) found.add((String) LedgerTable.POINT_ID.decode(r));
        if (found.isEmpty()) return unknown(want, "no point " + want + " in the ledger of " + ledger.root());
        if (found.size() > 1) {
            return unknown(want, "prefix " + want + " is ambiguous: " + found.size() + " points match (" + String.join(", ", found) + ")");
        }
        String id = found.iterator().next();
        Row first = rows.get(0);
        String evName = (String) LedgerTable.EVALUATOR.decode(first), evVersion = (String) LedgerTable.EVALUATOR_VERSION.decode(first);
        if (!model.evaluatorName().equals(evName) || !model.evaluatorVersion().equals(evVersion)) {
            return new Result(Status.NOT_REPRODUCIBLE, id, -1, "the ledger rows were written by evaluator " + evName + " " + evVersion
                    + ", this build has " + model.evaluatorName() + " " + model.evaluatorVersion() + ": results are not comparable",
                    rows.size(), 0, List.of(), 0);
        }
        GridPoint<P> gp = locate(grid, model, ((Number) LedgerTable.POINT_INDEX.decode(first)).longValue(), id);
        if (gp == null) {
            return new Result(Status.NOT_REPRODUCIBLE, id, -1, "point " + id + " is in the ledger but no point of the stored spec"
                    + " has this id (evaluator " + evName + " " + evVersion + "): the ledger was written under another spec",
                    rows.size(), 0, List.of(), 0);
        }
        long t0 = System.nanoTime();
        R r = model.newEvaluator().evaluate(gp.params(), id);
        double secs = (System.nanoTime() - t0) / 1e9;
        Provenance prov = new Provenance((String) LedgerTable.SPEC_HASH.decode(first), (String) LedgerTable.CODE_VERSION.decode(first),
                evName, evVersion);
        List<Row> fresh = table.rows(gp, id, axes, r, 0.0, prov);
        List<String> names = table.names(axes), compared = table.replayedNames(axes);
        List<FieldDiff> diffs = new ArrayList<>();
        Map<Integer, Integer> seen = new LinkedHashMap<>();
        for (Row old : rows) {
            int c = ((Number) LedgerTable.CLASS_INDEX.decode(old)).intValue();
            seen.merge(c, 1, Integer::sum);
            if (c < 0 || c >= fresh.size()) {
                diffs.add(new FieldDiff(c, LedgerTable.CLASS_INDEX.name(), c, "replay has " + fresh.size() + " rows"));
                continue;
            }
            Row now = fresh.get(c);
            for (String f : compared) {
                Object a = old.get(old.fieldIndex(f)), b = now.get(names.indexOf(f));
                if (!same(a, b)) diffs.add(new FieldDiff(c, f, a, b));
            }
        }
        for (int c = 0; c < fresh.size(); c++) {
            if (!seen.containsKey(c)) diffs.add(new FieldDiff(c, "(row)", "missing", "present"));
        }
        String where = "point " + gp.index() + ", evaluator " + evName + " " + evVersion;
        if (diffs.isEmpty()) {
            return new Result(Status.IDENTICAL, id, gp.index(), "identical: " + rows.size() + " ledger row(s) x " + compared.size()
                    + " fields bit-identical (" + where + ")", rows.size(), compared.size(), List.of(), secs);
        }
        return new Result(Status.DIFFERENT, id, gp.index(), "DIFFERENT: " + diffs.size() + " field(s) differ (" + where + ")",
                rows.size(), compared.size(), List.copyOf(diffs), secs);
    }

    /** A float-array value as written ({@code float[]}) or as read back (a Scala sequence), else null. */
    private static float[] floats(Object o) {
        if (o instanceof float[] f) return f;
        if (!(o instanceof scala.collection.Seq<?> s)) return null;
        List<?> l = scala.jdk.javaapi.CollectionConverters.asJava(s);
        float[] out = new float[l.size()];
        for (int k = 0; k < out.length; k++) out[k] = ((Number) l.get(k)).floatValue();
        return out;
    }

    private static Result unknown(String id, String msg) { return new Result(Status.UNKNOWN, id, -1, msg, 0, 0, List.of(), 0); }

    /** The grid point with this id: at the stored index, else by scan. */
    private static <P> GridPoint<P> locate(Grid<P> grid, SweepModel<P, ?> model, long stored, String id) {
        GridPoint<P> gp = matching(grid, model, stored, id);
        if (gp != null || grid.size() > MAX_SCAN) return gp;
        for (long i = 0; i < grid.size(); i++) {
            gp = matching(grid, model, i, id);
            if (gp != null) return gp;
        }
        return null;
    }

    private static <P> GridPoint<P> matching(Grid<P> grid, SweepModel<P, ?> model, long index, String id) {
        if (index < 0 || index >= grid.size()) return null;
        GridPoint<P> gp = grid.point(index);
        return id.equals(model.pointId(gp.params())) ? gp : null;
    }

    static boolean same(Object a, Object b) {
        float[] fa = floats(a), fb = floats(b);
        if (fa != null || fb != null) return java.util.Arrays.equals(fa, fb); // stored curves, bit for bit (NaN = NaN)
        if (a instanceof Double x && b instanceof Double y) return Double.doubleToLongBits(x) == Double.doubleToLongBits(y);
        if (a instanceof Number x && b instanceof Number y && !(a instanceof Double) && !(b instanceof Double)) {
            return x.longValue() == y.longValue();
        }
        return Objects.equals(a, b);
    }
}
