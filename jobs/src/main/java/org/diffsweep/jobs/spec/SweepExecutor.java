package org.diffsweep.jobs.spec;

/**
 * The seam between {@code diffsweep run} and the Spark sweep runner ({@code org.diffsweep.jobs.sweep}). The CLI
 * finds an implementation with {@link java.util.ServiceLoader} (a public no-argument constructor and a line in
 * {@code META-INF/services/org.diffsweep.jobs.spec.SweepExecutor}).
 */
public interface SweepExecutor {
    /**
     * Runs (or resumes) the sweep and writes its outputs under {@code plan.outputDir()}.
     *
     * @return the process exit status: 0 success, 1 failure (a spec error is reported by throwing
     *         {@link SpecException}, which the CLI turns into status 2)
     */
    int run(SweepPlan plan, RunOptions opts);

    /**
     * {@code diffsweep replay}: re-evaluates one point of the run folder {@code runDir} in this process and compares
     * it bit for bit with its ledger rows.
     *
     * @param pointId a pointId or a unique prefix of one
     * @return 0 identical, 1 different (or not reproducible), 2 unknown point id or not a run folder
     */
    default int replay(String runDir, String pointId, RunOptions opts) {
        opts.err().println("error: this build has no Spark sweep runner (org.diffsweep.jobs.sweep); replay needs it");
        opts.err().flush();
        return 1;
    }
}
