package org.diffsweep.jobs.ledger;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.diffsweep.core.evaluator.ClassField;
import org.diffsweep.core.evaluator.ClassResult;
import org.diffsweep.core.evaluator.CurveKind;
import org.diffsweep.core.evaluator.PointCurves;
import org.diffsweep.core.evaluator.PointResult;
import org.diffsweep.core.point.PointField;
import org.diffsweep.core.point.PointParams;

/**
 * The ledger columns of the Gaussian-mixture model: one row per (point, class), in this order: identity and
 * coordinates, class, outcome, the order parameters of the first two classes, every {@link ClassField}, the global
 * speciation time, the point's sizes, and the engine's timing and provenance columns. Nullable values stay null (a
 * quantity not computed, or a threshold never reached). Class name, weight and n_c come from the point when the
 * evaluator returned no entry for that class (e.g. status FAILED), so a failed point is still recorded.
 */
public final class MixtureTable {
    private MixtureTable() {}

    public static final Column<LedgerRow<PointParams, PointResult>> SEED =
            Column.of(PointField.SEED.key(), ColumnType.LONG, false, r -> r.params().seed());
    public static final Column<LedgerRow<PointParams, PointResult>> CLASS_NAME = Column.of("className", ColumnType.STRING, false,
            r -> r.params().classes().get(r.row()).name());
    public static final Column<LedgerRow<PointParams, PointResult>> WEIGHT = Column.of(PointField.WEIGHT.key(), ColumnType.DOUBLE, false,
            r -> r.params().classes().get(r.row()).weight());
    public static final Column<LedgerRow<PointParams, PointResult>> N_TRAIN = Column.of("nTrain", ColumnType.INT, false,
            r -> r.params().classSize(r.row()));
    /** D_gen = log(tau_gen,A / tau_gen,B) of the point's first two classes (null otherwise), theory §12.8. */
    public static final Column<LedgerRow<PointParams, PointResult>> D_GEN = Column.of("dGen", ColumnType.DOUBLE, true,
            r -> logRatio(r.result(), ClassField.TAU_GEN));
    /** D_mem = log(tau_mem,A / tau_mem,B). */
    public static final Column<LedgerRow<PointParams, PointResult>> D_MEM = Column.of("dMem", ColumnType.DOUBLE, true,
            r -> logRatio(r.result(), ClassField.TAU_MEM));
    /** Global t_S = 1/2 log Lambda (§6.2). */
    public static final Column<LedgerRow<PointParams, PointResult>> GLOBAL_TS =
            Column.of("globalTS", ColumnType.DOUBLE, true, r -> r.result().globalTS());
    public static final Column<LedgerRow<PointParams, PointResult>> D = Column.of(PointField.D.key(), ColumnType.INT, false, r -> r.params().d());
    public static final Column<LedgerRow<PointParams, PointResult>> P = Column.of("p", ColumnType.INT, false, r -> r.params().p());
    public static final Column<LedgerRow<PointParams, PointResult>> N = Column.of("n", ColumnType.INT, false, r -> r.params().n());
    public static final Column<LedgerRow<PointParams, PointResult>> PSI_P =
            Column.of(PointField.PSI_P.key(), ColumnType.DOUBLE, false, r -> r.params().psiP());
    public static final Column<LedgerRow<PointParams, PointResult>> PSI_N =
            Column.of(PointField.PSI_N.key(), ColumnType.DOUBLE, false, r -> r.params().psiN());
    public static final Column<LedgerRow<PointParams, PointResult>> T = Column.of(PointField.T.key(), ColumnType.DOUBLE, false, r -> r.params().t());

    /**
     * The stored training times of the point's curves (float32, at most {@link PointCurves#MAX_TAU}; the same on
     * every row of a point), or null when the point stored no curves.
     */
    public static final Column<LedgerRow<PointParams, PointResult>> CURVE_TAU = Column.of("curveTau", ColumnType.FLOAT_ARRAY, true,
            r -> r.result().curves() == null ? null : r.result().curves().tau());

    /** The column of one stored curve of the row's class (float32 on {@link #CURVE_TAU}), null when not computed. */
    public static Column<LedgerRow<PointParams, PointResult>> column(CurveKind k) {
        return Column.of(k.column(), ColumnType.FLOAT_ARRAY, true,
                r -> r.result().curves() == null ? null : r.result().curves().curve(k, r.row()));
    }

    /** The column of one per-class field. */
    public static Column<LedgerRow<PointParams, PointResult>> column(ClassField f) {
        ColumnType type = switch (f.type()) {
            case DOUBLE -> ColumnType.DOUBLE;
            case BOOLEAN -> ColumnType.BOOLEAN;
            case INT -> ColumnType.INT;
            case STRING -> ColumnType.STRING;
        };
        return Column.of(f.column(), type, true, r -> {
            List<ClassResult> c = r.result().classes();
            return r.row() < c.size() ? c.get(r.row()).get(f) : null;
        });
    }

    /** The table. */
    public static final LedgerTable<PointParams, PointResult> TABLE = table();

    private static LedgerTable<PointParams, PointResult> table() {
        List<Column<? super LedgerRow<PointParams, PointResult>>> c = new ArrayList<>();
        c.add(LedgerTable.SEED_INDEX);
        c.add(SEED);
        c.add(LedgerTable.CLASS_INDEX);
        c.add(CLASS_NAME);
        c.add(WEIGHT);
        c.add(N_TRAIN);
        c.add(LedgerTable.STATUS);
        c.add(D_GEN);
        c.add(D_MEM);
        for (ClassField f : ClassField.values()) c.add(column(f));
        c.add(GLOBAL_TS);
        c.addAll(List.of(D, P, N, PSI_P, PSI_N, T));
        c.add(CURVE_TAU);
        for (CurveKind k : CurveKind.values()) c.add(column(k));
        c.addAll(List.of(LedgerTable.DIAGNOSTIC, LedgerTable.WALL_SECONDS, LedgerTable.SPEC_HASH, LedgerTable.CODE_VERSION,
                LedgerTable.EVALUATOR, LedgerTable.EVALUATOR_VERSION));
        return new LedgerTable<>(c, (p, r) -> p.numClasses());
    }

    /** A ledger class row decoded into the evaluator's {@link ClassResult} (the inverse of the row's class columns). */
    public static ClassResult classResult(Row r) {
        Object[] v = new Object[ClassField.values().length];
        for (ClassField f : ClassField.values()) v[f.ordinal()] = column(f).decode(r);
        Double w = WEIGHT.number(r), n = N_TRAIN.number(r);
        return new ClassResult((String) CLASS_NAME.decode(r), w == null ? Double.NaN : w, n == null ? 0 : n.intValue(), v);
    }

    /** A float-array column of a ledger row as {@code float[]} (null when SQL null). */
    public static float[] floats(Row r, Column<?> c) {
        int i = r.fieldIndex(c.name());
        if (r.isNullAt(i)) return null;
        List<Object> l = r.getList(i);
        float[] out = new float[l.size()];
        for (int k = 0; k < out.length; k++) out[k] = ((Number) l.get(k)).floatValue();
        return out;
    }

    /** {@code log(a/b)} of a field of the first two classes when both are finite and positive, otherwise null. */
    static Double logRatio(PointResult r, ClassField f) {
        List<ClassResult> c = r.classes();
        if (c.size() != 2) return null;
        Double a = c.get(0).number(f), b = c.get(1).number(f);
        if (a == null || b == null || !(a > 0) || !(b > 0) || Double.isInfinite(a) || Double.isInfinite(b)) return null;
        return Math.log(a / b);
    }

}
