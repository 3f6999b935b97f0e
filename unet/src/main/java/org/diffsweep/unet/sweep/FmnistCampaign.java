package org.diffsweep.unet.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.diffsweep.unet.data.ClassStatistics;
import org.diffsweep.unet.data.FmnistDataset;
import org.diffsweep.unet.experiment.FmnistExperiment;
import org.diffsweep.unet.experiment.FmnistPoint;
import org.diffsweep.unet.experiment.FmnistResult;
import org.diffsweep.unet.experiment.FmnistSpec;
import org.diffsweep.unet.report.CampaignReport;
import org.diffsweep.unet.report.RunRecord;
import org.diffsweep.unet.report.TheoryOrder;

/**
 * A resumable Fashion-MNIST campaign in a results folder ({@code unet/fmnist.sh campaign SPEC.yaml}, docs/fmnist-cpu.md):
 * runs the spec's points one after the other into {@code OUT/points/<label>/} (curves.csv appended at every
 * checkpoint, run.csv and times.csv when the run ends), skipping points whose times.csv exists, and after each run
 * rewrites the campaign report ({@link CampaignReport}: fmem.csv, classes.csv, pairs.csv, report.md, with the theory's
 * order per configuration, {@link TheoryOrder}) and the figures ({@link FmnistFigures}) in OUT. A killed campaign
 * loses at most the run in progress (it restarts from step 0 on resume).
 * <pre>
 *   FmnistCampaign SPEC.yaml [--out DIR] [--data DIR] [--limit K] [--shard K/N] [--report-only]
 * </pre>
 * Runs go seed by seed (every configuration's seed 0 first), so a partial campaign covers every configuration.
 * {@code --limit K}: at most K runs in this call (the launcher's loop commits the folder between calls).
 * {@code --shard K/N}: only the runs at positions K, K + N, ... of that order, and no report (N processes, e.g. on
 * N cores or machines, fill disjoint run folders; {@code --report-only} then writes the report once).
 * Exit status: 0 every point done, 3 points remain (after --limit), 2 usage error, 1 failure.
 */
public final class FmnistCampaign {
    /** Exit status when points remain after {@code --limit}. */
    public static final int MORE = 3;

    private FmnistCampaign() {}

    public static void main(String[] args) {
        int rc;
        try {
            rc = run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            rc = 2;
        } catch (Exception e) {
            System.err.println("error: " + e);
            rc = 1;
        }
        System.exit(rc);
    }

    private static final String USAGE =
            "usage: campaign SPEC.yaml [--out DIR] [--data DIR] [--limit K] [--shard K/N] [--report-only]";

    static int run(String[] args, PrintStream out) throws IOException {
        if (args.length == 0 || args[0].startsWith("--")) throw new IllegalArgumentException(USAGE);
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if ("--report-only".equals(args[i])) {
                o.put("report-only", "true");
                continue;
            }
            if (!args[i].startsWith("--") || i + 1 >= args.length)
                throw new IllegalArgumentException("expected --option value at '" + args[i] + "'");
            o.put(args[i].substring(2), args[++i]);
        }
        Path specFile = Path.of(args[0]);
        if (!Files.isRegularFile(specFile)) throw new IllegalArgumentException("spec " + specFile + " not found");
        FmnistSpec spec = FmnistSpec.read(specFile);
        Path root = Path.of(o.getOrDefault("out", Path.of("results", spec.name()).toString()));
        Path data = o.containsKey("data") ? Path.of(o.get("data")) : spec.dataPath();
        if (!Files.isDirectory(data))
            throw new IllegalArgumentException("Fashion-MNIST folder " + data + " not found: install the Debian package "
                    + "dataset-fashion-mnist or pass --data DIR");
        int limit = Integer.parseInt(o.getOrDefault("limit", "0"));
        Path points = root.resolve("points");
        int[] shard = shard(o.getOrDefault("shard", "0/1"));
        List<FmnistPoint> order = spec.points().stream().sorted(Comparator.comparingInt(FmnistPoint::seed)).toList();
        List<FmnistPoint> all = IntStream.range(0, order.size()).filter(i -> i % shard[1] == shard[0])
                .mapToObj(order::get).toList();
        boolean reports = shard[1] == 1;
        for (FmnistPoint p : spec.points()) requireSameSettings(points.resolve(p.label()), p);
        int ran = 0;
        if (!o.containsKey("report-only")) {
            for (FmnistPoint p : all) {
                Path dir = points.resolve(p.label());
                if (Files.exists(dir.resolve("times.csv"))) continue;
                if (limit > 0 && ran >= limit) break;
                Instant t0 = Instant.now();
                out.println("run " + p.label() + " -> " + dir);
                out.flush();
                FmnistResult r = FmnistExperiment.run(p, p.defaultKey(), data, dir, (step, total, msg) -> {
                    out.println("  [" + p.label() + "] " + msg);
                    out.flush();
                });
                out.printf(Locale.ROOT, "done %s: %s, %d steps%s, %.0f train + %.0f eval CPU-s, %d NaN retries, wall %d s%n",
                        p.label(), r.status(), r.steps(), r.stoppedEarly() ? " (adaptive stop)" : "", r.trainCpuSeconds(),
                        r.evalCpuSeconds(), r.gradientRetries(), Duration.between(t0, Instant.now()).toSeconds());
                ran++;
                if (reports) report(spec, data, root, out);
            }
        }
        if (ran == 0 && reports || o.containsKey("report-only")) report(spec, data, root, out);
        int remaining = (int) all.stream().filter(p -> !Files.exists(points.resolve(p.label()).resolve("times.csv"))).count();
        String what = "campaign " + spec.name() + (reports ? "" : " shard " + shard[0] + "/" + shard[1]);
        out.println(remaining == 0 ? what + ": all " + all.size() + " runs done" + (reports ? "; report in " + root : "")
                : what + ": " + remaining + " of " + all.size() + " runs remain");
        out.flush();
        return remaining == 0 || o.containsKey("report-only") ? 0 : MORE;
    }

    /**
     * A run folder written with other settings (its point.txt holds another key) must not be resumed, skipped as done
     * or mixed into the report of this spec: a one-line error names it and the way out.
     */
    static void requireSameSettings(Path dir, FmnistPoint p) throws IOException {
        Path key = dir.resolve(FmnistExperiment.POINT_FILE);
        if (!Files.isRegularFile(key)) return;
        String saved = Files.readString(key).strip();
        if (!saved.equals(p.defaultKey()))
            throw new IllegalArgumentException(dir + " holds a run made with other settings than this spec's (its "
                    + "point.txt differs): move that folder away, or pass --out DIR for a new results folder");
    }

    /** {@code "K/N"} with 0 &le; K &lt; N as {K, N}; a malformed value is a usage error. */
    static int[] shard(String v) {
        String[] kn = v.split("/");
        try {
            int k = Integer.parseInt(kn[0].trim()), n = Integer.parseInt(kn[kn.length - 1].trim());
            if (kn.length == 2 && n >= 1 && k >= 0 && k < n) return new int[] {k, n};
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--shard " + v + ": expected K/N with 0 <= K < N, e.g. --shard 0/2");
    }

    /** Rewrites the report and figures of {@code root} from every run folder under {@code root/points}. */
    static void report(FmnistSpec spec, Path data, Path root, PrintStream out) throws IOException {
        List<RunRecord> runs = RunRecord.readAll(root.resolve("points"));
        if (runs.isEmpty()) return;
        ClassStatistics[] stats = FmnistExperiment.classStatistics(data);
        FmnistDataset ds = FmnistExperiment.dataset(data);
        // Every run of a campaign has the spec's one architecture (a folder made with other settings is refused), so the
        // parameter count of any finished run sets psi_p for every configuration, including those still training.
        double params = runs.stream().mapToDouble(r -> r.runValue("parameter_count")).filter(v -> !Double.isNaN(v))
                .findFirst().orElse(Double.NaN);
        Map<RunRecord.Config, TheoryOrder> theory = new TreeMap<>();
        if (!Double.isNaN(params)) {
            for (RunRecord r : runs) {
                if (theory.containsKey(r.config())) continue;
                theory.put(r.config(), TheoryOrder.evaluate(r.config(), stats, TheoryOrder.angleDeg(ds, r.config().classA(),
                        r.config().classB()), (long) params, spec.base().lossTime()));
            }
        }
        CampaignReport.write(CampaignReport.build(runs, theory), root);
        List<Path> figs = FmnistFigures.write(runs, root.resolve("figures"));
        out.println("report: " + runs.size() + " runs -> " + root.resolve("report.md") + ", " + figs.size() + " figures");
    }
}
