package org.diffsweep.unet.sweep;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.diffsweep.jobs.cli.CliSupport;
import org.diffsweep.jobs.cli.Output;
import org.diffsweep.jobs.grid.Canonical;
import org.diffsweep.jobs.json.Json;
import org.diffsweep.jobs.ledger.Exports;
import org.diffsweep.jobs.ledger.LedgerTable;
import org.diffsweep.jobs.run.SparkSessions;
import org.diffsweep.jobs.run.SweepOptions;
import org.diffsweep.jobs.run.SweepOutcome;
import org.diffsweep.jobs.run.SweepRequest;
import org.diffsweep.jobs.run.SweepRunner;
import org.diffsweep.unet.experiment.FmnistPoint;
import org.diffsweep.unet.experiment.FmnistSpec;
import org.diffsweep.unet.report.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Runs a Fashion-MNIST spec through the Spark sweep engine, resumably ({@code unet/fmnist.sh sweep SPEC.yaml}).
 * Output (default {@code runs/<spec name>}): the ledger ({@code ledger/wave=N/*.parquet}, one row per point and
 * class, {@link FmnistModel}), {@code results.csv}, and, when the output is a local folder,
 * {@code points/<label>/curves.csv} and {@code times.csv} of every computed point and the per-class f_mem and loss-gap
 * figures ({@link FmnistFigures}). A re-run computes only points missing from the ledger.
 *
 * <p>Executors run DJL: they need {@code -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1
 * -Dai.djl.pytorch.num_interop_threads=1} and a writable {@code DJL_CACHE_DIR}. In local mode the executors are this
 * JVM ({@code unet/fmnist.sh} sets both). On a cluster this class sets {@code spark.executor.extraJavaOptions} and
 * {@code spark.executorEnv.DJL_CACHE_DIR} / {@code OMP_NUM_THREADS} unless given as {@code -Dspark...} properties;
 * the application jar must then carry DJL's api, pytorch-engine, pytorch-jni and the pytorch-native-cpu jar, and the
 * data directory must exist on every executor. DJL trains one model at a time per JVM, so the default master is
 * {@code local[1]} and cluster executors get {@code spark.executor.cores=1} (scale out with more executors).
 * Exit status as in {@link CliSupport}.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run (or resume) a Fashion-MNIST U-Net spec on Spark; outputs under runs/<name>/ (docs/fmnist.md).")
public final class FmnistSweep implements Callable<Integer> {
    static final String DJL_OPTS = "-Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1";

    @Spec CommandSpec cmd;

    @Parameters(index = "0", paramLabel = "SPEC.yaml", description = "Fashion-MNIST spec file.")
    Path spec;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default local[1]: DJL trains one model per JVM).")
    String master;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Output folder (default runs/<name>).")
    String output;

    @Option(names = "--data", paramLabel = "DIR", description = "Fashion-MNIST folder (default: the spec's dataDir).")
    String data;

    @Option(names = "--wave-size", paramLabel = "N", defaultValue = "64", description = "Most points per ledger wave (default 64).")
    int wave;

    @Option(names = "--no-curves", description = "Do not write per-point curves and figures.")
    boolean noCurves;

    @Option(names = "--break-lock", description = "Take over the output folder's lock even if its holder looks alive.")
    boolean breakLock;

    public static void main(String[] args) {
        System.exit(CliSupport.commandLine(new FmnistSweep()).execute(args));
    }

    @Override public Integer call() throws IOException {
        FmnistSpec s = FmnistSpec.read(spec);
        String out = output != null ? output : Path.of("runs", s.name()).toString();
        String dataDir = data != null ? data : s.dataPath().toString();
        // One task slot per JVM (DJL trains one model at a time per JVM, see FmnistEvaluator).
        String m = master != null || System.getProperty("spark.master") != null ? SparkSessions.resolveMaster(master) : "local[1]";
        SparkSession spark = SparkSessions.getOrCreate(m, "diffsweep-fmnist " + s.name(), false, executorConf(m));
        var pw = cmd.commandLine().getOut();
        SweepRequest<FmnistPoint, FmnistOutcome> req = request(s, out, dataDir, !noCurves);
        SweepOptions opt = SweepOptions.defaults().withWaveSize(wave).withProgress(Output.stream(cmd.commandLine().getErr()), false)
                .withBreakLock(breakLock);
        SweepOutcome o = new SweepRunner(spark).run(req, opt, ledger -> {
            Dataset<Row> view = ledger.readAll(spark, req.model().table(), req.grid().axisNames())
                    .dropDuplicates(LedgerTable.POINT_ID.name(), LedgerTable.CLASS_INDEX.name());
            Exports.resultsCsv(ledger, view);
            if (!noCurves && localFolder(out, "points") != null) {
                List<Path> figs = FmnistFigures.write(RunRecord.readAll(Path.of(localFolder(out, "points"))),
                        Path.of(localFolder(out, "figures")));
                pw.println("figures: " + figs.size() + " PNG (+ SVG) under " + localFolder(out, "figures"));
            }
        });
        pw.printf(Locale.ROOT, "%s: %d points, %d already in the ledger, %d computed, %s; %.1f s "
                        + "(plan %.1f, evaluate %.1f, outputs %.1f); output %s%n", s.name(), o.gridPoints(),
                o.alreadyDone(), o.computed(), o.failureSummary(), o.totalSeconds(), o.planSeconds(), o.evalSeconds(),
                o.outputSeconds(), out);
        pw.flush();
        return o.hasFailures() ? CliSupport.FAILED : CliSupport.OK;
    }

    /**
     * The sweep request of {@code spec}: {@link FmnistGrid} and {@link FmnistModel}. The canonical spec is the JSON of
     * {name, grid, base} (the data directory is not part of it: it changes no result); its SHA-256 is the specHash.
     * Per-point curves go to {@code output/points} when {@code curves} and the output is a local path.
     */
    public static SweepRequest<FmnistPoint, FmnistOutcome> request(FmnistSpec spec, String output, String dataDir, boolean curves) {
        Map<String, Object> tree = canonicalTree(spec);
        return new SweepRequest<>(spec.name(), Canonical.sha256Hex(Canonical.encode(tree)), Json.sorted(tree), new FmnistGrid(spec),
                output, new FmnistModel(dataDir, curves ? localFolder(output, "points") : null));
    }

    static Map<String, Object> canonicalTree(FmnistSpec spec) {
        Map<String, Object> g = new TreeMap<>();
        List<Object> pairs = new ArrayList<>();
        for (List<Integer> p : spec.grid().classPairs()) pairs.add(List.of((long) p.get(0), (long) p.get(1)));
        g.put("classPairs", pairs);
        g.put("piA", new ArrayList<Object>(spec.grid().piA()));
        List<Object> ns = new ArrayList<>();
        for (int n : spec.grid().n()) ns.add((long) n);
        g.put("n", ns);
        g.put("seeds", (long) spec.grid().seeds());
        if (spec.dedupeMirrors()) g.put("dedupeMirrors", true); // absent when false: older specs keep their hash
        Map<String, Object> m = new TreeMap<>();
        m.put("name", spec.name());
        m.put("grid", g);
        m.put("base", FmnistModel.tree(spec.base()));
        return m;
    }

    /** {@code output/child} as a local path when {@code output} is local (no scheme or file:), else null. */
    static String localFolder(String output, String child) {
        URI u = URI.create(output.replace('\\', '/').replace(" ", "%20"));
        if (u.getScheme() == null) return Path.of(output, child).toAbsolutePath().toString();
        if ("file".equals(u.getScheme())) return Path.of(u).resolve(child).toString();
        return null;
    }

    /** DJL settings for executors in other JVMs (cluster modes); nothing in local mode. */
    static Map<String, String> executorConf(String master) {
        Map<String, String> m = new LinkedHashMap<>();
        if (master.startsWith("local")) return m;
        for (String[] kv : new String[][] {{"spark.executor.extraJavaOptions", DJL_OPTS},
                {"spark.executorEnv.DJL_CACHE_DIR", "/tmp/diffsweep-djl-cache"}, {"spark.executorEnv.OMP_NUM_THREADS", "1"},
                {"spark.executor.cores", "1"}}) {
            if (System.getProperty(kv[0]) == null) m.put(kv[0], kv[1]);
        }
        return m;
    }

    /** Runs the command in-process (tests). */
    static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        return CliSupport.execute(CliSupport.commandLine(new FmnistSweep()), out, err, args);
    }
}
