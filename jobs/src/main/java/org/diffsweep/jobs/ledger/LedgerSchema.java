package org.diffsweep.jobs.ledger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.diffsweep.core.mixture.ClassSpec;
import org.diffsweep.core.point.ClassResult;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.point.PointResult;
import org.diffsweep.jobs.grid.GridPoint;

/**
 * Column layout of the ledger: one row per (grid point, class). The order below is also the column order of
 * {@code results.csv} (identity, coordinates, class, outcome, per-class times, point sizes, provenance); the
 * {@code wave} column comes from the {@code wave=N} directory the row was written in. Nullable doubles stay null
 * (a quantity not computed, or a threshold never reached).
 */
public final class LedgerSchema {
    public static final String POINT_ID = "pointId";
    public static final String POINT_INDEX = "pointIndex";
    public static final String CLASS_INDEX = "classIndex";
    public static final String STATUS = "status";
    public static final String D_GEN = "dGen";
    public static final String WAVE = "wave";
    /** Prefix of the axis coordinate columns ({@code axis_varianceRatio}, ...). */
    public static final String AXIS_PREFIX = "axis_";

    private LedgerSchema() {}

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

    /** Schema of the rows written by {@link #rows}, for the given axis names (without the {@code wave} column). */
    public static StructType schema(List<String> axisNames) {
        List<StructField> f = new ArrayList<>();
        f.add(field(POINT_INDEX, DataTypes.LongType, false));
        f.add(field(POINT_ID, DataTypes.StringType, false));
        for (String a : axisNames) f.add(field(axisColumn(a), DataTypes.DoubleType, true));
        f.add(field("seedIndex", DataTypes.IntegerType, false));
        f.add(field("seed", DataTypes.LongType, false));
        f.add(field(CLASS_INDEX, DataTypes.IntegerType, false));
        f.add(field("className", DataTypes.StringType, false));
        f.add(field("weight", DataTypes.DoubleType, false));
        f.add(field("nTrain", DataTypes.IntegerType, false));
        f.add(field(STATUS, DataTypes.StringType, false));
        f.add(field(D_GEN, DataTypes.DoubleType, true));
        f.add(field("dMem", DataTypes.DoubleType, true));
        for (String c : List.of("tauGen", "tauMem", "window")) f.add(field(c, DataTypes.DoubleType, true));
        f.add(field("ambiguous", DataTypes.BooleanType, true));
        for (String c : List.of("tauGenPred", "tauMemPred", "tauGenPredCw", "tauMemPredCw", "memEdgeLo", "memEdgeHi",
                "tauGenTheory", "tauMemTheory", "tS", "tSMeasured")) f.add(field(c, DataTypes.DoubleType, true));
        f.add(field("preCommitted", DataTypes.BooleanType, true));
        f.add(field("tC", DataTypes.DoubleType, true));
        f.add(field("globalTS", DataTypes.DoubleType, true));
        f.add(field("d", DataTypes.IntegerType, false));
        f.add(field("p", DataTypes.IntegerType, false));
        f.add(field("n", DataTypes.IntegerType, false));
        f.add(field("psiP", DataTypes.DoubleType, false));
        f.add(field("psiN", DataTypes.DoubleType, false));
        f.add(field("t", DataTypes.DoubleType, false));
        f.add(field("diagnostic", DataTypes.StringType, false));
        f.add(field("wallSeconds", DataTypes.DoubleType, false));
        f.add(field("specHash", DataTypes.StringType, false));
        f.add(field("codeVersion", DataTypes.StringType, false));
        f.add(field("evaluator", DataTypes.StringType, false));
        f.add(field("evaluatorVersion", DataTypes.StringType, false));
        return new StructType(f.toArray(new StructField[0]));
    }

    private static StructField field(String name, DataType t, boolean nullable) {
        return DataTypes.createStructField(name, t, nullable);
    }

    /** Provenance written into every row. */
    public record Provenance(String specHash, String codeVersion, String evaluator, String evaluatorVersion)
            implements java.io.Serializable {}

    /**
     * The rows of one evaluated point, one per class in spec order. Class name, weight and n_c come from the point
     * when the evaluator returned no entry for that class (e.g. status FAILED), so a failed point is still recorded.
     *
     * @param wallSeconds evaluation wall time of the point, seconds
     */
    public static List<Row> rows(GridPoint gp, String pointId, List<String> axisNames, PointResult r,
                                 double wallSeconds, Provenance prov) {
        PointParams p = gp.params();
        int nc = p.numClasses();
        List<ClassResult> res = r.classes();
        Double dGen = null, dMem = null;
        if (nc == 2 && res.size() == 2) {
            dGen = logRatio(res.get(0).tauGen(), res.get(1).tauGen());
            dMem = logRatio(res.get(0).tauMem(), res.get(1).tauMem());
        }
        List<Row> out = new ArrayList<>(nc);
        for (int c = 0; c < nc; c++) {
            ClassSpec spec = p.classes().get(c);
            ClassResult cr = c < res.size() ? res.get(c) : null;
            List<Object> v = new ArrayList<>(48);
            v.add(gp.index());
            v.add(pointId);
            for (String a : axisNames) v.add(gp.coordinates().get(a));
            v.add(gp.seedIndex());
            v.add(p.seed());
            v.add(c);
            v.add(cr != null ? cr.name() : spec.name());
            v.add(cr != null ? cr.weight() : spec.weight());
            v.add(cr != null ? cr.nTrain() : p.classSize(c));
            v.add(r.status().name());
            v.add(dGen);
            v.add(dMem);
            if (cr != null) {
                Collections.addAll(v, cr.tauGen(), cr.tauMem(), cr.window(), cr.ambiguous(), cr.tauGenPred(),
                        cr.tauMemPred(), cr.tauGenPredCw(), cr.tauMemPredCw(), cr.memEdgeLo(), cr.memEdgeHi(),
                        cr.tauGenTheory(), cr.tauMemTheory(), cr.tS(), cr.tSMeasured(), cr.preCommitted(), cr.tC());
            } else {
                for (int k = 0; k < 16; k++) v.add(null);
            }
            v.add(r.globalTS());
            v.add(p.d());
            v.add(p.p());
            v.add(p.n());
            v.add(p.psiP());
            v.add(p.psiN());
            v.add(p.t());
            v.add(r.diagnostic());
            v.add(wallSeconds);
            v.add(prov.specHash());
            v.add(prov.codeVersion());
            v.add(prov.evaluator());
            v.add(prov.evaluatorVersion());
            out.add(RowFactory.create(v.toArray()));
        }
        return out;
    }

    /** {@code log(a/b)} when both are finite and positive, otherwise null (theory §12.8). */
    static Double logRatio(Double a, Double b) {
        if (a == null || b == null || !(a > 0) || !(b > 0) || Double.isInfinite(a) || Double.isInfinite(b)) return null;
        return Math.log(a / b);
    }
}
