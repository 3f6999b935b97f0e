package org.diffsweep.jobs.run;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.diffsweep.core.evaluator.Evaluated;
import org.diffsweep.jobs.grid.Grid;
import org.diffsweep.jobs.ledger.CodeVersion;
import org.diffsweep.jobs.ledger.Ledger;
import org.diffsweep.jobs.ledger.LedgerTable;
import org.diffsweep.jobs.ledger.OutputState;
import org.diffsweep.jobs.ledger.Provenance;
import org.diffsweep.jobs.ledger.SpecCompatibility;
import org.diffsweep.jobs.ledger.SweepLock;
import org.diffsweep.jobs.ledger.SweepModel;
import org.diffsweep.jobs.plan.Bin;
import org.diffsweep.jobs.plan.CostModel;
import org.diffsweep.jobs.plan.LptPlanner;
import org.diffsweep.jobs.plan.PlanSummary;
import org.diffsweep.jobs.plan.WavePlanner;

/**
 * Runs a sweep on Spark, resumably (design data-flow steps 3-6), for any point type.
 *
 * <ol>
 *   <li>Lock the output folder ({@link SweepLock}); refuse if another live run holds it. The lock is held until the
 *       outputs are written.</li>
 *   <li>Refuse a ledger written by another evaluator version, or under an incompatible spec
 *       ({@link SpecCompatibility}); a folder with no committed point accepts any spec.</li>
 *   <li>Plan: grid pointIds are computed on the executors and left-anti-joined with the ledger's pointIds; the
 *       driver receives only the remaining indices, and costs them with the model's cost model (refitted on resume to
 *       the wall times recorded in the ledger).</li>
 *   <li>Evaluate in waves sized by work ({@link WavePlanner}), about {@code waveSeconds} of real time per task slot: the
 *       cost model's estimates are rescaled by the task run time the run's earlier waves took (the first wave is a quarter
 *       of the target), so a kill loses at most a few minutes and per-wave overhead stays small. Each wave is LPT-packed into about
 *       {@code binsPerSlot} bins per task slot, evaluated by index on the executors, and appended to the ledger as
 *       its own {@code wave=N} Parquet directory.</li>
 *   <li>Run the caller's output step when the outputs are not up to date with the ledger ({@link OutputState}).</li>
 * </ol>
 * The driver holds no per-point state of finished points: only the indices of this run's remaining points.
 */
public final class SweepRunner {
    /** Writes a sweep's outputs from its ledger (under the lock). */
    @FunctionalInterface
    public interface OutputStep {
        void write(Ledger ledger) throws IOException;
    }

    private final SparkSession spark;
    private volatile Path held;

    public SweepRunner(SparkSession spark) { this.spark = spark; }

    /**
     * Runs (or resumes) the sweep; then, still under the lock, {@code outputs} when the outputs are stale (null:
     * leave the outputs alone, e.g. between refinement waves).
     *
     * @throws SweepRefusedException when the folder is locked or holds an incompatible ledger
     * @throws IOException           on filesystem errors
     */
    public <P, R extends Evaluated> SweepOutcome run(SweepRequest<P, R> req, SweepOptions opt, OutputStep outputs)
            throws IOException {
        long t0 = System.nanoTime();
        Ledger ledger = Ledger.open(SparkSessions.hadoopConf(spark), req.output());
        Provenance prov = provenance(req);
        try (java.io.Closeable lock = lock(ledger, req, opt)) {
            checkFiles(ledger, opt);
            boolean hasData = ledger.hasData();
            if (hasData) refuseIncompatible(ledger, req);
            // The spec is pinned only once a point is committed: an empty (failed, refused, killed) first run binds nothing.
            if (hasData) ledger.writeSpec(req.canonicalSpec());
            cleanTemporary(ledger);
            Planned pl = planRemaining(ledger, req, hasData);
            double planSeconds = (System.nanoTime() - t0) / 1e9;

            long t1 = System.nanoTime();
            int todo = pl.costs.length;
            SweepProgress progress = new SweepProgress(req.name(), todo, pl.totalCost, opt.progress(), opt.carriageReturn());
            int waves = 0;
            long failedNow = 0;
            if (todo > 0) {
                spark.sparkContext().addSparkListener(progress);
                try {
                    int slots = taskSlots();
                    int wave = ledger.maxWave();
                    double realPerEstimated = 1, wallSum = 0, estSum = 0;
                    WaveTask<P, R> fn = new WaveTask<>(req.grid(), req.model(), prov);
                    for (int from = 0; from < todo; ) {
                        if (Interrupts.raised()) throw interrupted(ledger, size(req) - todo + from, size(req));
                        // Waves are sized in real seconds: the cost model's estimate times the measured ratio of task run
                        // time to estimated work over this run's waves so far; the first wave is a quarter of the target,
                        // so a kill loses little even when the model is far off, and it calibrates the ratio.
                        double budget = opt.waveSeconds() / (waves == 0 ? 4 : 1) / realPerEstimated;
                        int to = WavePlanner.waveEnd(pl.costs, from, slots, budget, opt.waveSize());
                        long tw = progress.taskRunMs();
                        try {
                            failedNow += writeWave(ledger, ++wave, pl.bins(from, to, slots, opt.binsPerSlot()), fn, req, progress);
                        } catch (Exception e) { // SparkException is checked in Scala's view but undeclared in Java's
                            if (Interrupts.raised()) throw interrupted(ledger, size(req) - todo + from, size(req));
                            throw e;
                        }
                        if (!hasData) {
                            ledger.writeSpec(req.canonicalSpec());
                            hasData = true;
                        }
                        waves++;
                        double est = 0;
                        for (int i = from; i < to; i++) est += pl.costs[i];
                        wallSum += (progress.taskRunMs() - tw) / 1e3;
                        estSum += est;
                        if (estSum > 0 && wallSum > 0) realPerEstimated = Math.min(100, Math.max(0.01, wallSum / estSum));
                        from = to;
                    }
                } finally {
                    progress.finish();
                    spark.sparkContext().removeSparkListener(progress);
                }
            }
            double evalSeconds = (System.nanoTime() - t1) / 1e9;

            long t2 = System.nanoTime();
            boolean write = outputs != null && writeOutputs(ledger, todo > 0 || opt.forceOutputs(), outputs);
            double outputSeconds = (System.nanoTime() - t2) / 1e9;
            long size = req.grid().size();
            return new SweepOutcome(size, size - todo, todo, failedNow, waves, planSeconds, evalSeconds, outputSeconds,
                    (System.nanoTime() - t0) / 1e9, write);
        }
    }

    /**
     * Refuses a ledger with a corrupt file in one line naming it and the way out, or with {@code repair} moves each
     * such file to {@code quarantine/} (one line each on the progress stream): its points then count as missing and
     * are recomputed, and the outputs, made from another set of files, are rewritten.
     */
    private static void checkFiles(Ledger ledger, SweepOptions opt) throws IOException {
        java.util.Map<Path, String> bad = ledger.corruptFiles();
        if (bad.isEmpty()) return;
        if (!opt.repair()) {
            Map.Entry<Path, String> first = bad.entrySet().iterator().next();
            throw new SweepRefusedException("ledger file " + first.getKey() + " is corrupt (" + first.getValue() + ")"
                    + (bad.size() > 1 ? " and " + (bad.size() - 1) + " more" : "") + "; rerun with --repair to move "
                    + (bad.size() > 1 ? "them" : "it") + " to " + new Path(ledger.root(), Ledger.QUARANTINE_DIR) + "/ (the points "
                    + (bad.size() > 1 ? "they hold" : "it holds") + " are recomputed)");
        }
        for (Map.Entry<Path, String> e : bad.entrySet()) {
            Path to = ledger.quarantine(e.getKey());
            if (opt.progress() != null) opt.progress().println("repair: moved corrupt ledger file " + e.getKey() + " (" + e.getValue() + ") to " + to);
        }
        if (opt.progress() != null) opt.progress().flush();
    }

    private static long size(SweepRequest<?, ?> req) { return req.grid().size(); }

    /** The one line of a sweep stopped by a signal: points committed, and how to resume. */
    private static SweepInterruptedException interrupted(Ledger ledger, long committed, long size) {
        return new SweepInterruptedException("interrupted by " + Interrupts.signalName() + ": " + committed + " of " + size
                + " points are committed in " + ledger.root() + " (the wave in flight is discarded); run the same command again to resume",
                Interrupts.status());
    }

    /**
     * Writes the outputs of {@code req}'s folder under its lock, when they are stale or {@code opt} forces it.
     *
     * @return whether they were written
     */
    public <P, R extends Evaluated> boolean writeOutputs(SweepRequest<P, R> req, SweepOptions opt, OutputStep outputs)
            throws IOException {
        Ledger ledger = Ledger.open(SparkSessions.hadoopConf(spark), req.output());
        try (java.io.Closeable lock = lock(ledger, req, opt)) {
            checkFiles(ledger, opt);
            return writeOutputs(ledger, opt.forceOutputs(), outputs);
        }
    }

    /** Outputs are rewritten when forced or stale ({@link OutputState}); the state is cleared first, saved last. */
    private static boolean writeOutputs(Ledger ledger, boolean force, OutputStep outputs) throws IOException {
        if (!ledger.hasData()) return false;
        OutputState state = OutputState.of(ledger);
        if (!force && state.outputsCurrent(ledger)) return false;
        state.clear(ledger);
        outputs.write(ledger);
        // the ledger files as they are now: an output step may rewrite them (report --compact-ledger)
        OutputState.of(ledger).save(ledger);
        return true;
    }

    /**
     * Holds the lock of {@code req}'s folder until the returned handle is closed: {@link #run} and
     * {@link #writeOutputs} of this runner on that folder then use it instead of locking again, so a caller running
     * several steps (refinement waves, then the report) holds the folder throughout.
     */
    public <P, R extends Evaluated> java.io.Closeable hold(SweepRequest<P, R> req, SweepOptions opt) throws IOException {
        Ledger ledger = Ledger.open(SparkSessions.hadoopConf(spark), req.output());
        java.io.Closeable l = lock(ledger, req, opt);
        held = ledger.root();
        return () -> {
            held = null;
            l.close();
        };
    }

    private <P, R extends Evaluated> java.io.Closeable lock(Ledger ledger, SweepRequest<P, R> req, SweepOptions opt)
            throws IOException {
        if (ledger.root().equals(held)) return () -> {};
        try {
            SweepLock l = SweepLock.acquire(ledger.fs(), ledger.root(), req.name(), opt.staleLockAfter(), opt.breakLock());
            if (l.takeover() != null && opt.progress() != null) {
                opt.progress().println(l.takeover());
                opt.progress().flush();
            }
            return l;
        } catch (SweepLock.LockedException e) {
            throw new SweepRefusedException(e.getMessage());
        }
    }

    private static <P, R extends Evaluated> Provenance provenance(SweepRequest<P, R> req) {
        return new Provenance(req.specHash(), CodeVersion.get(), req.model().evaluatorName(), req.model().evaluatorVersion());
    }

    /** Refuses a ledger written by another evaluator (version) or under an incompatible spec. */
    private <P, R extends Evaluated> void refuseIncompatible(Ledger ledger, SweepRequest<P, R> req) throws IOException {
        String want = req.model().evaluatorName() + " " + req.model().evaluatorVersion();
        for (Row r : ledger.readAll(spark, req.model().table(), req.grid().axisNames())
                .select(LedgerTable.EVALUATOR.name(), LedgerTable.EVALUATOR_VERSION.name()).distinct().collectAsList()) {
            String have = r.getString(0) + " " + r.getString(1);
            if (!have.equals(want)) {
                throw new SweepRefusedException("cannot resume into " + ledger.root() + ": its ledger was written by evaluator "
                        + have + ", this build has " + want + " (results are not comparable); use a new output folder (--output)");
            }
        }
        String stored = ledger.readSpec();
        if (stored != null) {
            Optional<String> why = SpecCompatibility.incompatibility(stored, req.canonicalSpec());
            if (why.isPresent()) throw new SweepRefusedException("cannot resume into " + ledger.root() + ": " + why.get());
        }
    }

    /** Deletes the {@code _temporary} folders an interrupted wave left (they hold no committed point). */
    private static void cleanTemporary(Ledger ledger) throws IOException {
        ledger.fs().delete(new Path(ledger.ledgerDir(), "_temporary"), true);
        org.apache.hadoop.fs.FileStatus[] st = ledger.fs().globStatus(new Path(ledger.ledgerDir(), "wave=*/_temporary"));
        if (st != null) for (org.apache.hadoop.fs.FileStatus s : st) ledger.fs().delete(s.getPath(), true);
    }

    /** Remaining indices (null = the whole grid, in order) and their costs. */
    private record Planned(long[] remaining, double[] costs, double totalCost) {
        /** The LPT bins of the remaining points {@code from..to-1}. */
        List<Bin> bins(int from, int to, int slots, double binsPerSlot) {
            long[] idx = new long[to - from];
            for (int i = 0; i < idx.length; i++) idx[i] = remaining == null ? from + i : remaining[from + i];
            return LptPlanner.pack(idx, Arrays.copyOfRange(costs, from, to), LptPlanner.binCount(idx.length, slots, binsPerSlot));
        }
    }

    private <P, R extends Evaluated> Planned planRemaining(Ledger ledger, SweepRequest<P, R> req, boolean hasData) {
        Grid<P> grid = req.grid();
        long[] remaining = null;
        CostModel model = req.model().defaultCost();
        if (hasData) {
            Dataset<Row> all = ledger.readAll(spark, req.model().table(), grid.axisNames());
            Dataset<Row> ids = gridIds(req);
            Dataset<Row> existing = all.select(LedgerTable.POINT_ID.name()).distinct();
            String id = LedgerTable.POINT_ID.name();
            remaining = collectIndices(ids.join(existing, ids.col(id).equalTo(existing.col(id)), "left_anti")
                    .select(LedgerTable.POINT_INDEX.name()).toLocalIterator());
            if (remaining.length > 0) {
                model = CostModel.fit(req.model().costSums(all.where(col(LedgerTable.CLASS_INDEX.name()).equalTo(0))), model);
            }
        }
        long todo = remaining == null ? grid.size() : remaining.length;
        if (todo > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("more than 2^31 points to plan: " + todo);
        double[] costs = new double[(int) todo];
        double total = 0;
        for (int i = 0; i < todo; i++) {
            costs[i] = model.seconds(req.model().size(grid.point(remaining == null ? i : remaining[i]).params()));
            total += costs[i];
        }
        return new Planned(remaining, costs, total);
    }

    /**
     * Plans without evaluating or writing anything (no lock, no spec stored): what a run would compute now.
     * Driver memory: 8 bytes per remaining point for the costs, plus 8 for the indices when a ledger exists.
     */
    public <P, R extends Evaluated> PlanSummary plan(SweepRequest<P, R> req, SweepOptions opt) throws IOException {
        long t0 = System.nanoTime();
        Ledger ledger = Ledger.open(SparkSessions.hadoopConf(spark), req.output());
        Planned pl = planRemaining(ledger, req, ledger.hasData());
        int todo = pl.costs.length, slots = taskSlots();
        int waves = WavePlanner.waves(pl.costs, slots, opt.waveSeconds(), opt.waveSize());
        int n = todo == 0 ? 0 : WavePlanner.waveEnd(pl.costs, 0, slots, opt.waveSeconds(), opt.waveSize());
        int bins = n == 0 ? 0 : LptPlanner.binCount(n, slots, opt.binsPerSlot());
        double maxBin = 0;
        if (n > 0) for (Bin b : pl.bins(0, n, slots, opt.binsPerSlot())) maxBin = Math.max(maxBin, b.cost());
        return new PlanSummary(req.grid().size(), todo, pl.totalCost, waves, bins, maxBin, (System.nanoTime() - t0) / 1e9);
    }

    /** Evaluates one wave and appends it to the ledger; returns its number of non-OK points. */
    private <P, R extends Evaluated> long writeWave(Ledger ledger, int wave, List<Bin> bins, WaveTask<P, R> fn,
                                                    SweepRequest<P, R> req, SweepProgress progress) {
        int[] sizes = new int[bins.size()];
        double[] cst = new double[bins.size()];
        List<long[]> slices = new ArrayList<>(bins.size());
        for (Bin b : bins) {
            sizes[b.id()] = b.size();
            cst[b.id()] = b.cost();
            slices.add(b.indices());
        }
        String tag = ledger.root() + "#" + wave;
        progress.startWave(tag, sizes, cst);
        spark.sparkContext().setLocalProperty(SweepProgress.WAVE_PROPERTY, tag);
        spark.sparkContext().setJobDescription("diffsweep wave " + wave);
        List<String> axes = req.grid().axisNames();
        StructType schema = req.model().table().schema(axes);
        try {
            // One slice per bin: slice i of parallelize(list, list.size()) is exactly bins.get(i).
            JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(slices, slices.size())
                    .mapPartitions(fn);
            spark.createDataFrame(rows, schema).write().mode(SaveMode.Append).parquet(ledger.waveDir(wave).toString());
        } finally {
            spark.sparkContext().setLocalProperty(SweepProgress.WAVE_PROPERTY, null);
            spark.sparkContext().setJobDescription(null);
        }
        // Failed points are rare: one single-stage job collecting their ids is cheaper than a count (two stages).
        long failed = ledger.readWave(spark, req.model().table(), axes, wave)
                .where(col(LedgerTable.STATUS.name()).notEqual("OK").and(col(LedgerTable.CLASS_INDEX.name()).equalTo(0)))
                .select(LedgerTable.POINT_ID.name()).collectAsList().size();
        progress.endWave(failed);
        return failed;
    }

    /** Concurrent task slots: default parallelism divided by {@code spark.task.cpus}. */
    private int taskSlots() {
        int cpus = spark.sparkContext().conf().getInt("spark.task.cpus", 1);
        return Math.max(1, spark.sparkContext().defaultParallelism() / Math.max(1, cpus));
    }

    /** (pointIndex, pointId) of every grid point, computed on the executors. */
    public <P, R extends Evaluated> Dataset<Row> gridIds(SweepRequest<P, R> req) {
        Grid<P> grid = req.grid();
        SweepModel<P, R> model = req.model();
        long size = grid.size();
        int parts = (int) Math.max(1, Math.min(Math.max(1, size / 2000), 4L * spark.sparkContext().defaultParallelism()));
        JavaRDD<Row> rdd = spark.range(0, size, 1, parts).javaRDD()
                .map(i -> RowFactory.create(i, model.pointId(grid.point(i).params())));
        StructType st = new StructType()
                .add(LedgerTable.POINT_INDEX.name(), DataTypes.LongType, false)
                .add(LedgerTable.POINT_ID.name(), DataTypes.StringType, false);
        return spark.createDataFrame(rdd, st);
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
