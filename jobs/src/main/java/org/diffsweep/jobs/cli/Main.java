package org.diffsweep.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.jobs.report.SweepReport;
import org.diffsweep.jobs.spark.SparkSessions;
import org.diffsweep.jobs.spec.PointSpecs;
import org.diffsweep.jobs.spec.RunOptions;
import org.diffsweep.jobs.spec.SpecException;
import org.diffsweep.jobs.spec.SpecGrid;
import org.diffsweep.jobs.spec.SweepExecutor;
import org.diffsweep.jobs.spec.SweepPlan;
import org.diffsweep.jobs.spec.SweepSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The diffsweep command line: {@code run SPEC.yaml}, {@code point POINT.yaml}, {@code spectrum POINT.yaml},
 * {@code speciation POINT.yaml}, {@code replay POINT_ID --run DIR}. Exit status: 0 success, 1 failure of a run or an internal error, 2 a bad spec or
 * bad command line (one line {@code error: FIELD = VALUE: ALLOWED} on standard error, never a stack trace).
 */
@Command(name = "diffsweep", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Per-class generalization and memorization times of random-features diffusion models, swept on Spark.",
        footer = {"", "Exit status: 0 ok, 1 run failure or internal error, 2 bad spec or command line.",
                "Environment: DIFFSWEEP_MASTER (default Spark master), DIFFSWEEP_DEBUG=1 (stack traces of internal errors)."})
public final class Main implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    public static void main(String[] args) {
        int status = commandLine(Seams.science(), Seams.sweepExecutor()).execute(args);
        System.exit(status);
    }

    /** The full command tree with the given engines (tests pass their own). */
    public static CommandLine commandLine(ScienceFacade science, SweepExecutor executor) {
        CommandLine cl = new CommandLine(new Main())
                .addSubcommand(new RunCommand(executor))
                .addSubcommand(new ReplayCommand(executor))
                .addSubcommand(new PointCommand(science))
                .addSubcommand(new SpectrumCommand(science))
                .addSubcommand(new SpeciationCommand(science))
                .addSubcommand(new ReportCommand());
        cl.setExecutionExceptionHandler(Main::handle);
        return cl;
    }

    /** Runs the CLI in-process with the given writers; returns the exit status. */
    public static int execute(PrintWriter out, PrintWriter err, ScienceFacade science, SweepExecutor executor, String... args) {
        CommandLine cl = commandLine(science, executor);
        cl.setOut(out);
        cl.setErr(err);
        int status = cl.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    private static int handle(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (ex instanceof SpecException) {
            err.println("error: " + ex.getMessage());
        } else {
            boolean debug = "1".equals(System.getenv("DIFFSWEEP_DEBUG"));
            err.println("error: internal error in '" + cl.getCommandName() + "': " + ex
                    + (debug ? "" : " (set DIFFSWEEP_DEBUG=1 for the stack trace)"));
            if (debug) ex.printStackTrace(err);
        }
        err.flush();
        return ex instanceof SpecException ? 2 : 1;
    }

    /** Version from the jar manifest, else "development build". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"diffsweep " + (v == null ? "(development build)" : v)};
        }
    }

    /** Shared {@code --json} option and writers. */
    abstract static class Base {
        @Spec CommandSpec spec;

        @Option(names = "--json", description = "Print machine-readable JSON on standard output.")
        boolean json;

        PrintWriter out() { return spec.commandLine().getOut(); }

        PrintWriter err() { return spec.commandLine().getErr(); }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run (or resume) a sweep on Spark and write its outputs under runs/<name>/ (or --output).",
                    "The spec is validated and expanded on the driver first; see README 'Spec formats'."})
    static final class RunCommand extends Base implements Callable<Integer> {
        private final SweepExecutor executor;

        RunCommand(SweepExecutor executor) { this.executor = executor; }

        @Parameters(index = "0", paramLabel = "SPEC.yaml", description = "Sweep spec file.")
        Path file;

        @Option(names = "--master", paramLabel = "URL", defaultValue = "${env:DIFFSWEEP_MASTER:-}",
                description = "Spark master (default: env DIFFSWEEP_MASTER, else the spark.master property set by spark-submit, "
                        + "else local[*], which uses every core of this machine).")
        String master;

        @Option(names = {"-o", "--output"}, paramLabel = "DIR",
                description = "Output folder (default: the spec's 'output', else runs/<name>).")
        String output;

        @Option(names = "--dry-run", description = "Validate and expand the spec, print the plan, run nothing.")
        boolean dryRun;

        @Option(names = "--wave-size", paramLabel = "N", defaultValue = "0",
                description = "Points per ledger wave (one Spark job each; a crash loses at most the wave in flight). Default 256.")
        int waveSize;

        @Override public Integer call() {
            if (waveSize < 0) throw SpecException.of("--wave-size", Integer.toString(waveSize), "must be a positive integer (0 or absent: the default, 256)");
            SweepSpec s = SweepSpec.load(file);
            SweepPlan plan = SweepPlan.of(s, output);
            if (dryRun) {
                Output.print(new Report(planReport(plan), List.of()), json, out(), err());
                return 0;
            }
            if (!json) {
                SpecGrid g = (SpecGrid) plan.grid();
                out().println("sweep " + plan.name() + ": " + g.size() + " points (" + g.pointsPerSeed() + " x " + g.seeds()
                        + " seed" + (g.seeds() == 1 ? "" : "s") + "), specHash " + plan.specHash().substring(0, 12)
                        + ", output " + plan.outputDir() + ", master " + SparkSessions.resolveMaster(master));
                out().flush();
            }
            return executor.run(plan, new RunOptions(master, json, out(), err(), waveSize));
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {"Re-evaluate one recorded point in this process and compare it bit for bit with its ledger rows.",
                    "Exit status: 0 identical, 1 different (the differing fields are printed) or not reproducible, "
                            + "2 unknown point id or not a run folder."})
    static final class ReplayCommand extends Base implements Callable<Integer> {
        private final SweepExecutor executor;

        ReplayCommand(SweepExecutor executor) { this.executor = executor; }

        @Parameters(index = "0", paramLabel = "POINT_ID", description = "A pointId from the ledger or results.csv, or a unique prefix (>= 6 hex digits).")
        String pointId;

        @Option(names = "--run", required = true, paramLabel = "DIR", description = "The run's output folder (e.g. runs/quickstart; any Hadoop path).")
        String run;

        @Override public Integer call() {
            return executor.replay(run, pointId, new RunOptions("", json, out(), err()));
        }
    }

    /** The {@code run --dry-run} report: name, specHash, outputDir, sizes, axes with their values, base point. */
    static Map<String, Object> planReport(SweepPlan plan) {
        SpecGrid g = (SpecGrid) plan.grid();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", plan.name());
        m.put("specHash", plan.specHash());
        m.put("outputDir", plan.outputDir());
        m.put("points", g.size());
        m.put("pointsPerSeed", g.pointsPerSeed());
        m.put("seeds", g.seeds());
        List<Object> axes = new ArrayList<>();
        for (int j = 0; j < g.axisNames().size(); j++) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("path", g.axisNames().get(j));
            List<Double> vals = new ArrayList<>();
            for (double v : g.axisValues(j)) vals.add(v);
            a.put("values", vals);
            axes.add(a);
        }
        m.put("axes", axes);
        m.put("base", Reports.params(plan.spec().base()));
        return m;
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = {"Regenerate phase.csv, boundary.csv, figures/ and report.html of a sweep from its ledger",
                    "(no point is recomputed; only the analytic spectrum of one baseline point per slice)."})
    static final class ReportCommand extends Base implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "Output folder of a sweep (e.g. runs/quickstart).")
        String dir;

        @Option(names = "--master", paramLabel = "URL", defaultValue = "${env:DIFFSWEEP_MASTER:-}",
                description = "Spark master (default: env DIFFSWEEP_MASTER, else spark.master, else local[*]).")
        String master;

        @Override public Integer call() throws Exception {
            if (!SweepReport.hasLedger(dir)) {
                err().println("error: " + dir + ": no ledger found (expected " + dir
                        + "/ledger/wave=N/*.parquet, written by 'diffsweep run')");
                err().flush();
                return 2;
            }
            SparkSession spark = SparkSessions.getOrCreate(master, "diffsweep report", false, Map.of());
            SweepReport.Outcome o = new SweepReport(spark).generate(dir, spark.sparkContext().master());
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("output", dir);
                m.put("slices", o.slices());
                m.put("xAxis", o.xAxis());
                m.put("yAxis", o.yAxis());
                m.put("cells", o.cells());
                m.put("boundaryPoints", o.boundaryPoints());
                m.put("files", o.files());
                out().println(new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(m));
            } else {
                out().println("report: " + o.slices().size() + " slice(s), " + o.cells() + " phase cells, "
                        + o.boundaryPoints() + " boundary points, " + o.files().size() + " files -> " + dir
                        + "/" + SweepReport.REPORT_HTML);
            }
            out().flush();
            return 0;
        }
    }

    @Command(name = "point", mixinStandardHelpOptions = true,
            description = "Evaluate one grid point: per-class measured and predicted times (science fields appear as the engines land).")
    static final class PointCommand extends Base implements Callable<Integer> {
        private final ScienceFacade science;

        PointCommand(ScienceFacade science) { this.science = science; }

        @Parameters(index = "0", paramLabel = "POINT.yaml", description = "Single-point spec file.")
        Path file;

        @Option(names = "--curves", description = "Also print the per-class curves over the tau grid.")
        boolean curves;

        @Override public Integer call() {
            PointParams p = PointSpecs.load(file);
            Output.print(science.point(p, curves), json, out(), err());
            return 0;
        }
    }

    @Command(name = "spectrum", mixinStandardHelpOptions = true,
            description = "Class-resolved spectrum of U for one point (analytic; --empirical adds a sampled U).")
    static final class SpectrumCommand extends Base implements Callable<Integer> {
        private final ScienceFacade science;

        SpectrumCommand(ScienceFacade science) { this.science = science; }

        @Parameters(index = "0", paramLabel = "POINT.yaml", description = "Single-point spec file.")
        Path file;

        @Option(names = "--empirical", description = "Also sample U at this size and report its empirical spectrum.")
        boolean empirical;

        @Override public Integer call() {
            PointParams p = PointSpecs.load(file);
            Output.print(science.spectrum(p, empirical), json, out(), err());
            return 0;
        }
    }

    @Command(name = "speciation", mixinStandardHelpOptions = true,
            description = "Global and per-class speciation and collapse times for one point.")
    static final class SpeciationCommand extends Base implements Callable<Integer> {
        private final ScienceFacade science;

        SpeciationCommand(ScienceFacade science) { this.science = science; }

        @Parameters(index = "0", paramLabel = "POINT.yaml", description = "Single-point spec file.")
        Path file;

        @Override public Integer call() {
            PointParams p = PointSpecs.load(file);
            Output.print(science.speciation(p), json, out(), err());
            return 0;
        }
    }

}
