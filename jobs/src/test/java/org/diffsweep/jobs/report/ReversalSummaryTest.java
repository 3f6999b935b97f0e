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
        return new PhaseCell("t=0.1", m, x, y, 3, 0, 0, 0.1, 0.01, 0.02, 1, 1, p);
    }

    @Test
    void describesReversedRangesAndPredictorAgreement() {
        List<PhaseCell> cells = new ArrayList<>();
        double[] ys = {0.01, 0.03, 0.1, 1, 10};
        for (double x : new double[] {0.5, 2}) {
            for (double y : ys) {
                Phase meas = x == 2 && y < 0.05 ? Phase.REVERSED : y == 1 && x == 0.5 ? Phase.AMBIGUOUS : Phase.BASELINE;
                cells.add(cell(DMetric.GEN_MEASURED, x, y, meas));
                // the cw predictor also reverses at y = 0.1: one disagreement
                Phase cw = x == 2 && y < 0.5 ? Phase.REVERSED : Phase.BASELINE;
                cells.add(cell(DMetric.GEN_PRED_CW, x, y, cw));
                cells.add(cell(DMetric.MEM_MEASURED, x, y, Phase.BASELINE));
                cells.add(cell(DMetric.RESID_GEN_CW, x, y, Phase.NOT_APPLICABLE));
            }
        }
        List<String> s = ReversalSummary.describe(cells, "variance ratio", "imbalance ratio");
        assertEquals(4, s.size(), s.toString()); // GEN measured, GEN cw, MEM measured, cw agreement
        String gen = s.stream().filter(t -> t.contains("D_gen (measured)")).findFirst().orElseThrow();
        assertTrue(gen.contains("reversed in 2 of 10 cells"), gen);
        assertTrue(gen.contains("at variance ratio = 2 for imbalance ratio in [0.01, 0.03]"), gen);
        assertTrue(gen.contains("1 ambiguous"), gen);
        String mem = s.stream().filter(t -> t.contains("D_mem (measured)")).findFirst().orElseThrow();
        assertTrue(mem.contains("no reversal in the explored range (baseline order in 10 of 10 cells)"), mem);
        String agree = s.stream().filter(t -> t.contains("vs measured")).findFirst().orElseThrow();
        // decided in both: 9 cells (one measured ambiguous); they differ at (2, 0.1) only
        assertTrue(agree.contains("same phase in 8 of 9 cells"), agree);
    }
}
