package org.diffsweep.jobs.ledger;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.diffsweep.core.evaluator.Evaluator;
import org.diffsweep.core.evaluator.PointResult;
import org.diffsweep.core.evaluator.StandardEvaluator;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.point.PointField;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.jobs.json.Json;
import org.diffsweep.jobs.plan.CostModel;

/**
 * The Gaussian-mixture random-features model on the sweep engine: {@link StandardEvaluator}, the point's canonical
 * tree (every {@link PointParams} component in the single-point YAML's keys), the {@link MixtureTable} columns and
 * the p/n cost model.
 */
public final class MixtureModel implements SweepModel<PointParams, PointResult> {
    private static final long serialVersionUID = 1L;

    /** Creates the evaluator on an executor (tests pass another one). */
    @FunctionalInterface
    public interface Factory extends java.io.Serializable {
        Evaluator<PointParams, PointResult> create();
    }

    private final Factory factory;
    private final String name;
    private final String version;

    /** The production model: {@link StandardEvaluator} in full mode. */
    public MixtureModel() { this(StandardEvaluator.Mode.FULL); }

    /** {@link StandardEvaluator} in the given mode (each mode has its own evaluator name, hence its own pointIds). */
    public MixtureModel(StandardEvaluator.Mode mode) {
        this(() -> new StandardEvaluator(mode), mode.evaluatorName(), StandardEvaluator.VERSION);
    }

    /** Another evaluator of the same points (tests); {@code name}/{@code version} must be the evaluator's own. */
    public MixtureModel(Factory factory, String name, String version) {
        this.factory = factory;
        this.name = name;
        this.version = version;
    }

    @Override public Evaluator<PointParams, PointResult> newEvaluator() { return factory.create(); }

    @Override public String evaluatorName() { return name; }

    @Override public String evaluatorVersion() { return version; }

    @Override public Object canonicalTree(PointParams p) { return tree(p); }

    @Override public LedgerTable<PointParams, PointResult> table() { return MixtureTable.TABLE; }

    @Override public CostModel.Size size(PointParams p) { return new CostModel.Size(p.p(), p.n()); }

    @Override public CostModel defaultCost() { return CostModel.DEFAULT; }

    @Override
    public CostModel.Sums costSums(Dataset<Row> rows) {
        org.apache.spark.sql.Column p = col(MixtureTable.P.name()).cast("double"), n = col(MixtureTable.N.name()).cast("double");
        org.apache.spark.sql.Column y = col(LedgerTable.WALL_SECONDS.name());
        org.apache.spark.sql.Column[] x = {p.multiply(p).multiply(n), p.multiply(p).multiply(p), lit(1.0)};
        List<org.apache.spark.sql.Column> aggs = new ArrayList<>();
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) aggs.add(sum(x[i].multiply(x[j])));
        for (int i = 0; i < 3; i++) aggs.add(sum(x[i].multiply(y)));
        aggs.add(countDistinct(col(MixtureTable.P.name()), col(MixtureTable.N.name())));
        Row r = rows.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new org.apache.spark.sql.Column[0])).first();
        double[] xx = new double[9], xy = new double[3];
        if (r.isNullAt(0)) return new CostModel.Sums(xx, xy, 0, 0);
        for (int k = 0; k < 9; k++) xx[k] = r.getDouble(k);
        for (int k = 0; k < 3; k++) xy[k] = r.getDouble(9 + k);
        return new CostModel.Sums(xx, xy, (long) xx[8], r.getLong(12));
    }

    /**
     * The canonical tree of a point: every {@link PointParams} component, in the single-point YAML's keys (so a point
     * file can be rebuilt from it), with the tau grid as {@code {min, max, points}} and the noise mode in its spec
     * spelling ({@code exact} / {@code monteCarlo:m}). The encoding sorts map keys and treats every integer as int64,
     * so insertion order and Integer vs Long do not reach the bytes.
     */
    public static Map<String, Object> tree(PointParams p) {
        List<Object> classes = new ArrayList<>();
        for (ClassSpec c : p.classes()) {
            classes.add(Json.object("name", c.name(), PointField.WEIGHT.key(), c.weight(), PointField.RADIUS.key(), c.radius(),
                    PointField.ANGLE_DEG.key(), c.angleDeg(), PointField.VARIANCE.key(), c.variance()));
        }
        return Json.object(PointField.D.key(), p.d(), PointField.PSI_P.key(), p.psiP(), PointField.PSI_N.key(), p.psiN(), PointField.T.key(),
                p.t(), PointField.SEED.key(), p.seed(), "classes", classes, PointField.DELTA_GEN.key(), p.deltaGen(), PointField.KAPPA.key(),
                p.kappa(), "tauGrid", Json.object("min", p.tauGrid().min(), "max", p.tauGrid().max(), "points", p.tauGrid().points()),
                "noise", p.noise().toString());
    }
}
