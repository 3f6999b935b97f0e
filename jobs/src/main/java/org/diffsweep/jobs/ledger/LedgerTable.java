package org.diffsweep.jobs.ledger;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.diffsweep.core.evaluator.Evaluated;
import org.diffsweep.jobs.grid.GridPoint;

/**
 * The typed column table of a ledger: the engine's own columns (identity, coordinates, status, timing, provenance;
 * defined here, once) around the columns a model contributes for its results. A ledger has one row per point and
 * row index (class): {@link #rows} builds them on the executors, {@link #schema} is their Spark schema, and
 * everything that reads the ledger (aggregation, CSV, replay, report) looks columns up through this table, so a
 * column name is written once. Axis coordinates get one column each, {@code axis_<name>}, after {@code pointId}.
 *
 * @param <P> point type
 * @param <R> result type
 */
public final class LedgerTable<P, R extends Evaluated> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Position in the grid's canonical order (not a result: differs when a spec grows). */
    public static final Column<LedgerRow<?, ?>> POINT_INDEX =
            new Column<>("pointIndex", ColumnType.LONG, false, r -> r.point().index(), false);
    /** The point's identity (hex SHA-256). */
    public static final Column<LedgerRow<?, ?>> POINT_ID = Column.of("pointId", ColumnType.STRING, false, LedgerRow::pointId);
    /** Which seed replica, 0..K-1. */
    public static final Column<LedgerRow<?, ?>> SEED_INDEX =
            Column.of("seedIndex", ColumnType.INT, false, r -> r.point().seedIndex());
    /** Which row of the point (the class index). */
    public static final Column<LedgerRow<?, ?>> CLASS_INDEX = Column.of("classIndex", ColumnType.INT, false, LedgerRow::row);
    /** OK, PARTIAL or FAILED. */
    public static final Column<LedgerRow<?, ?>> STATUS =
            Column.of("status", ColumnType.STRING, false, r -> ((Evaluated) r.result()).status().name());
    /** Why the status is not OK (empty when OK). */
    public static final Column<LedgerRow<?, ?>> DIAGNOSTIC =
            Column.of("diagnostic", ColumnType.STRING, false, r -> ((Evaluated) r.result()).diagnostic());
    /** Evaluation wall time of the point, seconds. */
    public static final Column<LedgerRow<?, ?>> WALL_SECONDS =
            new Column<>("wallSeconds", ColumnType.DOUBLE, false, LedgerRow::wallSeconds, false);
    public static final Column<LedgerRow<?, ?>> SPEC_HASH =
            new Column<>("specHash", ColumnType.STRING, false, r -> r.provenance().specHash(), false);
    public static final Column<LedgerRow<?, ?>> CODE_VERSION =
            new Column<>("codeVersion", ColumnType.STRING, false, r -> r.provenance().codeVersion(), false);
    public static final Column<LedgerRow<?, ?>> EVALUATOR =
            Column.of("evaluator", ColumnType.STRING, false, r -> r.provenance().evaluator());
    public static final Column<LedgerRow<?, ?>> EVALUATOR_VERSION =
            Column.of("evaluatorVersion", ColumnType.STRING, false, r -> r.provenance().evaluatorVersion());
    /** The wave a row was written in: the {@code wave=N} partition directory, not a stored column. */
    public static final String WAVE = "wave";
    /** Prefix of the axis coordinate columns. */
    public static final String AXIS_PREFIX = "axis_";

    /** Number of rows a point's result takes (one per class). */
    @FunctionalInterface
    public interface RowCount<P, R> extends Serializable {
        int rows(P point, R result);
    }

    private final List<Column<LedgerRow<P, R>>> head;
    private final List<Column<LedgerRow<P, R>>> tail;
    private final RowCount<P, R> rowCount;

    /**
     * @param afterAxes the columns after the engine's identity columns (pointIndex, pointId, the axis columns),
     *                  in order; must include every other engine column of this class
     * @param rowCount  rows per point
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public LedgerTable(List<Column<? super LedgerRow<P, R>>> afterAxes, RowCount<P, R> rowCount) {
        this.head = List.of((Column) POINT_INDEX, (Column) POINT_ID);
        List<Column<LedgerRow<P, R>>> t = new ArrayList<>();
        for (Column<? super LedgerRow<P, R>> c : afterAxes) t.add((Column) c);
        this.tail = List.copyOf(t);
        this.rowCount = rowCount;
        for (Column<?> c : List.of(SEED_INDEX, CLASS_INDEX, STATUS, DIAGNOSTIC, WALL_SECONDS, SPEC_HASH, CODE_VERSION,
                EVALUATOR, EVALUATOR_VERSION)) {
            if (!tail.contains(c)) throw new IllegalArgumentException("ledger table lacks engine column " + c.name());
        }
    }

    /**
     * The column for an axis name: {@code axis_} plus the name with {@code [}/{@code ]} removed and every other
     * character outside {@code [A-Za-z0-9_]} replaced by {@code _} ({@code classes[0].variance} ->
     * {@code axis_classes0_variance}).
     */
    public static String axisColumn(String axisName) {
        String s = axisName.replace("[", "").replace("]", "");
        StringBuilder b = new StringBuilder(AXIS_PREFIX);
        for (char c : s.toCharArray()) b.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' ? c : '_');
        return b.toString();
    }

    /** Column names in ledger order for the given axes (without {@link #WAVE}). */
    public List<String> names(List<String> axes) {
        List<String> n = new ArrayList<>();
        for (Column<?> c : head) n.add(c.name());
        for (String a : axes) n.add(axisColumn(a));
        for (Column<?> c : tail) n.add(c.name());
        return n;
    }

    /** The Spark schema of the rows for the given axes (without {@link #WAVE}). */
    public StructType schema(List<String> axes) {
        List<StructField> f = new ArrayList<>();
        for (Column<?> c : head) f.add(c.field());
        for (String a : axes) f.add(DataTypes.createStructField(axisColumn(a), DataTypes.DoubleType, true));
        for (Column<?> c : tail) f.add(c.field());
        return new StructType(f.toArray(new StructField[0]));
    }

    /** The schema with the {@link #WAVE} partition column, as a whole ledger reads. */
    public StructType schemaWithWave(List<String> axes) { return schema(axes).add(WAVE, DataTypes.IntegerType, false); }

    /** The ledger rows of one evaluated point, in row order. */
    public List<Row> rows(GridPoint<P> gp, String pointId, List<String> axes, R result, double wallSeconds, Provenance prov) {
        int n = rowCount.rows(gp.params(), result);
        List<Row> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            LedgerRow<P, R> ctx = new LedgerRow<>(gp, pointId, axes, result, k, wallSeconds, prov);
            Object[] v = new Object[head.size() + axes.size() + tail.size()];
            int i = 0;
            for (Column<LedgerRow<P, R>> c : head) v[i++] = c.getter().get(ctx);
            for (String a : axes) v[i++] = gp.coordinates().get(a);
            for (Column<LedgerRow<P, R>> c : tail) v[i++] = c.getter().get(ctx);
            out.add(RowFactory.create(v));
        }
        return out;
    }

    /** The columns {@code replay} compares, by name, for the given axes (the axis columns are compared). */
    public List<String> replayedNames(List<String> axes) {
        List<String> n = new ArrayList<>();
        for (Column<?> c : head) if (c.replayed()) n.add(c.name());
        for (String a : axes) n.add(axisColumn(a));
        for (Column<?> c : tail) if (c.replayed()) n.add(c.name());
        return n;
    }
}
