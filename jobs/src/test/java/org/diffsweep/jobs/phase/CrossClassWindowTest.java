package org.diffsweep.jobs.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.diffsweep.core.evaluator.ClassResult;
import org.junit.jupiter.api.Test;

/**
 * The cross-class windows X_AB = ln(tau_mem,A / tau_gen,B) and X_BA = ln(tau_mem,B / tau_gen,A) as order
 * parameters: values from hand-built class rows, seed intervals, phases and the X = 0 boundary.
 */
class CrossClassWindowTest {

    @Test
    void windowsPairTheMemorizationTimeOfOneClassWithTheGeneralizationTimeOfTheOther() {
        ClassResult a = CensoringTest.times("A", true, 3.0, 40.0, 5.0, 70.0);
        ClassResult b = CensoringTest.times("B", true, 120.0, 900.0, 150.0, 2000.0);
        assertEquals(Math.log(40.0 / 120.0), DMetric.X_AB_MEASURED.value(a, b), 1e-15);
        assertEquals(Math.log(900.0 / 3.0), DMetric.X_BA_MEASURED.value(a, b), 1e-15);
        assertEquals(Math.log(70.0 / 150.0), DMetric.X_AB_ASYM.value(a, b), 1e-15);
        assertEquals(Math.log(2000.0 / 5.0), DMetric.X_BA_ASYM.value(a, b), 1e-15);
        assertEquals(Math.log(70.0 / 150.0) - Math.log(40.0 / 120.0), DMetric.RESID_X_AB_ASYM.value(a, b), 1e-15);
        assertEquals(DMetric.X_AB_MEASURED, DMetric.X_AB_ASYM.measured());
        assertEquals(DMetric.X_BA_ASYM, DMetric.RESID_X_BA_ASYM.predicted());
        assertTrue(DMetric.X_AB_MEASURED.usesAmbiguityFlag());
        assertEquals("X_AB (measured)", DMetric.X_AB_MEASURED.label());
    }

    /**
     * x = variance ratio in {1, 4, 16, 64}, y = imbalance ratio in {0.1, 1, 10}, three seeds. tau_gen,B = 100 sqrt(x),
     * tau_mem,A = 1000 / x · e^(jitter), so X_AB = ln 10 − 1.5 ln x + jitter: zero at x = 10^(2/3) ≈ 4.64, on both
     * sides of which the map must show the sign, and the boundary (linear in ln x between 4 and 16) sits exactly there.
     */
    @Test
    void theWindowMapHasSeedIntervalsPhasesAndItsZeroContour() {
        double[] xs = {1, 4, 16, 64}, ys = {0.1, 1, 10}, jitter = {-0.05, 0.0, 0.05};
        List<PairSample> samples = new ArrayList<>();
        for (double x : xs) {
            for (double y : ys) {
                for (int s = 0; s < 3; s++) {
                    ClassResult a = CensoringTest.times("A", true, 1.0, 1000 / x * Math.exp(jitter[s]), 1.0, 1000 / x);
                    ClassResult b = CensoringTest.times("B", true, 100 * Math.sqrt(x), 1e4, 100 * Math.sqrt(x), 1e4);
                    samples.add(new PairSample("s", x, y, s, "p", a, b));
                }
            }
        }
        PhaseAggregator agg = PhaseAggregator.standard();
        List<PhaseCell> cells = agg.summarise(agg.accumulate(samples), BaselineRule.alongY(1.0));
        for (double x : xs) {
            PhaseCell c = PhaseAggregatorTest.cell(cells, DMetric.X_AB_MEASURED, x, 0.1);
            double want = Math.log(10) - 1.5 * Math.log(x);
            assertEquals(want, c.mean(), 1e-12);
            assertEquals(0.05, c.sd(), 1e-12);
            assertEquals(4.302653 * 0.05 / Math.sqrt(3), c.halfWidth(), 1e-6); // t_{0.975,2} from a table
            assertEquals(x < 4.64 ? 1 : -1, c.sign(), "x = " + x);
            assertEquals(Phase.BASELINE, c.phase(), "imbalance does not move X here");
            // the asymptotic variant has no jitter: sd 0, the same mean
            assertEquals(want, PhaseAggregatorTest.cell(cells, DMetric.X_AB_ASYM, x, 10).mean(), 1e-12);
        }
        // X_BA = ln(1e4 / 1) > 0 everywhere
        assertTrue(cells.stream().filter(c -> c.metric() == DMetric.X_BA_MEASURED).allMatch(c -> c.sign() == 1));
        SliceAxis xa = SliceLayout.axis("varianceRatio", new TreeSet<>(List.of(1.0, 4.0, 16.0, 64.0)));
        SliceAxis ya = SliceLayout.axis("imbalanceRatio", new TreeSet<>(List.of(0.1, 1.0, 10.0)));
        SliceField mean = SliceField.fromCells(xa, ya, cells, "s", DMetric.X_AB_MEASURED, PhaseCell::mean);
        List<Polyline> lines = BoundaryExtractor.trace(mean, null);
        assertEquals(1, lines.size());
        Polyline p = lines.get(0);
        assertEquals(3, p.size());
        for (int k = 0; k < p.size(); k++) assertEquals(Math.pow(10, 2.0 / 3.0), p.x()[k], 1e-9);
        assertFalse(lines.isEmpty());
    }
}
