package org.diffsweep.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.diffsweep.jobs.phase.DMetric;
import org.diffsweep.jobs.phase.Phase;
import org.diffsweep.jobs.phase.PhaseCell;
import org.diffsweep.jobs.report.SweepReport;
import org.diffsweep.jobs.spec.SweepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report step on a tiny ledger written by the fake evaluator, whose D_gen = ln(R_sigma) − ln(R_pi) is known in
 * closed form: the reversal boundary is the diagonal R_pi = R_sigma and the baseline sign at R_pi = 1 is
 * sign(ln R_sigma).
 */
class ReportStepTest {
    static final double[] XS = {0.25, 0.5, 1, 2, 4};
    static final double[] YS = {0.3, 0.6, 1, 1.7, 5};

    @TempDir Path tmp;

    @Test
    void reportFromFakeLedger() throws IOException {
        Path out = tmp.resolve("run");
        SweepSpec s = Sweeps.spec("t", Arrays.toString(XS), Arrays.toString(YS), 2, 2);
        SweepReport.Outcome[] o1 = new SweepReport.Outcome[1];
        new SweepRunner(TestSpark.get()).run(Sweeps.request(s, s.grid(), out, FakeEvaluator.model("report", false)),
                SweepOptions.defaults(), ledger -> o1[0] = MixtureOutputs.write(TestSpark.get(), ledger, s, "local[2,3]"));
        SweepReport.Outcome o = o1[0];
        assertEquals(List.of("all"), o.slices());
        assertEquals("classes[0].variance", o.xAxis());
        assertEquals("imbalanceRatio", o.yAxis());
        for (String f : List.of("phase.csv", "boundary.csv", "report.html", "figures/phase-D_gen-all.png",
                "figures/phase-D_gen-all.svg", "figures/times-gen-all.png", "figures/speciation-all.png", "figures/spectrum-all.png",
                "results.csv", "summary.txt", "phase-diagram.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        Map<List<Double>, PhaseCell> gen = new HashMap<>();
        for (PhaseCell c : o.phaseCells()) {
            if (c.metric() == DMetric.GEN_MEASURED) gen.put(List.of(c.x(), c.y()), c);
        }
        assertEquals(XS.length * YS.length, gen.size());
        for (double x : XS) {
            for (double y : YS) {
                PhaseCell c = gen.get(List.of(x, y));
                if (x == 4 && y == 5) { // the fake fails there: no class rows, so the cell is missing
                    assertEquals(Phase.MISSING, c.phase());
                    continue;
                }
                double d = Math.log(x) - Math.log(y);
                // both seeds give the same value: mean exact up to the rounding of pi_A = R/(1+R) (1e-12)
                assertEquals(d, c.mean(), 1e-12, c.toString());
                Phase want = x == 1 && y == 1 ? Phase.AMBIGUOUS // D = 0 exactly: the interval [0, 0] contains 0
                        : x == 1 ? Phase.NO_BASELINE // the column's baseline cell is undetermined
                        : Math.signum(d) == Math.signum(Math.log(x)) ? Phase.BASELINE : Phase.REVERSED;
                assertEquals(want, c.phase(), c.toString());
            }
        }
        // The measured boundary is the diagonal: D is linear in (ln x, ln y) and crossings are interpolated in ln.
        List<String> rows = Files.readAllLines(out.resolve("boundary.csv"));
        int on = 0;
        for (String r : rows.subList(1, rows.size())) {
            String[] f = r.split(",");
            if (f[1].equals(DMetric.GEN_MEASURED.label())) {
                assertEquals(Math.log(Double.parseDouble(f[4])), Math.log(Double.parseDouble(f[5])), 1e-9, r);
                on++;
            }
        }
        assertTrue(on >= 4, "boundary vertices: " + on);
        assertEquals(1 + o.cells(), Files.readAllLines(out.resolve("phase.csv")).size());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("Where reversal occurs") && html.contains("<td>D_gen (measured)</td>"), "reversal table");
        assertTrue(html.contains("fake non-convergence"), "the failed point is listed");
        assertTrue(html.contains("local[2,3]"), "master URL in the provenance");
    }
}
