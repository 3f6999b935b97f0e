package org.diffsweep.jobs.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.diffsweep.core.evaluator.PointResult;
import org.diffsweep.core.evaluator.StandardEvaluator;
import org.diffsweep.core.linalg.LinAlg;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.jobs.json.Json;
import org.diffsweep.jobs.ledger.Audit;
import org.diffsweep.jobs.ledger.Ledger;
import org.diffsweep.jobs.ledger.LedgerTable;
import org.diffsweep.jobs.ledger.MixtureModel;
import org.diffsweep.jobs.ledger.Replay;
import org.diffsweep.jobs.report.SweepReport;
import org.diffsweep.jobs.run.MixtureOutputs;
import org.diffsweep.jobs.run.RefiningSweep;
import org.diffsweep.jobs.run.SparkSessions;
import org.diffsweep.jobs.run.SweepOptions;
import org.diffsweep.jobs.run.SweepOutcome;
import org.diffsweep.jobs.run.SweepRequest;
import org.diffsweep.jobs.run.SweepRunner;
import org.diffsweep.jobs.plan.TaskHeap;
import org.diffsweep.jobs.spec.RefineSpec;
import org.diffsweep.jobs.spec.SizeJudge;
import org.diffsweep.jobs.spec.SpecException;
import org.diffsweep.jobs.spec.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The commands that work on a sweep's output folder: {@code run}, {@code report}, {@code replay}, {@code audit}. */
final class SweepCommands {
    private SweepCommands() {}

    /** A Spark master option with the launcher's default. */
    abstract static class SparkBase extends Main.Base {
        @Option(names = "--master", paramLabel = "URL", defaultValue = "${env:DIFFSWEEP_MASTER:-}",
                description = "Spark master (default: env DIFFSWEEP_MASTER, else the spark.master property set by spark-submit, "
                        + "else local[*], which uses every core of this machine).")
        String master;

        SparkSession spark(String app) {
            return SparkSessions.getOrCreate(master, app, false, Map.of("spark.executorEnv.OPENBLAS_NUM_THREADS", "1"));
        }

        /** The run folder {@code dir}: its stored spec (checked before Spark starts), a session, the ledger on its filesystem. */
        Opened open(String dir, String app) throws IOException {
            SweepSpec s = storedSpec(Ledger.open(new org.apache.hadoop.conf.Configuration(), dir), dir);
            SparkSession spark = spark(app);
            return new Opened(s, spark, Ledger.open(SparkSessions.hadoopConf(spark), dir));
        }
    }

    record Opened(SweepSpec spec, SparkSession spark, Ledger ledger) {}

    /** The stored spec of a run folder, or a one-line error naming the folder. */
    static SweepSpec storedSpec(Ledger ledger, String dir) throws IOException {
        String stored = ledger.readSpec();
        if (stored == null || !ledger.hasData()) {
            throw SpecException.file(dir, "not a diffsweep output folder with a ledger (expected " + Ledger.SPEC_FILE
                    + " and ledger/wave=N/*.parquet, written by 'diffsweep run')");
        }
        return SweepSpec.parse(stored, dir + "/" + Ledger.SPEC_FILE);
    }

    /** The request of a spec; a theory-only spec always uses the theory-only evaluator. */
    static SweepRequest<PointParams, PointResult> request(SweepSpec s, String output, MixtureModel model) {
        MixtureModel m = s.mode() == StandardEvaluator.Mode.FULL ? model : new MixtureModel(s.mode());
        return new SweepRequest<>(s.name(), s.specHash(), s.canonicalText(), s.grid(), output, m);
    }
}

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run (or resume) a sweep on Spark and write its outputs under runs/<name>/ (or --output).",
                "The spec is validated and expanded on the driver first; see docs/spec.md."})
final class RunCommand extends SweepCommands.SparkBase implements Callable<Integer> {
    private final MixtureModel model;

    RunCommand(MixtureModel model) { this.model = model; }

    @Parameters(index = "0", paramLabel = "SPEC.yaml", description = "Sweep spec file.")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Output folder (default: the spec's 'output', else runs/<name>).")
    String output;

    @Option(names = "--dry-run", description = "Validate and expand the spec, print the plan, run nothing.")
    boolean dryRun;

    @Option(names = "--wave-size", paramLabel = "N", defaultValue = "0",
            description = "Most points per ledger wave (default " + SweepOptions.DEFAULT_WAVE_SIZE + "; waves also close after about "
                    + "2 minutes of estimated work per task slot, so a crash loses at most the wave in flight).")
    int waveSize;

    @Option(names = "--break-lock", description = "Take over the output folder's lock even if its holder looks alive.")
    boolean breakLock;

    @Option(names = "--repair", description = "Move corrupt ledger files to <output>/quarantine/ and recompute their points "
            + "(without it, a corrupt file is refused in one line naming it).")
    boolean repair;

    @Override public Integer call() throws IOException {
        if (waveSize < 0) throw SpecException.of("--wave-size", Integer.toString(waveSize), "must be a positive integer (0 or absent: the default)");
        SweepSpec s = SweepSpec.load(file);
        String dir = s.outputDir(output);
        SizeJudge.check(s, s.mode() == StandardEvaluator.Mode.FULL, TaskHeap.of(SparkSessions.resolveMaster(master), System::getProperty,
                Runtime.getRuntime().maxMemory(), Runtime.getRuntime().availableProcessors(), 0));
        if (dryRun) {
            print(Main.planReport(s, dir));
            return CliSupport.OK;
        }
        if (!json) {
            out().println("sweep " + s.name() + ": " + s.grid().size() + " points (" + s.grid().pointsPerSeed() + " x " + s.grid().seeds()
                    + " seed" + (s.grid().seeds() == 1 ? "" : "s") + "), specHash " + s.specHash().substring(0, 12)
                    + ", output " + dir + ", master " + SparkSessions.resolveMaster(master) + ", linear algebra "
                    + (LinAlg.best().isNative() ? "native (OpenBLAS)" : "pure Java (install libopenblas0 for native BLAS/LAPACK)"));
            out().flush();
        }
        SparkSession spark = spark("diffsweep " + s.name());
        SweepOptions so = SweepOptions.defaults().withProgress(Output.stream(err()), System.console() != null).withBreakLock(breakLock).withRepair(repair);
        if (waveSize > 0) so = so.withWaveSize(waveSize);
        SweepRequest<PointParams, PointResult> req = SweepCommands.request(s, dir, model);
        String m = SparkSessions.master(spark);
        SweepRunner.OutputStep outputs = ledger -> {
            SweepReport.Outcome r = MixtureOutputs.write(spark, ledger, s, m);
            err().println("report: " + r.slices().size() + " slice(s), " + r.cells() + " phase cells -> " + dir + "/" + SweepReport.REPORT_HTML);
            err().flush();
        };
        RefineSpec refine = RefineSpec.of(s);
        Map<String, Object> outcome = new LinkedHashMap<>();
        long failed;
        if (refine == null) {
            SweepOutcome o = new SweepRunner(spark).run(req, so, outputs);
            outcome.put("outcome", o);
            failed = o.failedPoints();
            if (!json) {
                out().printf("done: %d points in grid, %d already in the ledger, %d computed, %s; %.1f s "
                                + "(plan %.1f s, evaluate %.1f s, outputs %.1f s) -> %s%n", o.gridPoints(), o.alreadyDone(), o.computed(),
                        o.failureSummary(), o.totalSeconds(), o.planSeconds(), o.evalSeconds(), o.outputSeconds(), dir);
            }
        } else {
            RefiningSweep.Outcome r = new RefiningSweep(spark).run(req, s.grid(), refine, so, outputs);
            outcome.put("refinement", r);
            failed = r.failed();
            if (!json) {
                out().println("done: " + r.computed() + " points computed (" + r.failed() + " not OK); refinement: " + r.waves()
                        + " wave(s) added " + r.added() + " points per seed (" + r.points() + " in all, base grid included); stopped: "
                        + r.stop().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " -> " + dir);
            }
        }
        if (json) {
            Map<String, Object> mm = Json.object("name", s.name(), LedgerTable.SPEC_HASH.name(), s.specHash(), "output", dir, "master", m);
            mm.putAll(outcome);
            print(mm);
        }
        out().flush();
        return failed > 0 ? CliSupport.FAILED : CliSupport.OK;
    }
}

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Regenerate every output of a sweep (results.csv, summary.txt, phase tables, figures, report.html)",
                "from its ledger; no point is recomputed (only the analytic spectrum of one baseline point per slice)."})
final class ReportCommand extends SweepCommands.SparkBase implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "Output folder of a sweep (e.g. runs/quickstart).")
    String dir;

    @Option(names = "--repair", description = "Move corrupt ledger files to DIR/quarantine/ (their points are missing until the "
            + "sweep is run again).")
    boolean repair;

    @Option(names = "--break-lock", description = "Take over the output folder's lock even if its holder looks alive.")
    boolean breakLock;

    @Option(names = "--compact-ledger", description = "First rewrite the ledger as one Parquet file (same rows; for committing "
            + "a ledger of many small waves).")
    boolean compact;

    @Override public Integer call() throws IOException {
        SweepCommands.Opened run = open(dir, "diffsweep report");
        SweepSpec s = run.spec();
        SparkSession spark = run.spark();
        SweepRequest<PointParams, PointResult> req = SweepCommands.request(s, dir, new MixtureModel());
        SweepReport.Outcome[] o = new SweepReport.Outcome[1];
        new SweepRunner(spark).writeOutputs(req, SweepOptions.defaults().withForceOutputs(true).withRepair(repair).withBreakLock(breakLock)
                        .withProgress(Output.stream(err()), false), ledger -> {
                    if (compact) ledger.compact(spark, req.model().table(), s.grid().axisNames());
                    o[0] = MixtureOutputs.write(spark, ledger, s, SparkSessions.master(spark));
                });
        if (json) {
            print(Json.object("output", dir, "slices", o[0].slices(), "xAxis", o[0].xAxis(), "yAxis", o[0].yAxis(), "cells", o[0].cells(),
                    "boundaryPoints", o[0].boundaryPoints(), "files", o[0].files()));
        } else {
            out().println("report: " + o[0].slices().size() + " slice(s), " + o[0].cells() + " phase cells, " + o[0].boundaryPoints()
                    + " boundary points, " + o[0].files().size() + " files -> " + dir + "/" + SweepReport.REPORT_HTML);
        }
        return CliSupport.OK;
    }
}

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Re-evaluate one recorded point in this process and compare it bit for bit with its ledger rows.",
                "Exit status: 0 identical, 1 different (the differing fields are printed) or not reproducible, "
                        + "2 unknown point id or not a run folder."})
final class ReplayCommand extends Main.Base implements Callable<Integer> {
    private final MixtureModel model;

    ReplayCommand(MixtureModel model) { this.model = model; }

    @Parameters(index = "0", paramLabel = "POINT_ID", description = "A pointId from the ledger or results.csv, or a unique prefix (>= 6 hex digits).")
    String pointId;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "The run's output folder (e.g. runs/quickstart; any Hadoop path).")
    String run;

    @Override public Integer call() throws IOException {
        SparkSession spark = SparkSessions.getOrCreate("local[1]", "diffsweep replay", false, Map.of());
        Ledger ledger = Ledger.open(SparkSessions.hadoopConf(spark), run);
        SweepSpec s = SweepCommands.storedSpec(ledger, run);
        Replay.Result r = Replay.replay(spark, ledger, s.grid(), SweepCommands.request(s, run, model).model(), pointId);
        if (json) {
            print(Json.map(r));
        } else if (r.status() == Replay.Status.UNKNOWN) {
            err().println("error: " + r.message());
        } else {
            out().println("replay " + r.pointId() + ": " + r.message());
            for (Replay.FieldDiff d : r.diffs()) out().println("  " + d);
        }
        return r.status().exitCode;
    }
}

@Command(name = "audit", hidden = true,
        description = "Audit a run folder's raw ledger against its stored spec's grid: one JSON line; exit 0 when every grid "
                + "point is present exactly once, else 1 (used by deploy/it-standalone.sh).")
final class AuditCommand extends Main.Base implements Callable<Integer> {
    private final MixtureModel model;

    AuditCommand(MixtureModel model) { this.model = model; }

    @Parameters(index = "0", paramLabel = "DIR", description = "Output folder of a sweep.")
    String dir;

    @Override public Integer call() throws IOException {
        SparkSession spark = SparkSessions.getOrCreate("local[1]", "diffsweep audit", false, Map.of());
        Ledger ledger = Ledger.open(SparkSessions.hadoopConf(spark), dir);
        SweepSpec s = SweepCommands.storedSpec(ledger, dir);
        SweepRequest<PointParams, PointResult> req = SweepCommands.request(s, dir, model);
        Audit a = Audit.of(ledger.readAll(spark, model.table(), s.grid().axisNames()), new SweepRunner(spark).gridIds(req), s.grid().size());
        out().println(Json.ordered(a).replaceAll("\\s*\\n\\s*", " "));
        return a.exactlyOnce() ? CliSupport.OK : CliSupport.FAILED;
    }
}
