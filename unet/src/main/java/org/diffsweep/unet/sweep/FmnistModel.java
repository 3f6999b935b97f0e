package org.diffsweep.unet.sweep;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.diffsweep.core.evaluator.Evaluator;
import org.diffsweep.jobs.ledger.Column;
import org.diffsweep.jobs.ledger.ColumnType;
import org.diffsweep.jobs.ledger.LedgerRow;
import org.diffsweep.jobs.ledger.LedgerTable;
import org.diffsweep.jobs.ledger.SweepModel;
import org.diffsweep.jobs.plan.CostModel;
import org.diffsweep.unet.data.FmnistDataset;
import org.diffsweep.unet.experiment.ClassTimes;
import org.diffsweep.unet.experiment.FmnistExperiment;
import org.diffsweep.unet.experiment.FmnistPoint;
import org.diffsweep.unet.experiment.FmnistSettings;

/**
 * The Fashion-MNIST U-Net on the sweep engine: its own point ({@link FmnistPoint}), result ({@link FmnistOutcome}),
 * identity and ledger columns. The pointId hashes every coordinate (class pair, pi_A, n, seed) and every
 * {@link FmnistSettings} component, so two points that would train or measure differently never share an id. The
 * ledger has one row per (point, class), class A then B, with the measured per-class times in optimiser steps (null
 * when not reached inside the run).
 */
public final class FmnistModel implements SweepModel<FmnistPoint, FmnistOutcome> {
    private static final long serialVersionUID = 1L;
    /** Cost of one run before any was timed: ten minutes on one core. */
    static final CostModel DEFAULT_COST = new CostModel(0, 0, 600);

    private final String dataDir;
    private final String curvesDir;

    /**
     * @param dataDir   Fashion-MNIST directory on the executors
     * @param curvesDir where each point writes its per-checkpoint curves, or null for none
     */
    public FmnistModel(String dataDir, String curvesDir) {
        this.dataDir = dataDir;
        this.curvesDir = curvesDir;
    }

    @Override public Evaluator<FmnistPoint, FmnistOutcome> newEvaluator() {
        return new FmnistEvaluator(Path.of(dataDir), curvesDir == null ? null : Path.of(curvesDir));
    }

    @Override public String evaluatorName() { return FmnistExperiment.NAME; }

    @Override public String evaluatorVersion() { return FmnistExperiment.VERSION; }

    @Override public Object canonicalTree(FmnistPoint p) {
        Map<String, Object> m = new TreeMap<>();
        m.put("classA", (long) p.classA());
        m.put("classB", (long) p.classB());
        m.put("piA", p.piA());
        m.put("n", (long) p.n());
        m.put("seed", (long) p.seed());
        m.put("settings", tree(p.settings()));
        return m;
    }

    @Override public LedgerTable<FmnistPoint, FmnistOutcome> table() { return TABLE; }

    @Override public CostModel.Size size(FmnistPoint p) { return new CostModel.Size(0, 0); }

    @Override public CostModel defaultCost() { return DEFAULT_COST; }

    /** Only the per-run constant is fitted (every run has the same size terms, zero). */
    @Override public CostModel.Sums costSums(Dataset<Row> rows) {
        Row r = rows.agg(count(lit(1)), sum(LedgerTable.WALL_SECONDS.name())).first();
        long n = r.getLong(0);
        double y = r.isNullAt(1) ? 0 : r.getDouble(1);
        double[] xx = new double[9], xy = new double[3];
        xx[8] = n;
        xy[2] = y;
        return new CostModel.Sums(xx, xy, n, 1);
    }

    /** Canonical tree of every {@link FmnistSettings} component (keys = component names). */
    public static Map<String, Object> tree(FmnistSettings s) {
        Map<String, Object> m = new TreeMap<>();
        m.put("width", (long) s.width());
        m.put("mults", new ArrayList<Object>(s.mults().stream().map(Integer::longValue).toList()));
        m.put("optimizer", s.optimizer());
        m.put("lr", s.lr());
        m.put("momentum", s.momentum());
        m.put("batch", (long) s.batch());
        m.put("steps", (long) s.steps());
        m.put("checkpoints", (long) s.checkpoints());
        m.put("firstCheckpoint", (long) s.firstCheckpoint());
        m.put("samples", (long) s.samples());
        m.put("ddimSteps", (long) s.ddimSteps());
        m.put("sampleBatch", (long) s.sampleBatch());
        m.put("lossTime", s.lossTime());
        m.put("testPerClass", (long) s.testPerClass());
        m.put("memRatio", s.memRatio());
        m.put("bootstrap", (long) s.bootstrap());
        m.put("fmemThreshold", s.fmemThreshold());
        m.put("gapThreshold", s.gapThreshold());
        m.put("stopFmem", s.stopFmem());
        return m;
    }

    private static ClassTimes times(LedgerRow<FmnistPoint, FmnistOutcome> r) {
        List<ClassTimes> t = r.result().result().times();
        return r.row() < t.size() ? t.get(r.row()) : null;
    }

    /** A per-class value read off the run's {@link ClassTimes} (serializable: rows are built on the executors). */
    @FunctionalInterface
    private interface Of extends java.io.Serializable {
        Double of(ClassTimes t);
    }

    private static Column<LedgerRow<FmnistPoint, FmnistOutcome>> time(String name, Of f) {
        return Column.of(name, ColumnType.DOUBLE, true, r -> {
            ClassTimes t = times(r);
            return t == null ? null : f.of(t);
        });
    }

    static final Column<LedgerRow<FmnistPoint, FmnistOutcome>> CLASS_NAME = Column.of("className", ColumnType.STRING, false,
            r -> FmnistDataset.NAMES[r.row() == 0 ? r.params().classA() : r.params().classB()]);
    static final Column<LedgerRow<FmnistPoint, FmnistOutcome>> TAU_GEN = time("tauGen", ClassTimes::tauGen);
    static final Column<LedgerRow<FmnistPoint, FmnistOutcome>> TAU_MEM = time("tauMem", ClassTimes::tauMem);

    /** The ledger columns. */
    static final LedgerTable<FmnistPoint, FmnistOutcome> TABLE = new LedgerTable<>(List.of(
            LedgerTable.SEED_INDEX,
            Column.of("seed", ColumnType.INT, false, r -> r.params().seed()),
            LedgerTable.CLASS_INDEX,
            CLASS_NAME,
            Column.of("label", ColumnType.INT, false, r -> r.row() == 0 ? r.params().classA() : r.params().classB()),
            Column.of("weight", ColumnType.DOUBLE, false, r -> r.row() == 0 ? r.params().piA() : 1 - r.params().piA()),
            Column.of("nTrain", ColumnType.INT, false, r -> r.row() == 0 ? r.params().nA() : r.params().n() - r.params().nA()),
            LedgerTable.STATUS,
            time("variance", ClassTimes::variance),
            time("centroidNorm", ClassTimes::centroidNorm),
            TAU_GEN,
            TAU_MEM,
            time("tauGap", ClassTimes::tauGap),
            time("window", t -> t.tauGen() != null && t.tauMem() != null ? t.tauMem() - t.tauGen() : null),
            Column.of("parameterCount", ColumnType.LONG, false, r -> r.result().result().parameterCount()),
            Column.of("gradientRetries", ColumnType.INT, false, r -> r.result().result().gradientRetries()),
            Column.of("trainSeconds", ColumnType.DOUBLE, false, r -> r.result().result().trainSeconds()),
            Column.of("evalSeconds", ColumnType.DOUBLE, false, r -> r.result().result().evalSeconds()),
            Column.of("trainCpuSeconds", ColumnType.DOUBLE, false, r -> r.result().result().trainCpuSeconds()),
            Column.of("evalCpuSeconds", ColumnType.DOUBLE, false, r -> r.result().result().evalCpuSeconds()),
            Column.of("steps", ColumnType.INT, false, r -> r.result().result().steps()),
            Column.of("stoppedEarly", ColumnType.BOOLEAN, false, r -> r.result().result().stoppedEarly()),
            LedgerTable.DIAGNOSTIC, LedgerTable.WALL_SECONDS, LedgerTable.SPEC_HASH, LedgerTable.CODE_VERSION,
            LedgerTable.EVALUATOR, LedgerTable.EVALUATOR_VERSION), (p, r) -> 2);
}
