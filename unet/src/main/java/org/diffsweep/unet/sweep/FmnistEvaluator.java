package org.diffsweep.unet.sweep;

import java.nio.file.Path;
import org.diffsweep.core.evaluator.Evaluator;
import org.diffsweep.unet.experiment.FmnistExperiment;
import org.diffsweep.unet.experiment.FmnistPoint;
import org.diffsweep.unet.experiment.FmnistProgress;

/**
 * Sweep-engine evaluator of one Fashion-MNIST point: runs {@link FmnistExperiment#run} with the pointId as stream
 * key. Name and version are the experiment's ({@link FmnistExperiment#NAME}, {@link FmnistExperiment#VERSION}).
 *
 * <p>Runs on the executors: the data directory must exist there, and DJL needs its system properties in the executor
 * JVM (see {@link FmnistSweep}). DJL trains one model at a time per JVM, so points in one executor JVM are evaluated
 * one after the other (a JVM-wide lock); parallelism comes from executors with one core each.
 */
public final class FmnistEvaluator implements Evaluator<FmnistPoint, FmnistOutcome> {
    private static final Object JVM_LOCK = new Object();
    private final Path dataDir;
    private final Path curvesDir;

    /**
     * @param dataDir   Fashion-MNIST directory on the executors
     * @param curvesDir where each point writes {@code <label>/curves.csv} and {@code times.csv} (a folder every
     *                  executor can write, e.g. the local output folder in local mode), or null for none
     */
    public FmnistEvaluator(Path dataDir, Path curvesDir) {
        this.dataDir = dataDir;
        this.curvesDir = curvesDir;
    }

    @Override public String name() { return FmnistExperiment.NAME; }

    @Override public String version() { return FmnistExperiment.VERSION; }

    @Override
    public FmnistOutcome evaluate(FmnistPoint p, String pointId) {
        Path out = curvesDir == null ? null : curvesDir.resolve(p.label());
        // DJL's PyTorch engine allows one GradientCollector per JVM ("Only one can be collecting at a time"): tasks
        // sharing an executor JVM take turns. Give each executor one task slot (local[1], spark.executor.cores=1).
        synchronized (JVM_LOCK) {
            return new FmnistOutcome(FmnistExperiment.run(p, pointId, dataDir, out, FmnistProgress.NONE));
        }
    }
}
