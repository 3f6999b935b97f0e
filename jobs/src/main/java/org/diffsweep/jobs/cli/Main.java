package org.diffsweep.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.diffsweep.core.evaluator.StandardEvaluator;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.jobs.json.Json;
import org.diffsweep.jobs.ledger.LedgerTable;
import org.diffsweep.jobs.ledger.MixtureModel;
import org.diffsweep.core.point.PointFootprint;
import org.diffsweep.jobs.plan.TaskHeap;
import org.diffsweep.jobs.run.Interrupts;
import org.diffsweep.jobs.spec.PointSpecs;
import org.diffsweep.jobs.spec.SizeJudge;
import org.diffsweep.jobs.spec.SpecGrid;
import org.diffsweep.jobs.spec.SweepSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The diffsweep command line: {@code run SPEC.yaml}, {@code report DIR}, {@code replay POINT_ID --run DIR},
 * {@code point|spectrum|speciation POINT.yaml}. Exit status as in {@link CliSupport}.
 */
@Command(name = "diffsweep", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Per-class generalization and memorization times of random-features diffusion models, swept on Spark.",
        footer = {"", "Exit status: 0 ok, 1 failed points or internal error, 2 bad input or environment, 130/143 interrupted.",
                "Environment: DIFFSWEEP_MASTER (default Spark master), DIFFSWEEP_DEBUG=1 (stack traces of internal errors).",
                "Documentation: docs/cli.md"})
public final class Main implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CliSupport.BAD_INPUT;
    }

    public static void main(String[] args) {
        installSignalHandlers();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true);
        int status = CliSupport.execute(commandLine(new MixtureModel()), out, err, args);
        if (Interrupts.raised() && status != Interrupts.status()) { // the signal came after the last Spark job: work is done
            err.println("interrupted by " + Interrupts.signalName() + " after the command had finished its work (exit status "
                    + status + " otherwise); nothing is lost");
            status = Interrupts.status();
        }
        err.flush();
        System.exit(status);
    }

    /**
     * SIGINT (Ctrl-C) and SIGTERM stop the command cleanly ({@link Interrupts}): a running sweep cancels its Spark
     * jobs and reports the committed points, exit 130 or 143; a command without Spark stops at once. A second signal,
     * or a sweep that does not stop within 60 s, halts the JVM (committed waves are never affected).
     */
    static void installSignalHandlers() {
        for (String name : new String[] {"INT", "TERM"}) {
            int status = name.equals("INT") ? CliSupport.INTERRUPTED_INT : CliSupport.INTERRUPTED_TERM;
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> onSignal(status));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // signal reserved by the JVM (e.g. -Xrs): keep the default behaviour
            }
        }
    }

    private static void onSignal(int status) {
        if (Interrupts.raised()) Runtime.getRuntime().halt(status);
        if (!Interrupts.raise(status)) {
            System.err.println("interrupted by " + Interrupts.signalName() + "; nothing was being written");
            System.err.flush();
            Runtime.getRuntime().halt(status);
        }
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("interrupted by " + Interrupts.signalName() + ": stopping did not finish within 60 s; halted (committed"
                    + " waves are kept; run the same command again to resume)");
            System.err.flush();
            Runtime.getRuntime().halt(status);
        }, "diffsweep-interrupt-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** The full command tree; sweeps evaluate with {@code model} (tests pass a fake evaluator). */
    public static CommandLine commandLine(MixtureModel model) {
        return CliSupport.commandLine(new Main())
                .addSubcommand(new RunCommand(model))
                .addSubcommand(new ReportCommand())
                .addSubcommand(new FitCommand())
                .addSubcommand(new RobustnessCommand())
                .addSubcommand(new ReplayCommand(model))
                .addSubcommand(new PointCommand())
                .addSubcommand(new SpectrumCommand())
                .addSubcommand(new SpeciationCommand())
                .addSubcommand(new AuditCommand(model))
                .addSubcommand(new FootprintCommand());
    }

    /** Runs the CLI in-process with the given writers; returns the exit status. */
    public static int execute(PrintWriter out, PrintWriter err, MixtureModel model, String... args) {
        return CliSupport.execute(commandLine(model), out, err, args);
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

        void print(Map<String, Object> fields) { Output.print(new Report(fields, List.of()), json, out(), err()); }
    }

    /** A command on one single-point spec file. */
    abstract static class PointBase extends Base {
        @Parameters(index = "0", paramLabel = "POINT.yaml", description = "Single-point spec file.")
        Path file;

        PointParams point() { return PointSpecs.load(file); }
    }

    /** The {@code run --dry-run} report: name, specHash, outputDir, sizes, axes with their values, base point. */
    static Map<String, Object> planReport(SweepSpec s, String outputDir) {
        SpecGrid g = s.grid();
        List<Object> axes = new ArrayList<>();
        for (int j = 0; j < g.axisNames().size(); j++) axes.add(Json.object("path", g.axisNames().get(j), "values", g.axisValues(j)));
        return Json.object("name", s.name(), LedgerTable.SPEC_HASH.name(), s.specHash(), "outputDir", outputDir, "points", g.size(),
                "pointsPerSeed", g.pointsPerSeed(), "seeds", g.seeds(), "axes", axes, "base", MixtureModel.tree(s.base()));
    }

    @Command(name = "point", mixinStandardHelpOptions = true,
            description = "Evaluate one grid point: per-class measured and predicted times (docs/cli.md).")
    static final class PointCommand extends PointBase implements Callable<Integer> {
        @Option(names = "--curves", description = "Also print the per-class simulated and asymptotic curves over the tau grid.")
        boolean curves;

        @Option(names = "--theory-only", description = "Only the asymptotic theory and closed-form speciation (no simulation; ~0.1 s).")
        boolean theoryOnly;

        @Override public Integer call() {
            PointParams p = point();
            SizeJudge.check(p, !theoryOnly, TaskHeap.thisJvm(Runtime.getRuntime().maxMemory()));
            Output.print(PointReports.point(p, curves, theoryOnly ? StandardEvaluator.Mode.THEORY_ONLY : StandardEvaluator.Mode.FULL),
                    json, out(), err());
            return CliSupport.OK;
        }
    }

    @Command(name = "spectrum", mixinStandardHelpOptions = true,
            description = "Class-resolved spectrum of U for one point (analytic; --empirical adds a sampled U).")
    static final class SpectrumCommand extends PointBase implements Callable<Integer> {
        @Option(names = "--empirical", description = "Also sample U at this size and report its empirical spectrum.")
        boolean empirical;

        @Override public Integer call() {
            PointParams p = point();
            if (empirical) SizeJudge.check(p, true, TaskHeap.thisJvm(Runtime.getRuntime().maxMemory()));
            Output.print(PointReports.spectrum(p, empirical), json, out(), err());
            return CliSupport.OK;
        }
    }

    @Command(name = "footprint", hidden = true,
            description = "The heap estimate of one point (PointFootprint), as one JSON line (used by deploy/heap-calibration.sh).")
    static final class FootprintCommand extends PointBase implements Callable<Integer> {
        @Override public Integer call() {
            PointParams p = point();
            Map<String, Object> m = Json.object("estimateBytes", (long) PointFootprint.of(p, true).bytes(), "theoryOnlyBytes",
                    (long) PointFootprint.of(p, false).bytes(), "dominant", PointFootprint.of(p, true).dominant(), "maxHeapBytes",
                    Runtime.getRuntime().maxMemory());
            out().println(Json.sorted(m).replaceAll("\\s*\\n\\s*", " "));
            return CliSupport.OK;
        }
    }

    @Command(name = "speciation", mixinStandardHelpOptions = true,
            description = "Global and per-class speciation and collapse times for one point.")
    static final class SpeciationCommand extends PointBase implements Callable<Integer> {
        @Override public Integer call() {
            Output.print(PointReports.speciation(point()), json, out(), err());
            return CliSupport.OK;
        }
    }
}
