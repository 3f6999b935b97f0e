package org.diffsweep.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.diffsweep.jobs.cli.Main;
import org.diffsweep.jobs.fit.FitOutputs;
import org.diffsweep.jobs.spec.SweepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Sobol design sweep through the real runner and outputs, then {@code diffsweep fit} on its ledger. The fake's
 * D_gen = ln R_σ − ln R_π, and R_π is not swept: D_gen depends on the variance ratio only, so the forest's importance
 * must sit on it and not on ψ_n; the fake never reaches τ_mem, so D_mem and both windows are censored everywhere.
 */
class DesignFitTest {
    @TempDir Path tmp;

    @Test
    void aDesignSweepHasNoMapsAndItsFitFindsTheOneParameter() throws IOException {
        SweepSpec s = SweepSpec.parse("name: design\nbase: {d: 8, psiP: 1, psiN: 2, t: 0.01, seed: 3, classes: "
                + "[{name: A, weight: 0.5, radius: 1, angleDeg: 0, variance: 1}, {name: B, weight: 0.5, radius: 1, angleDeg: 180,"
                + " variance: 1}]}\ndesign:\n  kind: sobol\n  points: 32\n  ranges:\n    varianceRatio: [0.0625, 16, log]\n"
                + "    psiN: [2, 4, linear]\nseeds: 1\n", "test");
        Path out = tmp.resolve("run");
        SweepOutcome o = Sweeps.run(out, s, FakeEvaluator.model("design", false), SweepOptions.defaults());
        assertEquals(32, Sweeps.ledger(out).size() / 2);
        String summary = Files.readString(out.resolve("report.html"));
        assertTrue(summary.contains("space-filling design"), "the report says why there is no map");

        StringWriter so = new StringWriter(), se = new StringWriter();
        int status = Main.execute(new PrintWriter(so), new PrintWriter(se), FakeEvaluator.model("design", false), "fit", out.toString(),
                "--master", "local[2,3]", "--trees", "10", "--bootstrap", "0");
        assertEquals(0, status, se + " / " + so);
        List<String> rows = Files.readAllLines(out.resolve(FitOutputs.FIT_CSV));
        assertEquals(FitOutputs.HEADER, rows.get(0));
        String[] ratio = rows.stream().filter(r -> r.startsWith("GEN_MEASURED,varianceRatio,log,")).findFirst().orElseThrow().split(",");
        String[] psiN = rows.stream().filter(r -> r.startsWith("GEN_MEASURED,psiN,linear,")).findFirst().orElseThrow().split(",");
        assertTrue(Double.parseDouble(ratio[3]) > 0.95, "importance " + ratio[3]);
        assertTrue(Double.parseDouble(psiN[3]) < 0.05, "importance " + psiN[3]);
        assertEquals("32", ratio[6], "every design point has an exact D_gen");
        String[] mem = rows.stream().filter(r -> r.startsWith("MEM_MEASURED,")).findFirst().orElseThrow().split(",", -1);
        assertEquals("0", mem[6]);
        assertEquals("32", mem[7]); assertEquals("0", mem[8], "all 32 points censored, none missing");
        assertTrue(so.toString().contains("fit: 32 parameter points"), so.toString());
        for (String f : List.of(FitOutputs.PD_CSV, FitOutputs.FIT_HTML, "figures/pd-D_gen.png")) assertTrue(Files.size(out.resolve(f)) > 0, f);
    }
}
