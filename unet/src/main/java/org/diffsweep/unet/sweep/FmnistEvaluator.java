package org.diffsweep.unet.sweep;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.diffsweep.core.point.ClassResult;
import org.diffsweep.core.point.PointEvaluator;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.point.PointResult;
import org.diffsweep.core.point.PointStatus;
import org.diffsweep.jobs.sweep.EvaluatorFactory;
import org.diffsweep.unet.experiment.ClassTimes;
import org.diffsweep.unet.experiment.FmnistExperiment;
import org.diffsweep.unet.experiment.FmnistPoint;
import org.diffsweep.unet.experiment.FmnistProgress;
import org.diffsweep.unet.experiment.FmnistResult;
import org.diffsweep.unet.experiment.FmnistSettings;

/**
 * Sweep-engine evaluator of one Fashion-MNIST point: rebuilds the {@link FmnistPoint} from its ledger identity
 * ({@link FmnistGrid#point}), runs {@link FmnistExperiment#run} with the pointId as stream key, and maps the result
 * onto the ledger's per-class rows ({@link #toPointResult}). Name and version are the experiment's
 * ({@link FmnistExperiment#NAME}, {@link FmnistExperiment#VERSION}).
 *
 * <p>Runs on the executors: the data directory must exist there, and DJL needs its system properties in the executor
 * JVM (see {@link FmnistSweep}). DJL trains one model at a time per JVM, so points in one executor JVM are evaluated
 * one after the other (a JVM-wide lock); parallelism comes from executors with one core each.
 */
public final class FmnistEvaluator implements PointEvaluator {
    private static final Object JVM_LOCK = new Object();
    private final FmnistSettings settings;
    private final Path dataDir;
    private final Path curvesDir;

    /**
     * @param settings  the spec's settings (shared by every point)
     * @param dataDir   Fashion-MNIST directory on the executors
     * @param curvesDir where each point writes {@code <label>/curves.csv} and {@code times.csv} (a folder every
     *                  executor can write, e.g. the local output folder in local mode), or null for none
     */
    public FmnistEvaluator(FmnistSettings settings, Path dataDir, Path curvesDir) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        this.curvesDir = curvesDir;
    }

    /** A serializable factory shipping only the settings and the two folder names to the executors. */
    public static EvaluatorFactory factory(FmnistSettings settings, String dataDir, String curvesDir) {
        return new Factory(settings, dataDir, curvesDir);
    }

    private record Factory(FmnistSettings settings, String dataDir, String curvesDir)
            implements EvaluatorFactory, Serializable {
        @Override public PointEvaluator create() {
            return new FmnistEvaluator(settings, Path.of(dataDir), curvesDir == null ? null : Path.of(curvesDir));
        }
    }

    @Override public String name() { return FmnistExperiment.NAME; }

    @Override public String version() { return FmnistExperiment.VERSION; }

    @Override
    public PointResult evaluate(PointParams params, String pointId) {
        FmnistPoint p = FmnistGrid.point(params, settings);
        Path out = curvesDir == null ? null : curvesDir.resolve(p.label());
        // DJL's PyTorch engine allows one GradientCollector per JVM ("Only one can be collecting at a time"): tasks
        // sharing an executor JVM take turns. Give each executor one task slot (local[1], spark.executor.cores=1).
        synchronized (JVM_LOCK) {
            return toPointResult(FmnistExperiment.run(p, pointId, dataDir, out, FmnistProgress.NONE));
        }
    }

    /**
     * Ledger form of a result: status OK → OK; NAN_LOSS (training diverged; times read off the curves up to that
     * step) → PARTIAL with the experiment's diagnostic. One {@link ClassResult} per class (A, then B) with the
     * Fashion-MNIST name, weight pi_c, n_c, tau_gen,c, tau_mem,c (optimiser steps; null = not reached) and
     * window = tau_mem - tau_gen (null unless both are reached); every random-features-only field is null.
     * tau_gap,c has no ledger column: it is in the point's {@code times.csv}. Stage times: "train" and "eval" seconds.
     */
    public static PointResult toPointResult(FmnistResult r) {
        FmnistPoint p = r.point();
        List<ClassResult> classes = new ArrayList<>(2);
        for (int c = 0; c < r.times().size(); c++) {
            ClassTimes t = r.times().get(c);
            double w = c == 0 ? p.piA() : 1 - p.piA();
            Double window = t.tauGen() != null && t.tauMem() != null ? t.tauMem() - t.tauGen() : null;
            classes.add(new ClassResult(FmnistGrid.className(t.label()), w, t.nTrain(), t.tauGen(), t.tauMem(), window,
                    false, null, null, null, null, null, null, null, null, null, null, null, null));
        }
        PointStatus status = "OK".equals(r.status()) ? PointStatus.OK : PointStatus.PARTIAL;
        String diag = status == PointStatus.OK ? "" : r.status() + ": " + r.diagnostic();
        Map<String, Double> stages = new LinkedHashMap<>();
        stages.put("train", r.trainSeconds());
        stages.put("eval", r.evalSeconds());
        return new PointResult(status, diag, null, classes, stages);
    }
}
