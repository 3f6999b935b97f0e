package org.diffsweep.jobs.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.EnumMap;
import org.diffsweep.core.evaluator.ClassField;
import org.diffsweep.core.evaluator.ClassResult;
import org.junit.jupiter.api.Test;

class PhaseAggregatorTest {

    static ClassResult cr(String name, Double tauGen, Double tauMem, boolean ambiguous, Double predW, Double predCw,
                          Double tS, Double tSMeasured) {
        Map<ClassField, Object> f = new EnumMap<>(ClassField.class);
        f.put(ClassField.TAU_GEN, tauGen);
        f.put(ClassField.TAU_MEM, tauMem);
        f.put(ClassField.AMBIGUOUS, ambiguous);
        f.put(ClassField.TAU_GEN_SPEC_W, predW);
        f.put(ClassField.TAU_MEM_SPEC_W, predW == null ? null : 2 * predW);
        f.put(ClassField.TAU_GEN_SPEC_CW, predCw);
        f.put(ClassField.TAU_MEM_SPEC_CW, predCw == null ? null : 3 * predCw);
        f.put(ClassField.T_S, tS);
        f.put(ClassField.T_S_MEASURED, tSMeasured);
        f.put(ClassField.PRE_COMMITTED, false);
        return ClassResult.of(name, 0.5, 10, f);
    }

    @Test
    void metricValuesAreLogRatiosDifferencesAndPairedResiduals() {
        ClassResult a = cr("A", 2.0, 8.0, false, 3.0, 5.0, 1.2, 1.0);
        ClassResult b = cr("B", 4.0, 2.0, false, 1.5, 10.0, 0.7, 0.9);
        assertEquals(Math.log(0.5), DMetric.GEN_MEASURED.value(a, b), 1e-15);
        assertEquals(Math.log(4.0), DMetric.MEM_MEASURED.value(a, b), 1e-15);
        assertEquals(Math.log(2.0), DMetric.GEN_SPEC_W.value(a, b), 1e-15);
        assertEquals(Math.log(0.5), DMetric.MEM_SPEC_CW.value(a, b), 1e-15);
        assertEquals(0.5, DMetric.S_CLOSED_FORM.value(a, b), 1e-15);
        assertEquals(0.1, DMetric.S_MEASURED.value(a, b), 1e-15);
        assertEquals(Math.log(2.0) - Math.log(0.5), DMetric.RESID_GEN_SPEC_W.value(a, b), 1e-15);
        assertEquals(0.4, DMetric.RESID_S.value(a, b), 1e-15);
        ClassResult never = cr("B", null, 2.0, false, 1.5, 10.0, null, 0.9);
        assertNull(DMetric.GEN_MEASURED.value(a, never));
        assertNull(DMetric.S_CLOSED_FORM.value(a, never));
        assertNull(DMetric.RESID_GEN_SPEC_W.value(a, never));
        assertNull(DMetric.GEN_MEASURED.value(a, null));
    }

    /**
     * A synthetic sweep: x = variance ratio in {0.5, 2}, y = imbalance ratio in {0.1, 1, 10}; three seeds.
     * D_gen is built as log(x)^{-1}-signed at balance and flips sign at y = 0.1 for x = 2 only.
     */
    @Test
    void phasesFollowTheBaselineRule() {
        List<PairSample> samples = new ArrayList<>();
        double[] jitter = {-0.01, 0.0, 0.01};
        for (int s = 0; s < 3; s++) {
            for (double x : new double[] {0.5, 2.0}) {
                for (double y : new double[] {0.1, 1.0, 10.0}) {
                    double d = (x > 1 ? -0.5 : 0.5) + jitter[s];
                    if (x > 1 && y == 0.1) {
                        d = 0.3 + jitter[s]; // reversed
                    }
                    Double tauMemA = (x < 1 && y == 10.0 && s == 2) ? null : 1.0; // one missing seed
                    boolean amb = x < 1 && y == 0.1 && s == 1;
                    // predicted w: straddles zero at (2, 10): seeds give -0.02, 0, +0.02 around 0
                    double pw = (x > 1 && y == 10.0) ? 2 * jitter[s] : d;
                    ClassResult a = cr("A", Math.exp(d), tauMemA, amb, Math.exp(pw), 1.0, null, null);
                    ClassResult b = cr("B", 1.0, 1.0, false, 1.0, 1.0, null, null);
                    samples.add(new PairSample("s", x, y, s, "p" + s, a, b));
                }
            }
        }
        PhaseAggregator agg = PhaseAggregator.standard();
        List<PhaseCell> cells = agg.summarise(agg.accumulate(samples), BaselineRule.alongY(1.0));
        assertEquals(Phase.REVERSED, phase(cells, DMetric.GEN_MEASURED, 2.0, 0.1));
        assertEquals(Phase.BASELINE, phase(cells, DMetric.GEN_MEASURED, 2.0, 1.0));
        assertEquals(Phase.BASELINE, phase(cells, DMetric.GEN_MEASURED, 2.0, 10.0));
        assertEquals(Phase.AMBIGUOUS, phase(cells, DMetric.GEN_MEASURED, 0.5, 0.1), "ambiguous flag");
        assertEquals(Phase.BASELINE, phase(cells, DMetric.GEN_SPEC_W, 0.5, 0.1), "flag applies to measured only");
        // tau_mem,A never reached (the curve was computed): censored above the grid, so D_mem > 0 for that seed
        assertEquals(Phase.CENSORED, phase(cells, DMetric.MEM_MEASURED, 0.5, 10.0));
        assertEquals(Phase.AMBIGUOUS, phase(cells, DMetric.GEN_SPEC_W, 2.0, 10.0), "CI straddles zero");
        assertEquals(Phase.MISSING, phase(cells, DMetric.S_CLOSED_FORM, 2.0, 1.0), "null t_S");
        assertEquals(Phase.NOT_APPLICABLE, phase(cells, DMetric.RESID_GEN_SPEC_W, 2.0, 1.0));
        // MEM: all values log(1/1) = 0 exactly, sd 0 → undetermined sign → ambiguous, never reversed
        assertEquals(Phase.AMBIGUOUS, phase(cells, DMetric.MEM_MEASURED, 2.0, 1.0));
        PhaseCell c = cell(cells, DMetric.GEN_MEASURED, 2.0, 0.1);
        // mean of 0.29, 0.30, 0.31 and t_{0.975,2} = 4.302653 · 0.01 / sqrt(3) (t table)
        assertEquals(0.3, c.mean(), 1e-12);
        assertEquals(4.302653 * 0.01 / Math.sqrt(3), c.halfWidth(), 1e-6);
        assertEquals(-1, c.baselineSign());
        Set<List<Object>> dis = PhaseAggregator.disagreements(cells, DMetric.GEN_MEASURED, DMetric.GEN_SPEC_W);
        assertTrue(dis.isEmpty(), "w equals measured wherever both are decided");

        // Without a balanced cell there is no baseline
        List<PhaseCell> nob = agg.summarise(agg.accumulate(samples), BaselineRule.alongY(3.0));
        assertEquals(Phase.NO_BASELINE, phase(nob, DMetric.GEN_MEASURED, 2.0, 0.1));
    }

    @Test
    void partitionedAccumulationMergesToTheOnePassResult() {
        List<PairSample> samples = new ArrayList<>();
        java.util.Random rnd = new java.util.Random(3);
        for (int s = 0; s < 9; s++) {
            for (int i = 0; i < 4; i++) {
                ClassResult a = cr("A", Math.exp(rnd.nextGaussian()), 1.0 + rnd.nextDouble(), false, 1.0, 1.0,
                        rnd.nextDouble(), rnd.nextDouble());
                ClassResult b = cr("B", 1.0, 1.0, false, 1.0, 1.0, 0.5, 0.5);
                samples.add(new PairSample("s", i, 1.0, s, "", a, b));
            }
        }
        PhaseAggregator agg = PhaseAggregator.standard();
        Map<CellKey, CellStats> one = agg.accumulate(samples);
        Map<CellKey, CellStats> merged = Map.of();
        for (int p = 0; p < 4; p++) {
            List<PairSample> part = new ArrayList<>();
            for (int j = p; j < samples.size(); j += 4) {
                part.add(samples.get((j * 7) % samples.size()));
            }
            merged = PhaseAggregator.merge(merged, agg.accumulate(part));
        }
        assertEquals(one.keySet(), merged.keySet());
        for (CellKey k : one.keySet()) {
            RunningStats x = one.get(k).stats();
            RunningStats y = merged.get(k).stats();
            assertEquals(x, y, k.toString()); // exact sums: the merge order cannot change a bit
        }
    }

    static PhaseCell cell(List<PhaseCell> cells, DMetric m, double x, double y) {
        return cells.stream().filter(c -> c.metric() == m && c.x() == x && c.y() == y).findFirst().orElseThrow();
    }

    static Phase phase(List<PhaseCell> cells, DMetric m, double x, double y) {
        return cell(cells, m, x, y).phase();
    }
}
