package org.diffsweep.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.diffsweep.core.evaluator.ClassField;
import org.diffsweep.core.evaluator.ClassResult;
import org.diffsweep.core.evaluator.CurveKind;
import org.diffsweep.core.evaluator.Evaluator;
import org.diffsweep.core.evaluator.PointCurves;
import org.diffsweep.core.evaluator.PointResult;
import org.diffsweep.core.evaluator.PointStatus;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.jobs.cli.Main;
import org.diffsweep.jobs.fit.LedgerRobustness;
import org.diffsweep.jobs.ledger.MixtureModel;
import org.diffsweep.jobs.spec.SweepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diffsweep robustness DIR} end to end, on a ledger whose stored curves have closed-form crossings (the
 * synthetic case of phase.RobustnessTest): the class with the smaller variance generalizes first and memorizes early
 * with a small gap (a = 0.02), the other late with a large one; the D_mem order flips at 3 δ_gen and relative to
 * L_test, and survives everything else, in every cell.
 */
class RobustnessCommandTest {
    @TempDir Path tmp;

    /** Curves: E_score = 1/(1 + τ/g), L_gen = a τ/(τ + m), L_test = const; times from the base definition. */
    static final class CurveFake implements Evaluator<PointParams, PointResult>, Serializable {
        @Override public String name() { return "curvefake"; }

        @Override public String version() { return "1"; }

        @Override public PointResult evaluate(PointParams p, String pointId) {
            float[] tau = new float[61];
            for (int k = 0; k < tau.length; k++) tau[k] = (float) Math.pow(10, -2 + k / 10.0);
            float[][][] v = new float[CurveKind.values().length][][];
            for (CurveKind k : List.of(CurveKind.TRAIN, CurveKind.TEST, CurveKind.GEN, CurveKind.SCORE)) v[k.ordinal()] = new float[2][tau.length];
            List<ClassResult> cs = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                boolean early = p.classes().get(c).variance() < p.classes().get(1 - c).variance();
                double g = early ? 5 : 50, a = early ? 0.02 : 1, m = early ? 0.1 : 100, test = early ? 0.5 : 5;
                for (int k = 0; k < tau.length; k++) {
                    v[CurveKind.SCORE.ordinal()][c][k] = (float) (1 / (1 + tau[k] / g));
                    v[CurveKind.GEN.ordinal()][c][k] = (float) (a * tau[k] / (tau[k] + m));
                    v[CurveKind.TEST.ordinal()][c][k] = (float) test;
                    v[CurveKind.TRAIN.ordinal()][c][k] = (float) (test - a * tau[k] / (tau[k] + m));
                }
                Map<ClassField, Object> f = new EnumMap<>(ClassField.class);
                f.put(ClassField.TAU_GEN, g);
                f.put(ClassField.TAU_MEM, m * 0.01 / (a - 0.01));
                f.put(ClassField.AMBIGUOUS, false);
                cs.add(ClassResult.of(p.classes().get(c).name(), p.classes().get(c).weight(), p.classSize(c), f));
            }
            return new PointResult(PointStatus.OK, "", null, cs, Map.of(), new PointCurves(tau, v));
        }
    }

    @Test
    void theCommandWritesPerCellVerdictsFromTheStoredCurves() throws IOException {
        MixtureModel model = new MixtureModel(CurveFake::new, "curvefake", "1");
        SweepSpec s = Sweeps.spec("robust", "[0.5, 2]", "[0.5, 1, 2]", 2, 2);
        Path out = tmp.resolve("run");
        Sweeps.run(out, s, model, SweepOptions.defaults());
        StringWriter o = new StringWriter(), e = new StringWriter();
        int status = Main.execute(new PrintWriter(o), new PrintWriter(e), model, "robustness", out.toString(), "--master", "local[2,3]");
        assertEquals(0, status, o + "\n" + e);
        List<String> sum = Files.readAllLines(out.resolve(LedgerRobustness.SUMMARY_CSV));
        assertEquals("slice,metric,variant,decidedCells,survive,flip,undecided,reversedCells,stayReversed", sum.get(0));
        // 2 x 3 cells, two seeds each; the seeds agree exactly, so every decided sign is a zero-width interval's
        assertTrue(sum.contains("all,MEM_MEASURED,DELTA_X3,6,0,6,0,0,0"), sum.toString());
        assertTrue(sum.contains("all,MEM_MEASURED,MEM_RELATIVE,6,0,6,0,0,0"), sum.toString());
        assertTrue(sum.contains("all,MEM_MEASURED,DELTA_X0_3,6,6,0,0,0,0"), sum.toString());
        assertTrue(sum.contains("all,GEN_MEASURED,GEN_THREE_QUARTERS,6,6,0,0,0,0"), sum.toString());
        assertEquals(1 + 2 * 3 * 4 * 6, Files.readAllLines(out.resolve(LedgerRobustness.CSV)).size());
        assertTrue(o.toString().contains("MEM_MEASURED   DELTA_X3"), o.toString());
    }
}
