package org.diffsweep.unet.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.diffsweep.unet.data.ClassStatistics;
import org.diffsweep.unet.data.FmnistDataset;

/**
 * Command line for the Fashion-MNIST validation (no Spark):
 * <pre>
 *   stats  [--data DIR]                                   per-class variance and centroid norm (choose pairs)
 *   point  --spec FILE --classA A --classB B --piA P --n N [--seed S] --out DIR [--data DIR]
 *   preset --spec FILE --out DIR [--data DIR]             every grid point in turn; resumes (skips points whose
 *                                                         times.csv exists); writes DIR/curves.csv, DIR/times.csv
 *   evaluate --spec FILE --run DIR [--ddim K] [--samples M] [--draws R] [--data DIR]
 *                                                         the training state saved in a run folder (DIR/state.bin,
 *                                                         a run in progress or stopped) evaluated with another
 *                                                         sampler; DIR's name is the run's label in the spec
 * </pre>
 * Exit codes: 0 success, 2 usage error, 1 failure.
 */
public final class FmnistCli {
    private FmnistCli() {}

    public static void main(String[] args) {
        int rc;
        try {
            rc = run(args, System.out, System.err);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            rc = 2;
        } catch (Exception e) {
            e.printStackTrace();
            rc = 1;
        }
        System.exit(rc);
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        if (args.length == 0) {
            err.println("usage: FmnistCli stats|point|preset|evaluate [options]  (see class Javadoc)");
            return 2;
        }
        Map<String, String> o = options(args);
        switch (args[0]) {
            case "stats" -> stats(o, out);
            case "point" -> point(o, out);
            case "preset" -> preset(o, out);
            case "evaluate" -> evaluate(o, out);
            default -> throw new IllegalArgumentException("unknown command '" + args[0] + "'");
        }
        return 0;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length)
                throw new IllegalArgumentException("expected --option value at '" + args[i] + "'");
            m.put(args[i].substring(2), args[i + 1]);
        }
        return m;
    }

    private static String need(Map<String, String> o, String k) {
        String v = o.get(k);
        if (v == null) throw new IllegalArgumentException("missing --" + k);
        return v;
    }

    private static void stats(Map<String, String> o, PrintStream out) {
        Path dir = o.containsKey("data") ? Path.of(o.get("data")) : FmnistDataset.defaultDir();
        ClassStatistics[] st = FmnistExperiment.classStatistics(dir);
        out.println("class,name,count,variance,centroid_norm");
        for (ClassStatistics s : st)
            out.printf(Locale.ROOT, "%d,%s,%d,%.6f,%.4f%n", s.label(), FmnistDataset.NAMES[s.label()], s.count(),
                    s.variance(), s.centroidNorm());
    }

    private static void point(Map<String, String> o, PrintStream out) throws IOException {
        FmnistSpec spec = FmnistSpec.read(Path.of(need(o, "spec")));
        FmnistPoint p = new FmnistPoint(Integer.parseInt(need(o, "classA")), Integer.parseInt(need(o, "classB")),
                Double.parseDouble(need(o, "piA")), Integer.parseInt(need(o, "n")),
                Integer.parseInt(o.getOrDefault("seed", "0")), spec.base());
        Path data = o.containsKey("data") ? Path.of(o.get("data")) : spec.dataPath();
        runOne(p, data, Path.of(need(o, "out")), out);
    }

    private static FmnistResult runOne(FmnistPoint p, Path data, Path dir, PrintStream out) {
        Instant t0 = Instant.now();
        out.println("point " + p.label() + " -> " + dir);
        out.flush();
        FmnistResult r = FmnistExperiment.run(p, p.defaultKey(), data, dir, (step, total, msg) -> {
            out.println("  [" + p.label() + "] " + msg);
            out.flush();
        });
        out.printf(Locale.ROOT, "  done %s: status %s, %d parameters, t*=%d (OU %.4f), train %.0fs, eval %.0fs, "
                + "gradient retries %d, wall %ds%n", p.label(), r.status(), r.parameterCount(), r.lossStep(),
                r.lossOuTime(), r.trainSeconds(), r.evalSeconds(), r.gradientRetries(), Duration.between(t0, Instant.now()).toSeconds());
        for (ClassTimes t : r.times())
            out.printf(Locale.ROOT, "  class %d (%s, n_c=%d, var %.4f, |mu| %.2f): tau_gen %s, tau_mem %s, "
                    + "tau_gap %s%n", t.label(), t.role(), t.nTrain(), t.variance(), t.centroidNorm(), t.tauGen(),
                    t.tauMem(), t.tauGap());
        out.flush();
        return r;
    }

    private static void evaluate(Map<String, String> o, PrintStream out) throws IOException {
        FmnistSpec spec = FmnistSpec.read(Path.of(need(o, "spec")));
        Path run = Path.of(need(o, "run"));
        String label = run.toAbsolutePath().normalize().getFileName().toString();
        FmnistPoint p = spec.points().stream().filter(q -> q.label().equals(label)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no run labelled " + label + " in " + o.get("spec") + " (the folder name "
                        + "must be a run label of the spec, e.g. A8_B1_pi0.5_n32_s0)"));
        FmnistSettings s = p.settings();
        int ddim = Integer.parseInt(o.getOrDefault("ddim", Integer.toString(s.ddimSteps())));
        int samples = Integer.parseInt(o.getOrDefault("samples", Integer.toString(s.samples())));
        int draws = Integer.parseInt(o.getOrDefault("draws", "1"));
        if (draws < 1) throw new IllegalArgumentException("--draws must be >= 1");
        Path data = o.containsKey("data") ? Path.of(o.get("data")) : spec.dataPath();
        List<List<ClassCheckpoint>> res = FmnistExperiment.evaluateState(p, p.defaultKey(), data, run, samples, ddim,
                draws);
        out.printf(Locale.ROOT, "%s at step %d, %d samples of %d DDIM steps per draw%n", label, res.get(0).get(0).step(),
                samples, ddim);
        out.println("draw,class,role,assigned,sample_fraction,f_mem,f_mem_lo,f_mem_hi,cpu_s");
        for (int r = 0; r < res.size(); r++)
            for (ClassCheckpoint c : res.get(r))
                out.printf(Locale.ROOT, "%d,%d,%s,%d,%.4f,%.4f,%.4f,%.4f,%.1f%n", r, c.label(), c.role(), c.assigned(),
                        c.sampleFraction(), c.fMem(), c.fMemLo(), c.fMemHi(), c.evalCpuSeconds());
    }

    private static void preset(Map<String, String> o, PrintStream out) throws IOException {
        FmnistSpec spec = FmnistSpec.read(Path.of(need(o, "spec")));
        Path data = o.containsKey("data") ? Path.of(o.get("data")) : spec.dataPath();
        Path root = Path.of(need(o, "out"));
        List<FmnistPoint> points = spec.points();
        out.println("spec " + spec.name() + ": " + points.size() + " points");
        for (FmnistPoint p : points) {
            Path dir = root.resolve(p.label());
            if (Files.exists(dir.resolve("times.csv"))) {
                out.println("point " + p.label() + ": already done, skipped");
                continue;
            }
            runOne(p, data, dir, out);
        }
        // Concatenate per-point files with the point's coordinates in front.
        String prefix = "classA,classB,piA,n,seed,";
        StringBuilder curves = new StringBuilder(prefix + ClassCheckpoint.HEADER + "\n");
        StringBuilder times = new StringBuilder(prefix + ClassTimes.HEADER + "\n");
        for (FmnistPoint p : points) {
            Path dir = root.resolve(p.label());
            String k = p.classA() + "," + p.classB() + "," + p.piA() + "," + p.n() + "," + p.seed() + ",";
            appendBody(dir.resolve("curves.csv"), k, curves);
            appendBody(dir.resolve("times.csv"), k, times);
        }
        Files.writeString(root.resolve("curves.csv"), curves.toString(), StandardCharsets.UTF_8);
        Files.writeString(root.resolve("times.csv"), times.toString(), StandardCharsets.UTF_8);
        out.println("wrote " + root.resolve("curves.csv") + " and " + root.resolve("times.csv"));
    }

    private static void appendBody(Path f, String prefix, StringBuilder sb) throws IOException {
        if (!Files.exists(f)) return;
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) sb.append(prefix).append(lines.get(i)).append('\n');
    }
}
