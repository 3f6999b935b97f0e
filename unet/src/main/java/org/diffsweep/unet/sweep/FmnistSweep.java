package org.diffsweep.unet.sweep;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.diffsweep.jobs.grid.Canonical;
import org.diffsweep.jobs.spark.SparkSessions;
import org.diffsweep.jobs.sweep.SweepOptions;
import org.diffsweep.jobs.sweep.SweepOutcome;
import org.diffsweep.jobs.sweep.SweepRefusedException;
import org.diffsweep.jobs.sweep.SweepRequest;
import org.diffsweep.jobs.sweep.SweepRunner;
import org.diffsweep.unet.experiment.FmnistSpec;

/**
 * Runs a Fashion-MNIST spec through the Spark sweep engine ({@link SweepRunner}), resumably:
 * <pre>
 *   unet/fmnist.sh sweep SPEC.yaml [--master URL] [--output DIR] [--data DIR] [--wave N] [--no-curves] [--break-lock]
 * </pre>
 * Output (default {@code runs/<spec name>}): the ledger ({@code ledger/wave=N/*.parquet}, one row per point and
 * class), {@code results.csv}, {@code summary.txt}, {@code phase-diagram.png/svg} (sign of D_gen = log(tau_gen,A /
 * tau_gen,B) over pi_A x n), and, when the output is a local folder, {@code points/<label>/curves.csv} and
 * {@code times.csv} of every computed point (per-checkpoint curves). A re-run computes only points missing from the
 * ledger.
 *
 * <p>Executors run DJL: they need {@code -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1
 * -Dai.djl.pytorch.num_interop_threads=1} and a writable {@code DJL_CACHE_DIR}. In local mode the executors are this
 * JVM ({@code unet/fmnist.sh} sets both). On a cluster this class sets {@code spark.executor.extraJavaOptions} and
 * {@code spark.executorEnv.DJL_CACHE_DIR} / {@code OMP_NUM_THREADS} unless given as {@code -Dspark...} properties;
 * the application jar must then carry DJL's api, pytorch-engine, pytorch-jni and the pytorch-native-cpu jar, and the
 * data directory must exist on every executor. DJL trains one model at a time per JVM, so the default master is
 * {@code local[1]} and cluster executors get {@code spark.executor.cores=1} (scale out with more executors).
 * Exit codes: 0 success, 2 usage error or refused resume, 1 failure.
 */
public final class FmnistSweep {
    private FmnistSweep() {}

    static final String DJL_OPTS = "-Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1"
            + " -Dai.djl.pytorch.num_interop_threads=1";

    public static void main(String[] args) {
        int rc;
        try {
            rc = run(args, System.out);
        } catch (IllegalArgumentException | SweepRefusedException e) {
            System.err.println("error: " + e.getMessage());
            rc = 2;
        } catch (Exception e) {
            e.printStackTrace();
            rc = 1;
        }
        System.exit(rc);
    }

    /** Parses the arguments, runs the sweep, prints the outcome; returns the exit code. */
    static int run(String[] args, PrintStream out) throws Exception {
        String spec = null, master = null, output = null, data = null;
        int wave = 64;
        boolean curves = true, breakLock = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--master" -> master = value(args, ++i);
                case "--output" -> output = value(args, ++i);
                case "--data" -> data = value(args, ++i);
                case "--wave" -> wave = Integer.parseInt(value(args, ++i));
                case "--no-curves" -> curves = false;
                case "--break-lock" -> breakLock = true;
                default -> {
                    if (args[i].startsWith("--") || spec != null) throw new IllegalArgumentException("unexpected argument "
                            + args[i] + "; usage: sweep SPEC.yaml [--master URL] [--output DIR] [--data DIR] [--wave N]"
                            + " [--no-curves] [--break-lock]");
                    spec = args[i];
                }
            }
        }
        if (spec == null) throw new IllegalArgumentException("usage: sweep SPEC.yaml [--master URL] [--output DIR]");
        FmnistSpec s = FmnistSpec.read(Path.of(spec));
        if (output == null) output = Path.of("runs", s.name()).toString();
        String dataDir = data != null ? data : s.dataPath().toString();
        // One task slot per JVM (DJL trains one model at a time per JVM, see FmnistEvaluator).
        String m = master != null || System.getProperty("spark.master") != null ? SparkSessions.resolveMaster(master)
                : "local[1]";
        SparkSession spark = SparkSessions.getOrCreate(m, "diffsweep-fmnist " + s.name(), false, executorConf(m));
        try {
            SweepOptions opt = SweepOptions.defaults().withWaveSize(wave).withProgress(out, false).withBreakLock(breakLock);
            SweepOutcome o = new SweepRunner(spark).run(request(s, output, dataDir, curves), opt);
            if (curves && URI.create(output.replace('\\', '/').replace(" ", "%20")).getScheme() == null) {
                List<Path> figs = FmnistFigures.write(Path.of(localFolder(output, "points")),
                        Path.of(localFolder(output, "figures")));
                out.println("figures: " + figs.size() + " PNG (+ SVG) under " + localFolder(output, "figures"));
            }
            out.printf(Locale.ROOT, "%s: %d points, %d already in the ledger, %d computed, %s; %.1f s "
                            + "(plan %.1f, evaluate %.1f, outputs %.1f); output %s%n", s.name(), o.gridPoints(),
                    o.alreadyDone(), o.computed(), o.failureSummary(), o.totalSeconds(), o.planSeconds(), o.evalSeconds(),
                    o.outputSeconds(), output);
        } finally {
            spark.stop();
        }
        return 0;
    }

    /**
     * The sweep request of {@code spec}: {@link FmnistGrid}, {@link FmnistPointIds}, {@link FmnistEvaluator}.
     * The canonical spec is the JSON of {name, grid, base} (the data directory is not part of it: it changes no
     * result); its SHA-256 is the specHash. Per-point curves go to {@code output/points} when {@code curves} and the
     * output is a local path.
     */
    public static SweepRequest request(FmnistSpec spec, String output, String dataDir, boolean curves) {
        Map<String, Object> tree = canonicalTree(spec);
        String canonical = Canonical.json(tree);
        String hash = Canonical.sha256Hex(Canonical.encode(tree));
        String curvesDir = curves ? localFolder(output, "points") : null;
        return new SweepRequest(spec.name(), hash, canonical, new FmnistGrid(spec), output,
                FmnistEvaluator.factory(spec.base(), dataDir, curvesDir), new FmnistPointIds(spec.base()));
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
        Map<String, Object> m = new TreeMap<>();
        m.put("name", spec.name());
        m.put("grid", g);
        m.put("base", FmnistPointIds.tree(spec.base()));
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
        putIfAbsent(m, "spark.executor.extraJavaOptions", DJL_OPTS);
        putIfAbsent(m, "spark.executorEnv.DJL_CACHE_DIR", "/tmp/diffsweep-djl-cache");
        putIfAbsent(m, "spark.executorEnv.OMP_NUM_THREADS", "1");
        putIfAbsent(m, "spark.executor.cores", "1");
        return m;
    }

    private static void putIfAbsent(Map<String, String> m, String key, String value) {
        if (System.getProperty(key) == null) m.put(key, value);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) throw new IllegalArgumentException(args[i - 1] + " needs a value");
        return args[i];
    }
}
