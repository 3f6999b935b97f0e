package org.diffsweep.jobs.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.diffsweep.core.evaluator.ClassField;
import org.diffsweep.core.evaluator.ClassResult;
import org.junit.jupiter.api.Test;

/** Censored times (off the tau grid) are bounds with a sign, never averaged away. */
class CensoringTest {

    /** A class row with measured and asymptotic times; {@code measured} false = the curves were not computed. */
    static ClassResult times(String name, boolean measured, Double tauGen, Double tauMem, Double genAsym, Double memAsym) {
        Map<ClassField, Object> f = new EnumMap<>(ClassField.class);
        if (measured) {
            f.put(ClassField.TAU_GEN, tauGen);
            f.put(ClassField.TAU_MEM, tauMem);
            f.put(ClassField.AMBIGUOUS, false);
        }
        f.put(ClassField.TAU_GEN_ASYM, genAsym);
        f.put(ClassField.TAU_MEM_ASYM, memAsym);
        return ClassResult.of(name, 0.5, 10, f);
    }

    @Test
    void nullTimesOfComputedCurvesAreCensoredOnTheSideTheirDefinitionImplies() {
        ClassResult c = times("A", true, null, null, 3.0, null);
        assertEquals(TimeCensoring.BELOW_GRID, TimeCensoring.of(c, ClassField.TAU_GEN));
        assertEquals(TimeCensoring.ABOVE_GRID, TimeCensoring.of(c, ClassField.TAU_MEM));
        assertEquals(TimeCensoring.OBSERVED, TimeCensoring.of(c, ClassField.TAU_GEN_ASYM));
        assertEquals(TimeCensoring.ABOVE_GRID, TimeCensoring.of(c, ClassField.TAU_MEM_ASYM));
        ClassResult none = times("A", false, null, null, null, null);
        assertEquals(TimeCensoring.MISSING, TimeCensoring.of(none, ClassField.TAU_GEN), "theory-only point: not measured");
        assertEquals(TimeCensoring.MISSING, TimeCensoring.of(none, ClassField.TAU_MEM_ASYM), "no asymptotic curves");
        assertEquals(TimeCensoring.MISSING, TimeCensoring.of(c, ClassField.TAU_GEN_SPEC_W), "a predictor is never censored");
        assertEquals(TimeCensoring.MISSING, TimeCensoring.of(null, ClassField.TAU_GEN));
    }

    @Test
    void censoredSeedsCarryTheSignTheGridImplies() {
        ClassResult a = times("A", true, 2.0, null, 2.0, 50.0);     // A never memorized on the grid
        ClassResult b = times("B", true, 4.0, 30.0, null, 60.0);    // B's half-drop before tau_min (asymptotic)
        // D_mem = ln(tau_mem,A / tau_mem,B) with tau_mem,A > tau_max >= tau_mem,B: positive
        assertEquals(SeedValue.censored(1), DMetric.MEM_MEASURED.sample(a, b));
        assertNull(DMetric.MEM_MEASURED.value(a, b), "no exact value for a censored seed");
        assertEquals(Math.log(0.5), DMetric.GEN_MEASURED.value(a, b), 1e-15);
        // D_gen asym: tau_gen,B below tau_min <= tau_gen,A: positive
        assertEquals(SeedValue.censored(1), DMetric.GEN_ASYM.sample(a, b));
        // X_AB = ln(tau_mem,A / tau_gen,B): A above the grid, B on it: positive (A is not memorized before B learns)
        assertEquals(SeedValue.censored(1), DMetric.X_AB_MEASURED.sample(a, b));
        // X_BA = ln(tau_mem,B / tau_gen,A) exact
        assertEquals(Math.log(30.0 / 2.0), DMetric.X_BA_MEASURED.value(a, b), 1e-15);
        // X_AB asym = ln(50 / tau_gen,B below the grid): positive
        assertEquals(SeedValue.censored(1), DMetric.X_AB_ASYM.sample(a, b));
        // both memorization times above the grid: order unknown
        ClassResult b2 = times("B", true, 4.0, null, 1.0, 1.0);
        assertEquals(SeedValue.censored(0), DMetric.MEM_MEASURED.sample(a, b2));
        // tau_gen,A below the grid and tau_gen,B on it: negative
        ClassResult a3 = times("A", true, null, 5.0, 1.0, 1.0);
        assertEquals(SeedValue.censored(-1), DMetric.GEN_MEASURED.sample(a3, b));
        // a residual with a censored term is censored of unknown sign; a missing term makes it missing
        assertEquals(SeedValue.censored(0), DMetric.RESID_MEM_ASYM.sample(a, b));
        assertTrue(DMetric.MEM_MEASURED.sample(a, times("B", false, null, null, 1.0, 1.0)).missing());
    }

    /** Three seeds per cell; the cell's seeds are described by their D_mem values (null = tau_mem,A above the grid). */
    private static List<PairSample> cell(double x, double y, Double... dMem) {
        List<PairSample> out = new ArrayList<>();
        for (int s = 0; s < dMem.length; s++) {
            ClassResult a = times("A", true, 1.0, dMem[s] == null ? null : Math.exp(dMem[s]), 1.0, 1.0);
            ClassResult b = times("B", true, 1.0, 1.0, 1.0, 1.0);
            out.add(new PairSample("s", x, y, s, "p", a, b));
        }
        return out;
    }

    @Test
    void aCellWithACensoredSeedIsCensoredWithTheSignAllSeedsShareAndNoMean() {
        List<PairSample> samples = new ArrayList<>();
        samples.addAll(cell(1.0, 1.0, 0.5, 0.6, 0.7));       // baseline: D_mem > 0 decided
        samples.addAll(cell(1.0, 10.0, 0.2, 0.3, null));      // censored, every seed > 0
        samples.addAll(cell(1.0, 0.1, -0.2, -0.3, null));     // censored, seeds disagree: sign 0
        samples.addAll(cell(2.0, 1.0, 0.1, null, null));      // censored baseline
        samples.addAll(cell(2.0, 10.0, 0.4, 0.5, 0.6));       // its baseline is censored: NO_BASELINE
        PhaseAggregator agg = PhaseAggregator.standard();
        List<PhaseCell> cells = agg.summarise(agg.accumulate(samples), BaselineRule.alongY(1.0));
        PhaseCell up = PhaseAggregatorTest.cell(cells, DMetric.MEM_MEASURED, 1.0, 10.0);
        assertEquals(Phase.CENSORED, up.phase());
        assertEquals(1, up.sign());
        assertEquals(3, up.seeds());
        assertEquals(1, up.censored());
        assertEquals(0, up.missing());
        assertTrue(Double.isNaN(up.mean()) && Double.isNaN(up.halfWidth()), "no mean over the seeds on the grid only");
        PhaseCell mixed = PhaseAggregatorTest.cell(cells, DMetric.MEM_MEASURED, 1.0, 0.1);
        assertEquals(Phase.CENSORED, mixed.phase());
        assertEquals(0, mixed.sign());
        assertEquals(Phase.BASELINE, PhaseAggregatorTest.cell(cells, DMetric.MEM_MEASURED, 1.0, 1.0).phase());
        assertEquals(Phase.CENSORED, PhaseAggregatorTest.cell(cells, DMetric.MEM_MEASURED, 2.0, 1.0).phase());
        assertEquals(Phase.NO_BASELINE, PhaseAggregatorTest.cell(cells, DMetric.MEM_MEASURED, 2.0, 10.0).phase());
        // the csv shows the count and leaves mean empty
        String csv = PhaseTables.cellsCsv(List.of(up));
        assertTrue(csv.contains(",3,0,1,0,,,,,,1,1,CENSORED"), csv);
        assertFalse(Double.isFinite(up.ciLow()));
    }
}
