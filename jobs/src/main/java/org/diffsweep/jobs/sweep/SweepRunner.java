package org.diffsweep.jobs.sweep;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.diffsweep.core.point.PointEvaluator;
import org.diffsweep.jobs.grid.Grid;
import org.diffsweep.jobs.ledger.CodeVersion;
import org.diffsweep.jobs.ledger.Ledger;
import org.diffsweep.jobs.ledger.LedgerSchema;
import org.diffsweep.jobs.ledger.SpecCompatibility;
import org.diffsweep.jobs.ledger.SweepLock;

/**
 * Runs a sweep on Spark, resumably (design data-flow steps 3-6).
 *
 * <ol>
 *   <li>Lock the output folder ({@link SweepLock}); refuse if another live run holds it.</li>
 *   <li>Compare the stored canonical spec with this one ({@link SpecCompatibility}); refuse incompatible changes.</li>
 *   <li>Plan: grid pointIds are computed on the executors and left-anti-joined with the ledger's pointIds; the
 *       driver receives only the remaining indices.</li>
 *   <li>Estimate each remaining point's cost with {@link CostModel}, refitted on resume to the wall times recorded in
 *       the ledger.</li>
 *   <li>Evaluate the remaining points in waves of {@link SweepOptions#waveSize()}: each wave is LPT-packed into
 *       about {@code binsPerSlot} bins per task slot, evaluated by index on the executors, and appended to the ledger
 *       as its own {@code wave=N} Parquet directory.</li>
 *   <li>Write {@code results.csv}, the phase diagram and {@code summary.txt} from the deduplicated ledger view of
 *       the current grid ({@link SweepOutputs}), unless nothing was computed and they already exist.</li>
 * </ol>
 * The driver holds no per-point state of finished points: only the indices of this run's remaining points.
 */
public final class SweepRunner {
    private final SparkSession spark;
    private volatile CostModel lastCostModel = CostModel.DEFAULT;

    /** The cost model the last plan used: {@link CostModel#DEFAULT}, or its refit to the ledger's recorded times. */
    public CostModel lastCostModel() { return lastCostModel; }

    public SweepRunner(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * Runs (or resumes) the sweep.
     *
     * @throws SweepRefusedException when the folder is locked or the spec changed incompatibly
     * @throws IOException           on filesystem errors
     */
    public SweepOutcome run(SweepRequest req, SweepOptions opt) throws IOException {
        long t0 = System.nanoTime();
        Path out = new Path(req.output());
        FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
        out = fs.makeQualified(out);
        Ledger ledger = new Ledger(fs, out);
        PointEvaluator probe = req.evaluator().create();
        LedgerSchema.Provenance prov = new LedgerSchema.Provenance(req.specHash(), CodeVersion.get(), probe.name(), probe.version());
        Grid grid = req.grid();
        List<String> axes = grid.axisNames();

        SweepLock lock;
        try {
            lock = SweepLock.acquire(fs, out, req.runName(), opt.staleLockAfter(), opt.breakLock());
        } catch (SweepLock.LockedException e) {
            throw new SweepRefusedException(e.getMessage());
        }
        try (lock) {
            String stored = ledger.readSpec();
            if (stored != null) {
                Optional<String> why = SpecCompatibility.incompatibility(stored, req.canonicalSpec());
                if (why.isPresent()) {
                    throw new SweepRefusedException("cannot resume into " + out + ": " + why.get());
                }
            }
            ledger.writeSpec(req.canonicalSpec());

            long size = grid.size();
            Planned pl = planRemaining(ledger, req, prov);
            Dataset<Row> gridIds = pl.gridIds;
            long[] remaining = pl.remaining;
            double[] costs = pl.costs;
            double totalCost = pl.totalCost;
            long todo = costs.length;
            double planSeconds = (System.nanoTime() - t0) / 1e9;

            long t1 = System.nanoTime();
            SweepProgress progress = new SweepProgress(req.runName(), todo, totalCost, opt.progress(), opt.carriageReturn());
            int waves = 0;
            if (todo > 0) {
                spark.sparkContext().addSparkListener(progress);
                try {
                    int slots = taskSlots();
                    int wave = ledger.maxWave();
                    StructType schema = LedgerSchema.schema(axes);
                    WaveEvaluator fn = new WaveEvaluator(grid, req.evaluator(), req.pointIds(), axes, prov);
                    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
                    for (long from = 0; from < todo; from += opt.waveSize()) {
                        int n = (int) Math.min(opt.waveSize(), todo - from);
                        long[] idx = new long[n];
                        for (int i = 0; i < n; i++) idx[i] = remaining == null ? from + i : remaining[(int) from + i];
                        double[] c = Arrays.copyOfRange(costs, (int) from, (int) from + n);
                        List<Bin> bins = LptPlanner.pack(idx, c, LptPlanner.binCount(n, slots, opt.binsPerSlot()));
                        wave++;
                        writeWave(jsc, ledger, wave, bins, fn, schema, progress);
                        waves++;
                    }
                } finally {
                    progress.finish();
                    spark.sparkContext().removeSparkListener(progress);
                }
            }
            double evalSeconds = (System.nanoTime() - t1) / 1e9;

            long t2 = System.nanoTime();
            boolean write = todo > 0 || opt.forceOutputs() || !SweepOutputs.exist(fs, out);
            long failed = -1;
            if (write && ledger.hasData()) {
                if (gridIds == null) gridIds = gridIds(grid, req.pointIds(), prov);
                Dataset<Row> view = view(ledger.readAll(spark, LedgerSchema.schema(axes)), gridIds, axes);
                double runSeconds = (System.nanoTime() - t0) / 1e9;
                failed = new SweepOutputs(spark, fs, out).write(view, req, prov, axes, size, todo, runSeconds);
            }
            double outputSeconds = write ? (System.nanoTime() - t2) / 1e9 : 0;
            return new SweepOutcome(size, size - todo, todo, failed, waves, planSeconds, evalSeconds, outputSeconds,
                    (System.nanoTime() - t0) / 1e9, write);
        }
    }

    /** Remaining indices (null = the whole grid), their costs, and the grid-id frame if one was built. */
    private record Planned(Dataset<Row> gridIds, long[] remaining, double[] costs, double totalCost) {}

    private Planned planRemaining(Ledger ledger, SweepRequest req, LedgerSchema.Provenance prov) throws IOException {
        Grid grid = req.grid();
        long size = grid.size();
        Dataset<Row> gridIds = null;
        long[] remaining = null;
        if (ledger.hasData()) {
            gridIds = gridIds(grid, req.pointIds(), prov);
            Dataset<Row> existing = ledger.readAll(spark, LedgerSchema.schema(grid.axisNames()))
                    .select(LedgerSchema.POINT_ID).distinct();
            Dataset<Row> rem = gridIds.join(existing,
                    gridIds.col(LedgerSchema.POINT_ID).equalTo(existing.col(LedgerSchema.POINT_ID)), "left_anti")
                    .select(LedgerSchema.POINT_INDEX);
            remaining = collectIndices(rem.toLocalIterator());
        }
        long todo = remaining == null ? size : remaining.length;
        if (todo > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("more than 2^31 points to plan: " + todo);
        // Refit the cost model to the recorded point times (one aggregate job; only when something is left to do).
        CostModel model = CostModel.DEFAULT;
        if (remaining != null && todo > 0) {
            model = CostModel.fit(CostModel.Sums.of(ledger.readAll(spark, LedgerSchema.schema(grid.axisNames()))
                    .where(col(LedgerSchema.CLASS_INDEX).equalTo(0))), CostModel.DEFAULT);
        }
        lastCostModel = model;
        double[] costs = new double[(int) todo];
        double total = 0;
        for (int i = 0; i < todo; i++) {
            costs[i] = model.seconds(grid.point(remaining == null ? i : remaining[i]).params());
            total += costs[i];
        }
        return new Planned(gridIds, remaining, costs, total);
    }

    /**
     * Plans without evaluating or writing anything (no lock, no spec stored): what a run would compute now.
     * Driver memory: 8 bytes per remaining point for the costs, plus 8 for the indices when a ledger exists; the
     * grid's points are built one at a time.
     */
    public SweepPlan plan(SweepRequest req, SweepOptions opt) throws IOException {
        long t0 = System.nanoTime();
        Path out = new Path(req.output());
        FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
        Ledger ledger = new Ledger(fs, fs.makeQualified(out));
        PointEvaluator probe = req.evaluator().create();
        LedgerSchema.Provenance prov = new LedgerSchema.Provenance(req.specHash(), CodeVersion.get(), probe.name(), probe.version());
        Planned pl = planRemaining(ledger, req, prov);
        int todo = pl.costs.length;
        int waves = (int) ((todo + (long) opt.waveSize() - 1) / opt.waveSize());
        int bins = todo == 0 ? 0 : LptPlanner.binCount(Math.min(todo, opt.waveSize()), taskSlots(), opt.binsPerSlot());
        double maxBin = 0;
        if (todo > 0) {
            int n = Math.min(todo, opt.waveSize());
            long[] idx = new long[n];
            for (int i = 0; i < n; i++) idx[i] = pl.remaining == null ? i : pl.remaining[i];
            for (Bin b : LptPlanner.pack(idx, Arrays.copyOf(pl.costs, n), bins)) maxBin = Math.max(maxBin, b.cost());
        }
        return new SweepPlan(req.grid().size(), todo, pl.totalCost, waves, bins, maxBin, (System.nanoTime() - t0) / 1e9);
    }

    private void writeWave(JavaSparkContext jsc, Ledger ledger, int wave, List<Bin> bins, WaveEvaluator fn,
                           StructType schema, SweepProgress progress) {
        int[] sizes = new int[bins.size()];
        double[] cst = new double[bins.size()];
        for (Bin b : bins) {
            sizes[b.id()] = b.size();
            cst[b.id()] = b.cost();
        }
        String tag = ledger.root() + "#" + wave;
        progress.startWave(tag, sizes, cst);
        spark.sparkContext().setLocalProperty(SweepProgress.WAVE_PROPERTY, tag);
        spark.sparkContext().setJobDescription("diffsweep wave " + wave);
        try {
            // One slice per bin: slice i of parallelize(list, list.size()) is exactly bins.get(i).
            JavaRDD<Row> rows = jsc.parallelize(bins, bins.size()).mapPartitions(fn);
            spark.createDataFrame(rows, schema).write().mode(SaveMode.Append).parquet(ledger.waveDir(wave).toString());
        } finally {
            spark.sparkContext().setLocalProperty(SweepProgress.WAVE_PROPERTY, null);
            spark.sparkContext().setJobDescription(null);
        }
        // Failed points are rare: one single-stage job collecting their ids is cheaper than a count (two stages).
        long failed = ledger.readWave(spark, schema, wave)
                .where(col(LedgerSchema.STATUS).notEqual("OK").and(col(LedgerSchema.CLASS_INDEX).equalTo(0)))
                .select(LedgerSchema.POINT_ID).collectAsList().size();
        progress.endWave(failed);
    }

    /** Concurrent task slots: default parallelism divided by {@code spark.task.cpus}. */
    private int taskSlots() {
        int cpus = spark.sparkContext().conf().getInt("spark.task.cpus", 1);
        return Math.max(1, spark.sparkContext().defaultParallelism() / Math.max(1, cpus));
    }

    /** (pointIndex, pointId) of every grid point, computed on the executors. */
    Dataset<Row> gridIds(Grid grid, PointIdFunction ids, LedgerSchema.Provenance prov) {
        long size = grid.size();
        int parts = (int) Math.max(1, Math.min(Math.max(1, size / 2000), 4L * spark.sparkContext().defaultParallelism()));
        String en = prov.evaluator(), ev = prov.evaluatorVersion();
        JavaRDD<Row> rdd = spark.range(0, size, 1, parts).javaRDD()
                .map(i -> RowFactory.create(i, ids.pointId(grid.point(i).params(), en, ev)));
        StructType st = new StructType()
                .add(LedgerSchema.POINT_INDEX, DataTypes.LongType, false)
                .add(LedgerSchema.POINT_ID, DataTypes.StringType, false);
        return spark.createDataFrame(rdd, st);
    }

    /**
     * The ledger rows of the current grid, one per (point, class): rows of other grids (e.g. another evaluator
     * version) are dropped, the point index is the current grid's, duplicates (a retried or re-run wave) collapse.
     */
    static Dataset<Row> view(Dataset<Row> all, Dataset<Row> gridIds, List<String> axes) {
        Dataset<Row> ids = gridIds.select(LedgerSchema.POINT_ID, LedgerSchema.POINT_INDEX);
        Dataset<Row> joined = all.drop(LedgerSchema.POINT_INDEX).join(ids, LedgerSchema.POINT_ID)
                .dropDuplicates(LedgerSchema.POINT_ID, LedgerSchema.CLASS_INDEX);
        List<Column> cols = new ArrayList<>();
        for (String f : LedgerSchema.schema(axes).fieldNames()) cols.add(col(f));
        cols.add(col(LedgerSchema.WAVE));
        return joined.select(cols.toArray(new Column[0]));
    }

    private static long[] collectIndices(Iterator<Row> it) {
        long[] a = new long[1024];
        int n = 0;
        while (it.hasNext()) {
            if (n == a.length) a = Arrays.copyOf(a, n * 2);
            a[n++] = it.next().getLong(0);
        }
        a = Arrays.copyOf(a, n);
        Arrays.sort(a);
        return a;
    }
}
