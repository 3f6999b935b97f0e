package org.diffsweep.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.diffsweep.jobs.phase.DMetric;
import org.diffsweep.jobs.phase.Phase;
import org.diffsweep.jobs.phase.PhaseCell;
import org.diffsweep.jobs.phase.SliceLayout;
import org.diffsweep.jobs.report.SweepReport;
import org.diffsweep.jobs.spec.SweepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A three-class sweep of a few points through the real aggregation and report: every class pair gets its own
 * slices, with the fake's closed-form D_gen = ln((σ²_i/π_i) / (σ²_j/π_j)) per pair.
 */
class ThreeClassPairsTest {
    @TempDir Path tmp;

    @Test
    void everyClassPairHasItsOwnOrderParameters() throws IOException {
        SweepSpec s = SweepSpec.parse("name: three\nbase: {d: 8, psiP: 1, psiN: 2, t: 0.01, seed: 3, classes: ["
                + "{name: A, weight: 0.4, radius: 1, angleDeg: 0, variance: 1}, {name: B, weight: 0.4, radius: 1, angleDeg: 120, variance: 1},"
                + " {name: C, weight: 0.2, radius: 1, angleDeg: 240, variance: 1}]}\naxes:\n"
                + "  - {path: \"classes[0].variance\", values: [0.5, 2]}\n  - {path: \"classes[1].variance\", values: [0.5, 1, 4]}\n"
                + "seeds: 2\n", "test");
        Path out = tmp.resolve("run");
        SweepReport.Outcome[] o = new SweepReport.Outcome[1];
        new SweepRunner(TestSpark.get()).run(Sweeps.request(s, s.grid(), out, FakeEvaluator.model("three", false)),
                SweepOptions.defaults(), ledger -> o[0] = MixtureOutputs.write(TestSpark.get(), ledger, s, "local[2,3]"));
        assertEquals(List.of("pair=0/1 (A/B)", "pair=0/2 (A/C)", "pair=1/2 (B/C)"), o[0].slices());
        double[] w = {0.4, 0.4, 0.2};
        int checked = 0;
        for (PhaseCell c : o[0].phaseCells()) {
            double[] var = {c.x(), c.y(), 1.0}; // x = classes[0].variance, y = classes[1].variance
            int i = c.slice().charAt(5) - '0', j = c.slice().charAt(7) - '0';
            if (c.metric() == DMetric.GEN_MEASURED) {
                double want = Math.log((var[i] / w[i]) / (var[j] / w[j]));
                assertEquals(want, c.mean(), 1e-12, c.toString());
                Phase p = i == 0 && j == 1 ? (c.x() == c.y() ? Phase.AMBIGUOUS : Phase.BASELINE) // balanced: own baseline
                        : Math.abs(want) < 1e-12 ? Phase.AMBIGUOUS : Phase.NO_BASELINE;        // C is the minority
                assertEquals(p, c.phase(), c.toString());
                checked++;
            }
            if (c.metric() == DMetric.X_AB_MEASURED) { // tau_mem is never reached: above the grid, so X > 0
                assertEquals(Phase.CENSORED, c.phase(), c.toString());
                assertEquals(1, c.sign(), c.toString());
                assertEquals(2, c.censored());
            }
        }
        assertEquals(3 * 6, checked);
        TreeSet<String> figs = new TreeSet<>();
        try (var f = Files.list(out.resolve("figures"))) { f.forEach(p -> figs.add(p.getFileName().toString())); }
        for (String pair : List.of("pair_0_1_A_B", "pair_0_2_A_C", "pair_1_2_B_C")) {
            assertTrue(figs.contains("phase-D_gen-" + pair + ".png"), figs.toString());
            assertTrue(figs.contains("phase-X_AB-" + pair + ".png"), figs.toString());
        }
        assertEquals("pair_0_2_A_C", SliceLayout.slug("pair=0/2 (A/C)"));
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("pair=1/2 (B/C)"), "the report names every pair");
    }
}
