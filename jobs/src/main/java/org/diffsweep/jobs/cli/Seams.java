package org.diffsweep.jobs.cli;

import java.util.ServiceLoader;
import org.diffsweep.jobs.spec.RunOptions;
import org.diffsweep.jobs.spec.SweepExecutor;
import org.diffsweep.jobs.spec.SweepPlan;

/**
 * Where the CLI gets its engines: the first {@link ScienceFacade} and {@link SweepExecutor} registered with
 * {@link ServiceLoader}, else {@link EchoScienceFacade} and an executor that reports that no runner is built in.
 */
public final class Seams {
    private Seams() {}

    public static ScienceFacade science() {
        return ServiceLoader.load(ScienceFacade.class).findFirst().orElseGet(EchoScienceFacade::new);
    }

    public static SweepExecutor sweepExecutor() {
        return ServiceLoader.load(SweepExecutor.class).findFirst().orElseGet(() -> Seams::unwiredRun);
    }

    private static int unwiredRun(SweepPlan plan, RunOptions opts) {
        opts.err().println("error: this build has no Spark sweep runner (org.diffsweep.jobs.sweep); "
                + "'diffsweep run --dry-run' shows the expanded plan");
        return 1;
    }
}
