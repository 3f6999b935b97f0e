package org.diffsweep.jobs.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.diffsweep.core.evaluator.ClassResult;
import org.junit.jupiter.api.Test;

/**
 * Robustness of the orders on synthetic curves with closed-form crossings: E_score,c = 1/(1 + τ/g_c) (every drop
 * level is crossed at a fixed multiple of g_c, so D_gen = ln(g_A/g_B) under every generalization level), and
 * L_gen,c = a_c τ/(τ + m_c) (crossing level δ at τ = m_c δ/(a_c − δ)). Class A memorizes early with a small gap
 * (a = 0.02, m = 0.1), B late with a large one (a = 1, m = 100): A first at δ_gen = 0.01 and 0.003, but at 0.03 A
 * never reaches the level (censored above the grid) and B is first — the D_mem order flips; relative to L_test it
 * flips too.
 */
class RobustnessTest {
    static final double[] TAU = new double[61];

    static {
        for (int k = 0; k < TAU.length; k++) TAU[k] = Math.pow(10, -2 + k / 10.0);
    }

    static double[][] curves(double g, double a, double m, double test) {
        double[] s = new double[TAU.length], gen = new double[TAU.length], t = new double[TAU.length];
        for (int k = 0; k < TAU.length; k++) {
            s[k] = 1 / (1 + TAU[k] / g);
            gen[k] = a * TAU[k] / (TAU[k] + m);
            t[k] = test;
        }
        return new double[][] {TAU, s, gen, t};
    }

    @Test
    void definitionsReadTheClosedFormCrossings() {
        double[][] c = curves(5, 0.02, 0.1, 0.5);
        double s0 = c[1][0], smin = c[1][TAU.length - 1];
        for (TimeDefinition v : List.of(TimeDefinition.BASE, TimeDefinition.GEN_QUARTER, TimeDefinition.GEN_THREE_QUARTERS)) {
            double q = v == TimeDefinition.BASE ? 0.5 : v == TimeDefinition.GEN_QUARTER ? 0.25 : 0.75;
            double level = s0 - q * (s0 - smin);
            assertEquals(5 * (1 / level - 1), v.times(TAU, c[1], c[2], c[3], 0.01).tauGen(), 0.02 * 5 * (1 / level - 1), v.name());
        }
        assertEquals(0.1 * 0.01 / (0.02 - 0.01), TimeDefinition.BASE.times(TAU, c[1], c[2], c[3], 0.01).tauMem(), 0.01 * 0.1, "base");
        assertEquals(0.1 * 0.003 / (0.02 - 0.003), TimeDefinition.DELTA_X0_3.times(TAU, c[1], c[2], c[3], 0.01).tauMem(), 0.03 * 0.0176);
        assertNull(TimeDefinition.DELTA_X3.times(TAU, c[1], c[2], c[3], 0.01).tauMem(), "a = 0.02 never reaches 0.03");
        assertNull(TimeDefinition.MEM_RELATIVE.times(TAU, c[1], c[2], c[3], 0.01).tauMem(), "0.02 < 0.1 · 0.5");
    }

    @Test
    void theMemorizationOrderFlipsWithTheThresholdAndTheGeneralizationOrderSurvives() {
        List<Robustness.Sample> samples = new ArrayList<>();
        for (double x : new double[] {0.5, 2}) {
            for (double y : new double[] {1, 10}) {
                for (int s = 0; s < 3; s++) {
                    double j = Math.exp(0.02 * (s - 1));
                    double[][] early = curves(5 * j, 0.02, 0.1 * j, 0.5), late = curves(50 / j, 1, 100 / j, 5);
                    // x = 0.5: A generalizes first and memorizes early; x = 2: the classes swap roles
                    List<double[][]> cv = x < 1 ? List.of(early, late) : List.of(late, early);
                    double wa = y / (1 + y);
                    samples.add(new Robustness.Sample("s", x, y, s, "p", List.of(ClassResult.empty("A", wa, 10),
                            ClassResult.empty("B", 1 - wa, 10)), cv, 0.01));
                }
            }
        }
        List<Robustness.Row> rows = Robustness.evaluate(samples);
        assertEquals(2 * 2 * 4 * TimeDefinition.values().length, rows.size());
        for (Robustness.Row r : rows) {
            int sgn = r.x() < 1 ? -1 : 1; // A first at x = 0.5 under the base definition
            if (r.metric() == DMetric.GEN_MEASURED) {
                assertEquals(Robustness.Verdict.SURVIVES, r.order(), r.toString());
                if (r.y() == 10) assertEquals(Boolean.TRUE, r.phaseSurvives(), r.toString());
                if (r.variant() == TimeDefinition.BASE) assertEquals(sgn * Math.log(10), r.mean(), 0.03, "D_gen = ln(g_A/g_B)");
            }
            if (r.metric() == DMetric.MEM_MEASURED) {
                assertEquals(sgn, r.baseSign(), r.toString());
                Robustness.Verdict want = switch (r.variant()) {
                    case DELTA_X3, MEM_RELATIVE -> Robustness.Verdict.FLIPS;  // the early class never reaches the level
                    default -> Robustness.Verdict.SURVIVES;
                };
                assertEquals(want, r.order(), r.toString());
                if (want == Robustness.Verdict.FLIPS) assertEquals(Phase.CENSORED, r.phase(), "the flip rests on a censored time");
            }
        }
        Map<List<Object>, int[]> sum = Robustness.summary(rows);
        assertEquals(List.of(4, 0, 4, 0, 0, 0), toList(sum.get(List.of("s", DMetric.MEM_MEASURED, TimeDefinition.DELTA_X3))));
        assertEquals(List.of(4, 4, 0, 0, 0, 0), toList(sum.get(List.of("s", DMetric.GEN_MEASURED, TimeDefinition.GEN_THREE_QUARTERS))));
        String csv = Robustness.csv(rows);
        assertTrue(csv.startsWith("slice,metric,x,y,variant,baseSign,basePhase,sign,phase,mean,order,phaseSurvives\n"), csv);
        assertTrue(Robustness.summaryCsv(rows).contains("s,MEM_MEASURED,DELTA_X3,4,0,4,0,0,0\n"));
    }

    private static List<Integer> toList(int[] a) { return java.util.Arrays.stream(a).boxed().toList(); }
}
