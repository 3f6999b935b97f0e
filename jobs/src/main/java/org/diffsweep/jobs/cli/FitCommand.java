package org.diffsweep.jobs.cli;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.diffsweep.jobs.fit.FitData;
import org.diffsweep.jobs.fit.FitOutputs;
import org.diffsweep.jobs.fit.HierarchyFit;
import org.diffsweep.jobs.fit.LedgerFit;
import org.diffsweep.jobs.json.Json;
import org.diffsweep.jobs.ledger.Ledger;
import org.diffsweep.jobs.phase.PhaseTables;
import org.diffsweep.jobs.run.SparkSessions;
import org.diffsweep.jobs.spec.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "fit", mixinStandardHelpOptions = true,
        description = {"Fit D_gen, D_mem, X_AB and X_BA (measured) over a sweep's parameters with Spark MLlib random forests:",
                "held-out error, feature importances with bootstrap intervals, partial dependence. Writes fit.csv,",
                "partial-dependence.csv, figures/pd-*.png|svg and fit.html into the folder; nothing is recomputed."})
final class FitCommand extends SweepCommands.SparkBase implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "Output folder of a sweep (best a space-filling design sweep).")
    String dir;

    @Option(names = "--trees", defaultValue = "100", paramLabel = "N", description = "Trees per forest (default ${DEFAULT-VALUE}).")
    int trees;

    @Option(names = "--max-depth", defaultValue = "6", paramLabel = "N", description = "Maximum tree depth (default ${DEFAULT-VALUE}).")
    int maxDepth;

    @Option(names = "--bootstrap", defaultValue = "30", paramLabel = "B",
            description = "Bootstrap forests for the importance intervals, 0 = none (default ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the split, resamples and forests (default ${DEFAULT-VALUE}).")
    long seed;

    @Override public Integer call() throws IOException {
        if (trees < 1 || maxDepth < 1 || maxDepth > 30 || bootstrap < 0) {
            err().println("error: --trees must be >= 1, --max-depth in [1, 30], --bootstrap >= 0");
            return CliSupport.BAD_INPUT;
        }
        SweepCommands.Opened run = open(dir, "diffsweep fit");
        SweepSpec s = run.spec();
        SparkSession spark = run.spark();
        Ledger ledger = run.ledger();
        HierarchyFit.Options o = new HierarchyFit.Options(trees, maxDepth, bootstrap, 12, 0.2, seed);
        long t0 = System.nanoTime();
        Map<String, org.diffsweep.jobs.phase.AxisScale> declared = new LinkedHashMap<>();
        if (s.design() != null) {
            for (var r : s.design().ranges()) declared.put(r.path(), r.log() ? org.diffsweep.jobs.phase.AxisScale.LOG : org.diffsweep.jobs.phase.AxisScale.LINEAR);
        }
        FitData data = LedgerFit.read(spark, ledger, s.grid().axisNames(), declared);
        List<HierarchyFit.TargetFit> fits = HierarchyFit.fit(spark, data, o);
        List<String> files = FitOutputs.write(ledger, s.name(), s.specHash(), SparkSessions.master(spark), fits, o);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (json) {
            print(Json.object("output", dir, "parameterPoints", data.points(), "features", data.features().stream().map(f -> f.label()).toList(),
                    "targets", fits.stream().map(t -> Json.object("target", t.target().name(), "points", t.points(), "censoredPoints",
                            t.censoredPoints(), "missingPoints", t.missingPoints(), "heldOutRmse", Double.isNaN(t.heldOutRmse()) ? null
                            : t.heldOutRmse(), "meanPredictorRmse", Double.isNaN(t.meanRmse()) ? null : t.meanRmse(), "seconds", t.seconds()))
                            .toList(), "seconds", seconds, "files", files));
        } else {
            for (HierarchyFit.TargetFit t : fits) {
                out().println(String.format(Locale.ROOT, "%-18s %5d points (%d censored, %d missing)  held-out RMSE %s (mean predictor %s)",
                        t.target().name(), t.points(), t.censoredPoints(), t.missingPoints(), PhaseTables.shortNumber(t.heldOutRmse()),
                        PhaseTables.shortNumber(t.meanRmse())));
            }
            out().println(String.format(Locale.ROOT, "fit: %d parameter points, %.1f s -> %s/%s", data.points(), seconds, dir, FitOutputs.FIT_HTML));
        }
        return CliSupport.OK;
    }
}
