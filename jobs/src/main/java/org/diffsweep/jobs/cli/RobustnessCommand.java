package org.diffsweep.jobs.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.diffsweep.jobs.fit.LedgerRobustness;
import org.diffsweep.jobs.json.Json;
import org.diffsweep.jobs.phase.DMetric;
import org.diffsweep.jobs.phase.Robustness;
import org.diffsweep.jobs.phase.TimeDefinition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "robustness", mixinStandardHelpOptions = true,
        description = {"Re-read every point's per-class times from its stored curves under other definitions (delta_gen x0.3",
                "and x3, L_gen relative to L_test, quarter and three-quarter drops of E_score) and report per cell whether",
                "the orders D_gen, D_mem, X_AB, X_BA survive: robustness.csv and robustness-summary.csv in the folder."})
final class RobustnessCommand extends SweepCommands.SparkBase implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "Output folder of a sweep whose ledger stores curves.")
    String dir;

    @Override public Integer call() throws IOException {
        SweepCommands.Opened run = open(dir, "diffsweep robustness");
        long t0 = System.nanoTime();
        List<Robustness.Row> rows = LedgerRobustness.write(run.spark(), run.ledger(), run.spec());
        if (rows.isEmpty()) {
            err().println("error: " + dir + ": no point in the ledger has stored curves (written by evaluator version 4 and later); "
                    + "re-run the sweep into a new folder to get them");
            return CliSupport.BAD_INPUT;
        }
        Map<List<Object>, int[]> sum = Robustness.summary(rows);
        List<Map<String, Object>> lines = new ArrayList<>();
        for (DMetric metric : List.of(DMetric.GEN_MEASURED, DMetric.MEM_MEASURED, DMetric.X_AB_MEASURED, DMetric.X_BA_MEASURED)) {
            for (TimeDefinition v : TimeDefinition.values()) {
                if (v == TimeDefinition.BASE) continue;
                int[] t = new int[6];
                for (Map.Entry<List<Object>, int[]> e : sum.entrySet()) {
                    if (e.getKey().get(1) == metric && e.getKey().get(2) == v) for (int k = 0; k < 6; k++) t[k] += e.getValue()[k];
                }
                lines.add(Json.object("metric", metric.name(), "variant", v.name(), "decidedCells", t[0], "survive", t[1], "flip", t[2],
                        "undecided", t[3], "reversedCells", t[4], "stayReversed", t[5]));
                if (!json) {
                    out().println(String.format(java.util.Locale.ROOT, "%-14s %-19s %5d decided: %5d survive, %4d flip, %4d undecided; "
                            + "reversed %d, stay %d", metric.name(), v.name(), t[0], t[1], t[2], t[3], t[4], t[5]));
                }
            }
        }
        if (json) {
            print(Json.object("output", dir, "rows", rows.size(), "summary", lines, "seconds", (System.nanoTime() - t0) / 1e9, "files",
                    List.of(LedgerRobustness.CSV, LedgerRobustness.SUMMARY_CSV)));
        }
        else out().println("robustness: " + rows.size() + " rows -> " + dir + "/" + LedgerRobustness.CSV);
        return CliSupport.OK;
    }
}
