package org.diffsweep.unet.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.diffsweep.core.linalg.LinAlg;
import org.diffsweep.core.random.RandomStreams;
import org.diffsweep.core.random.SeededStream;
import org.diffsweep.unet.data.ClassStatistics;
import org.diffsweep.unet.data.FmnistDataset;
import org.diffsweep.unet.data.ImbalancedSubset;
import org.diffsweep.unet.diffusion.BetaSchedule;
import org.diffsweep.unet.metrics.CurveTimes;
import org.diffsweep.unet.metrics.Fraction;
import org.diffsweep.unet.metrics.NearestNeighbours;
import org.diffsweep.unet.model.DdpmModel;
import org.diffsweep.unet.model.UNet;

/**
 * Runs one Fashion-MNIST grid point (theory §9.3, protocol inferred):
 * <ol>
 * <li>draw the imbalanced subset (stream "subset"), pad to 32x32, scale to [0,1], centre by the subset mean;
 *     draw {@code testPerClass} held-out test images per class (stream "test"), centred by the same mean;</li>
 * <li>train the U-Net with MSE on the noise, t' uniform in {1..T-1} (stream "timestep"), minibatches of
 *     min(n, batch) from per-epoch shuffles (stream "batch"), noise from stream "noise", weights from "init";</li>
 * <li>at each checkpoint (step 0 and a log schedule): DDIM (eta = 0) samples from the same initial noise every time
 *     (stream "sample"); class of a sample = class of its nearest training image; memorized when d1/d2 < k;
 *     per-class f_mem with bootstrap percentile 95% CI (stream "bootstrap/step/class"); per-class train and test
 *     denoising loss at the DDPM step t* nearest to OU time {@code lossTime} with one fixed noise draw per image
 *     (streams "loss-train", "loss-test"; the same at every checkpoint);</li>
 * <li>per-class times (inferred operational definitions): tau_gen,c = half-drop time of the per-class test loss
 *     (§12.6 with the FID plateau replaced by the test loss at t*); tau_mem,c = first time f_mem,c >= fmemThreshold;
 *     tau_gap,c = first time the relative loss gap (L_test - L_train)/L_test >= gapThreshold; crossings interpolated
 *     in log tau (§12.13).</li>
 * </ol>
 * With an output directory it writes {@code curves.csv} (one row per checkpoint and class, appended as the run goes),
 * {@link RunState state.bin} after every checkpoint (removed when the run ends; a run started again with the same key
 * goes on from it, with the same batches and the same results as a run never interrupted) and {@code times.csv}.
 * Deterministic given the key, up to PyTorch's CPU kernels (one thread).
 */
public final class FmnistExperiment {
    private static final Map<Path, FmnistDataset> DATA = new ConcurrentHashMap<>();
    private static final Map<Path, ClassStatistics[]> STATS = new ConcurrentHashMap<>();

    private FmnistExperiment() {}

    /** Evaluator name for a sweep engine's pointId. */
    public static final String NAME = "fmnist-unet";
    /** Evaluator version; bump when results for the same point change. */
    public static final String VERSION = "2";

    /** File in a run folder holding the run's stream key (its settings): a folder is resumed only under that key. */
    public static final String POINT_FILE = "point.txt";

    /** Header of a run's {@code run.csv} (one row: how the run ended and what it cost). */
    public static final String RUN_HEADER = "status,parameter_count,steps,stopped_early,gradient_retries,train_cpu_s,"
            + "eval_cpu_s,train_wall_s,eval_wall_s";

    /** The dataset in {@code dir}, loaded once per JVM. */
    public static FmnistDataset dataset(Path dir) {
        return DATA.computeIfAbsent(dir.toAbsolutePath(), p -> {
            try {
                return FmnistDataset.load(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Per-class statistics of the full training split in {@code dir} (cached). */
    public static ClassStatistics[] classStatistics(Path dir) {
        return STATS.computeIfAbsent(dir.toAbsolutePath(), p -> {
            FmnistDataset data = dataset(p);
            int n = data.size(true);
            int[] all = new int[n];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
                labels[i] = data.label(true, i);
            }
            return ClassStatistics.compute(data.padded(true, all), labels, FmnistDataset.D, FmnistDataset.CLASSES);
        });
    }

    /** {@link #run(FmnistPoint, String, Path, Path, FmnistProgress)} with the point's default key and data dir. */
    public static FmnistResult run(FmnistPoint point, Path outputDir, FmnistProgress progress) {
        return run(point, point.defaultKey(), FmnistDataset.defaultDir(), outputDir, progress);
    }

    /**
     * Runs the point.
     *
     * @param point     the point
     * @param key       stream key (a sweep engine's pointId)
     * @param dataDir   Fashion-MNIST directory
     * @param outputDir where to write curves.csv and times.csv, or null
     * @param progress  callback after each checkpoint
     */
    public static FmnistResult run(FmnistPoint point, String key, Path dataDir, Path outputDir,
                                   FmnistProgress progress) {
        ClassStatistics[] stats = classStatistics(dataDir);
        FmnistSettings s = point.settings();
        RandomStreams rs = RandomStreams.forKey(key);
        int d = FmnistDataset.D;
        Inputs in = inputs(point, rs, dataset(dataDir));
        ImbalancedSubset subset = in.subset();
        int n = subset.n();
        float[] x = in.x();
        int[] roleCount = in.roleCount();
        int[] label = in.label();
        String[] role = in.role();
        BetaSchedule schedule = in.schedule();
        int lossStep = in.lossStep();
        int[] ckpt = CheckpointSchedule.logSpaced(s.firstCheckpoint(), s.steps(), s.checkpoints());
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        int batch = Math.min(n, s.batch());
        LinAlg la = LinAlg.best();
        List<ClassCheckpoint> curves = new ArrayList<>();
        String status = "OK";
        String diagnostic = "";
        double trainNanos = 0, evalNanos = 0, trainCpu = 0, evalCpu = 0;
        int stepsTaken = 0;
        boolean stoppedEarly = false;
        int[] aboveStop = new int[2]; // consecutive checkpoints with f_mem,c >= stopFmem
        Path curvesFile = null;
        if (outputDir != null) {
            try {
                Files.createDirectories(outputDir);
                curvesFile = outputDir.resolve("curves.csv");
                Files.writeString(outputDir.resolve(POINT_FILE), key + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        long parameterCount;
        int retries;
        try (DdpmModel model = new DdpmModel(new UNet(s.width(), s.multArray()), FmnistDataset.SIDE, schedule,
                s.optimizerConfig(), rs.stream("init"))) {
            parameterCount = model.parameterCount();
            TrainingBatches batches = new TrainingBatches(rs, x, n, d, batch, schedule.steps());
            int step = 0;
            int first = 0; // index of the first checkpoint still to evaluate
            RunState resumed = outputDir == null ? null : RunState.read(outputDir, key, model);
            if (resumed != null) {
                // An interrupted run: go on after its last saved checkpoint, with the curves evaluated up to it.
                step = resumed.step();
                first = resumed.checkpoint() + 1;
                aboveStop[0] = resumed.aboveStopA();
                aboveStop[1] = resumed.aboveStopB();
                trainNanos = resumed.trainWall() * 1e9;
                evalNanos = resumed.evalWall() * 1e9;
                trainCpu = resumed.trainCpu();
                evalCpu = resumed.evalCpu();
                curves.addAll(savedCurves(curvesFile, 2 * first));
                batches.skip(step);
                if (stopReached(aboveStop) && first < ckpt.length) {
                    stoppedEarly = true; // it had stopped adaptively and was cut off before writing times.csv
                    first = ckpt.length;
                }
                progress.checkpoint(step, s.steps(), "resumed at step " + step + " from " + RunState.FILE
                        + " (checkpoint " + first + " of " + ckpt.length + ")");
            }
            rewriteCurves(curvesFile, curves);
            for (int c = first; c < ckpt.length; c++) {
                long t0 = System.nanoTime();
                long c0 = cpu.getCurrentThreadCpuTime();
                double lossSum = 0;
                int lossCount = 0;
                while (step < ckpt[c]) {
                    batches.next();
                    double l = model.trainStep(batches.images, batches.timesteps, batches.noise);
                    step++;
                    if (!Double.isFinite(l)) {
                        status = "NAN_LOSS";
                        diagnostic = "training loss " + l + " at step " + step;
                        break;
                    }
                    lossSum += l;
                    lossCount++;
                }
                trainNanos += System.nanoTime() - t0;
                trainCpu += (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
                if (!"OK".equals(status)) break;
                long t1 = System.nanoTime();
                long c1 = cpu.getCurrentThreadCpuTime();
                // No step before the step-0 checkpoint: its batch loss is undefined (NaN, an empty CSV field).
                double batchLoss = lossCount == 0 ? Double.NaN : lossSum / lossCount;
                List<ClassCheckpoint> rows = evaluate(model, s, rs, step, in, batchLoss, la);
                evalNanos += System.nanoTime() - t1;
                evalCpu += (cpu.getCurrentThreadCpuTime() - c1) / 1e9;
                final double tc = trainCpu, ec = evalCpu;
                rows = rows.stream().map(r -> r.withCounters(model.gradientRetries(), tc, ec)).toList();
                curves.addAll(rows);
                if (s.stopFmem() > 0 && step > 0) {
                    for (int k = 0; k < 2; k++) {
                        double f = rows.get(k).fMem();
                        aboveStop[k] = f >= s.stopFmem() ? aboveStop[k] + 1 : 0;
                    }
                }
                if (curvesFile != null) {
                    append(curvesFile, rows);
                    // after the rows: a crash in between redoes this checkpoint (resume drops rows past the state)
                    new RunState(key, step, c, aboveStop[0], aboveStop[1], trainNanos / 1e9, evalNanos / 1e9, trainCpu,
                            evalCpu).write(outputDir, model);
                }
                ClassCheckpoint a = rows.get(0), b = rows.get(1);
                progress.checkpoint(step, s.steps(), String.format(java.util.Locale.ROOT,
                        "retries %d | step %d: batch loss %s | A: frac %.3f fmem %s Ltr %.4f Lte %.4f | "
                                + "B: frac %.3f fmem %s Ltr %.4f Lte %.4f | train %.0fs (%.0f cpu-s) eval %.0fs (%.0f cpu-s)",
                        model.gradientRetries(), step, lossCount == 0 ? "- (no step yet)" : String.format(java.util.Locale.ROOT, "%.4f", batchLoss),
                        a.sampleFraction(), fmt(a), a.trainLoss(), a.testLoss(),
                        b.sampleFraction(), fmt(b), b.trainLoss(), b.testLoss(), trainNanos / 1e9, trainCpu,
                        evalNanos / 1e9, evalCpu));
                if (stopReached(aboveStop) && c + 1 < ckpt.length) {
                    stoppedEarly = true;
                    break;
                }
            }
            stepsTaken = step;
            retries = model.gradientRetries();
        }
        List<ClassTimes> times = times(curves, s, label, role, roleCount, stats);
        if (outputDir != null) {
            StringBuilder sb = new StringBuilder(ClassTimes.HEADER).append('\n');
            for (ClassTimes t : times) sb.append(t.csv()).append('\n');
            String run = RUN_HEADER + "\n" + status + "," + parameterCount + "," + stepsTaken + "," + stoppedEarly + ","
                    + retries + String.format(java.util.Locale.ROOT, ",%.3f,%.3f,%.3f,%.3f%n", trainCpu, evalCpu,
                    trainNanos / 1e9, evalNanos / 1e9);
            try {
                // run.csv first: times.csv marks the run as finished (resume skips it), so it is written last
                Files.writeString(outputDir.resolve("run.csv"), run, StandardCharsets.UTF_8);
                Files.writeString(outputDir.resolve("times.csv"), sb.toString(), StandardCharsets.UTF_8);
                Files.deleteIfExists(outputDir.resolve(RunState.FILE)); // the run is finished: nothing to resume
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new FmnistResult(key, point, status, diagnostic, parameterCount, lossStep,
                schedule.ouTime(lossStep), curves, times, trainNanos / 1e9, evalNanos / 1e9, retries, trainCpu, evalCpu,
                stepsTaken, stoppedEarly);
    }

    /**
     * Evaluates the training state saved in {@code runDir} (a run in progress or stopped: {@code state.bin}) with
     * other checkpoint-sampler settings, on the run's own training subset, test images and loss noise: {@code draws}
     * sets of {@code samples} DDIM samples of {@code ddimSteps} steps, draw 0 from the run's own "sample" stream (so
     * with the run's settings it reproduces the run's last curves rows), draw r &gt; 0 from the stream key
     * "KEY/draw-r". Nothing in {@code runDir} changes. Returns the two class rows (A, B) of each draw, with the draw's
     * CPU seconds in {@code evalCpuSeconds}.
     *
     * @throws IllegalArgumentException when {@code runDir} holds no state saved under {@code key}
     */
    public static List<List<ClassCheckpoint>> evaluateState(FmnistPoint point, String key, Path dataDir, Path runDir,
                                                            int samples, int ddimSteps, int draws) {
        FmnistSettings s = point.settings();
        FmnistSettings e = s.withSampling(samples, ddimSteps);
        RandomStreams rs = RandomStreams.forKey(key);
        Inputs in = inputs(point, rs, dataset(dataDir));
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        List<List<ClassCheckpoint>> out = new ArrayList<>();
        try (DdpmModel model = new DdpmModel(new UNet(s.width(), s.multArray()), FmnistDataset.SIDE, in.schedule(),
                s.optimizerConfig(), rs.stream("init"))) {
            RunState state = RunState.read(runDir, key, model);
            if (state == null)
                throw new IllegalArgumentException(runDir + " has no " + RunState.FILE + " saved with this spec's "
                        + "settings (a finished run deletes it; only a run in progress or stopped has one)");
            for (int r = 0; r < draws; r++) {
                long c0 = cpu.getCurrentThreadCpuTime();
                List<ClassCheckpoint> rows = evaluate(model, e, r == 0 ? rs : RandomStreams.forKey(key + "/draw-" + r),
                        state.step(), in, Double.NaN, LinAlg.best());
                double sec = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
                out.add(rows.stream().map(x -> x.withCounters(model.gradientRetries(), 0, sec)).toList());
            }
        }
        return out;
    }

    /**
     * What a run draws before training, from its streams: the training subset (centred), the held-out test images,
     * the fixed loss noise, the DDPM schedule and the DDIM clip range. The same key gives the same inputs, so a saved
     * state is evaluated on the data it was trained on.
     */
    private record Inputs(ImbalancedSubset subset, float[] x, float[][] test, int[] roleCount, int[] label,
                          String[] role, BetaSchedule schedule, int lossStep, float[] lossNoiseTrain,
                          float[][] lossNoiseTest, float[] clipLo, float[] clipHi) {}

    private static Inputs inputs(FmnistPoint point, RandomStreams rs, FmnistDataset data) {
        FmnistSettings s = point.settings();
        int d = FmnistDataset.D;

        ImbalancedSubset subset = ImbalancedSubset.draw(data, point.classA(), point.classB(), point.n(), point.piA(),
                rs.stream("subset"));
        int n = subset.n();
        float[] x = data.padded(true, subset.indices());
        float[] mean = new float[d];
        for (int j = 0; j < n; j++) for (int i = 0; i < d; i++) mean[i] += x[j * d + i];
        for (int i = 0; i < d; i++) mean[i] /= n;
        centre(x, mean);
        int[] roleCount = {subset.nA(), subset.nB()};
        int[] label = {point.classA(), point.classB()};
        String[] role = {"A", "B"};

        SeededStream testRng = rs.stream("test");
        float[][] test = new float[2][];
        for (int c = 0; c < 2; c++) {
            int[] pool = data.indicesOfClass(false, label[c]);
            int k = Math.min(s.testPerClass(), pool.length);
            for (int i = 0; i < k; i++) {
                int j = i + testRng.nextInt(pool.length - i);
                int t = pool[i];
                pool[i] = pool[j];
                pool[j] = t;
            }
            test[c] = data.padded(false, Arrays.copyOf(pool, k));
            centre(test[c], mean);
        }

        BetaSchedule schedule = BetaSchedule.ddpm();
        int lossStep = schedule.stepForOuTime(s.lossTime());
        float[] lossNoiseTrain = gaussian(rs.stream("loss-train"), n * d);
        SeededStream lossTestRng = rs.stream("loss-test");
        float[][] lossNoiseTest = {gaussian(lossTestRng, test[0].length), gaussian(lossTestRng, test[1].length)};

        // DDIM clips x0_hat to the data range: pixels in [0, 1] before centring, so [-mean_i, 1 - mean_i] after.
        float[] clipLo = new float[d], clipHi = new float[d];
        for (int i = 0; i < d; i++) {
            clipLo[i] = -mean[i];
            clipHi[i] = 1 - mean[i];
        }
        return new Inputs(subset, x, test, roleCount, label, role, schedule, lossStep, lossNoiseTrain, lossNoiseTest,
                clipLo, clipHi);
    }

    /** The adaptive stop: every class at or above {@code stopFmem} at two consecutive checkpoints. */
    private static boolean stopReached(int[] aboveStop) {
        return aboveStop[0] >= 2 && aboveStop[1] >= 2;
    }

    private static String fmt(ClassCheckpoint r) {
        return r.assigned() == 0 ? "- (no sample)" : String.format(java.util.Locale.ROOT, "%.3f [%.2f, %.2f]",
                r.fMem(), r.fMemLo(), r.fMemHi());
    }

    private static List<ClassCheckpoint> evaluate(DdpmModel model, FmnistSettings s, RandomStreams rs, int step,
                                                  Inputs in, double batchLoss, LinAlg la) {
        int d = FmnistDataset.D;
        ImbalancedSubset subset = in.subset();
        float[] x = in.x();
        float[][] test = in.test();
        int lossStep = in.lossStep();
        float[][] lossNoiseTest = in.lossNoiseTest();
        int[] label = in.label(), roleCount = in.roleCount();
        String[] role = in.role();
        int n = subset.n();
        int m = s.samples();
        float[] samples = model.sampleDdim(m, s.ddimSteps(), s.sampleBatch(), rs.stream("sample"), in.clipLo(),
                in.clipHi());
        NearestNeighbours nn = NearestNeighbours.compute(samples, m, x, n, d, la);
        double[] trainLoss = model.denoisingLoss(x, n, lossStep, in.lossNoiseTrain(), s.sampleBatch());
        List<ClassCheckpoint> rows = new ArrayList<>(2);
        for (int c = 0; c < 2; c++) {
            List<Boolean> mem = new ArrayList<>();
            for (int q = 0; q < m; q++) {
                boolean isA = nn.nearest()[q] < subset.nA();
                if (isA == (c == 0)) mem.add(nn.ratio(q) < s.memRatio());
            }
            boolean[] outcomes = new boolean[mem.size()];
            for (int i = 0; i < outcomes.length; i++) outcomes[i] = mem.get(i);
            Fraction f = Fraction.bootstrap(outcomes, s.bootstrap(), 0.95,
                    rs.stream("bootstrap/" + step + "/" + c));
            int from = c == 0 ? 0 : subset.nA();
            int to = c == 0 ? subset.nA() : n;
            double tr = 0;
            for (int j = from; j < to; j++) tr += trainLoss[j];
            tr /= (to - from);
            int nt = test[c].length / d;
            double[] tl = model.denoisingLoss(test[c], nt, lossStep, lossNoiseTest[c], s.sampleBatch());
            double te = Arrays.stream(tl).average().orElse(Double.NaN);
            rows.add(new ClassCheckpoint(step, label[c], role[c], roleCount[c], outcomes.length,
                    (double) outcomes.length / m, f.estimate(), f.lo(), f.hi(), tr, te, batchLoss, 0, 0, 0));
        }
        return rows;
    }

    /** Per-class times from the curves (definitions in the class Javadoc; inferred). */
    static List<ClassTimes> times(List<ClassCheckpoint> curves, FmnistSettings s, int[] label, String[] role,
                                  int[] roleCount, ClassStatistics[] stats) {
        List<ClassTimes> out = new ArrayList<>(2);
        for (int c = 0; c < 2; c++) {
            final int cc = c;
            List<ClassCheckpoint> rows = curves.stream().filter(r -> r.role().equals(role[cc])).toList();
            double[] tau = rows.stream().mapToDouble(ClassCheckpoint::step).toArray();
            double[] test = rows.stream().mapToDouble(ClassCheckpoint::testLoss).toArray();
            double[] fmem = rows.stream().mapToDouble(ClassCheckpoint::fMem).toArray();
            double[] gap = rows.stream().mapToDouble(r -> r.lossGap() / r.testLoss()).toArray();
            ClassStatistics st = stats[label[c]];
            Double gen = CurveTimes.halfDrop(tau, test);
            // A crossing at or before the first checkpoint after step 0 is not resolved by the schedule.
            double firstPositive = java.util.Arrays.stream(tau).filter(v -> v > 0).min().orElse(Double.NaN);
            boolean early = gen != null && gen <= firstPositive;
            Double gen90 = CurveTimes.drop(tau, test, 0.9);
            if (gen90 != null && gen90 <= firstPositive) gen90 = null;
            out.add(new ClassTimes(label[c], role[c], roleCount[c], st.variance(), st.centroidNorm(),
                    early ? null : gen, CurveTimes.firstRise(tau, fmem, s.fmemThreshold()),
                    CurveTimes.firstRise(tau, gap, s.gapThreshold()), early, gen90));
        }
        return out;
    }

    /** The first {@code count} rows of a resumed run's curves.csv (later rows, if any, were not saved in its state). */
    private static List<ClassCheckpoint> savedCurves(Path file, int count) {
        try {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
            if (lines.size() - 1 < count)
                throw new IOException(file + " has " + Math.max(0, lines.size() - 1) + " rows, its state needs " + count
                        + "; delete " + RunState.FILE + " to start the run from step 0");
            List<ClassCheckpoint> rows = new ArrayList<>(count);
            for (String line : lines.subList(1, 1 + count)) rows.add(ClassCheckpoint.parse(line));
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the header and {@code rows} to {@code file} (null: nothing). */
    private static void rewriteCurves(Path file, List<ClassCheckpoint> rows) {
        if (file == null) return;
        try {
            Files.writeString(file, ClassCheckpoint.HEADER + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!rows.isEmpty()) append(file, rows);
    }

    private static void append(Path file, List<ClassCheckpoint> rows) {
        StringBuilder sb = new StringBuilder();
        for (ClassCheckpoint r : rows) sb.append(r.csv()).append('\n');
        try {
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void centre(float[] x, float[] mean) {
        int d = mean.length;
        for (int j = 0; j < x.length / d; j++) for (int i = 0; i < d; i++) x[j * d + i] -= mean[i];
    }

    static float[] gaussian(SeededStream rng, int count) {
        float[] f = new float[count];
        for (int i = 0; i < count; i++) f[i] = (float) rng.nextGaussian();
        return f;
    }
}
