package org.diffsweep.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.diffsweep.jobs.phase.DMetric;
import org.diffsweep.jobs.phase.Phase;
import org.diffsweep.jobs.phase.PhaseCell;
import org.junit.jupiter.api.Test;

class ReversalSummaryTest {
    static PhaseCell cell(DMetric m, double x, double y, Phase p) {
        return new PhaseCell("t=0.1", m, x, y, 3, 0, 0, 0, 0.1, 0.01, 0.02, 1, 1, p);
    }

    @Test
    void tabulatesReversedRangesAndDescribesPredictorAgreement() {
        List<PhaseCell> cells = new ArrayList<>();
        double[] ys = {0.01, 0.03, 0.1, 1, 10};
        for (double x : new double[] {0.5, 2}) {
            for (double y : ys) {
                Phase meas = x == 2 && y < 0.05 ? Phase.REVERSED : y == 1 && x == 0.5 ? Phase.AMBIGUOUS : Phase.BASELINE;
                cells.add(cell(DMetric.GEN_MEASURED, x, y, meas));
                // the cw predictor also reverses at y = 0.1: one disagreement
                Phase cw = x == 2 && y < 0.5 ? Phase.REVERSED : Phase.BASELINE;
                cells.add(cell(DMetric.GEN_SPEC_CW, x, y, cw));
                cells.add(cell(DMetric.MEM_MEASURED, x, y, Phase.BASELINE));
                cells.add(cell(DMetric.RESID_GEN_SPEC_CW, x, y, Phase.NOT_APPLICABLE));
            }
        }
        ReportTable t = ReversalSummary.reversalTable(cells, "varianceRatio", "imbalanceRatio");
        assertEquals(3, t.rows().size(), t.rows().toString()); // GEN measured, GEN cw, MEM measured
        List<String> gen = t.rows().stream().filter(r -> r.get(1).equals("D_gen (measured)")).findFirst().orElseThrow();
        // columns: slice, order parameter, baseline, reversed, ambiguous, no baseline, censored, missing, where
        assertEquals(List.of("t=0.1", "D_gen (measured)", "7", "2", "1", "0", "0", "0", "2: [0.01, 0.03]"), gen);
        List<String> mem = t.rows().stream().filter(r -> r.get(1).equals("D_mem (measured)")).findFirst().orElseThrow();
        assertEquals(List.of("t=0.1", "D_mem (measured)", "10", "0", "0", "0", "0", "0", "none"), mem);
        assertTrue(t.header().get(8).contains("varianceRatio") && t.header().get(8).contains("imbalanceRatio"), t.header().toString());
        List<String> s = ReversalSummary.describe(cells);
        assertEquals(1, s.size(), s.toString());
        // decided in both: 9 cells (one measured ambiguous); they differ at (2, 0.1) only
        assertTrue(s.get(0).contains("same phase in 8 of 9 cells"), s.get(0));
    }

    @Test
    void windowTableListsWhereOneClassIsMemorizedBeforeTheOtherLearns() {
        List<PhaseCell> cells = new ArrayList<>();
        for (double x : new double[] {1, 16, 64}) {
            for (double y : new double[] {0.1, 1, 10}) {
                int sign = x == 64 || (x == 16 && y >= 1) ? -1 : x == 1 ? 1 : 0;
                cells.add(new PhaseCell("t=0.1", DMetric.X_AB_MEASURED, x, y, 3, 0, 0, 0, sign * 0.5, 0.01, 0.02, sign, 1, Phase.BASELINE));
                cells.add(new PhaseCell("t=0.1", DMetric.X_BA_MEASURED, x, y, 3, 0, 0, 0, 1.0, 0.01, 0.02, 1, 1, Phase.BASELINE));
                cells.add(cell(DMetric.GEN_MEASURED, x, y, Phase.BASELINE));
            }
        }
        ReportTable t = ReversalSummary.windowTable(cells, "varianceRatio", "imbalanceRatio");
        assertEquals(2, t.rows().size(), t.rows().toString());
        assertEquals(List.of("t=0.1", "X_AB (measured)", "5", "3", "1", "16: [1, 10]; 64: [0.1, 10]"), t.rows().get(0));
        assertEquals(List.of("t=0.1", "X_BA (measured)", "0", "9", "0", "none"), t.rows().get(1));
    }
}
