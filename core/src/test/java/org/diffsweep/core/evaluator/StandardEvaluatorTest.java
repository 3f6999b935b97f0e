package org.diffsweep.core.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.diffsweep.core.dynamics.DynamicsResult;
import org.diffsweep.core.dynamics.RfDynamics;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.point.NoiseMode;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.point.TauGrid;
import org.diffsweep.core.random.RandomStreams;
import org.diffsweep.core.theory.AsymptoticPoint;
import org.diffsweep.core.speciation.Speciation;
import org.diffsweep.core.speciation.SpeciationOptions;
import org.diffsweep.core.speciation.SpeciationResult;
import org.junit.jupiter.api.Test;

class StandardEvaluatorTest {
    private static final SpeciationOptions FAST = SpeciationOptions.DEFAULT.withTrajectories(200).withSteps(100);
    private static final PointParams POINT = new PointParams(24, 4, 2, 0.01, 1, List.of(
            new ClassSpec("A", 0.5, 1.0, 0, 2.0), new ClassSpec("B", 0.5, 1.0, 180, 0.5)),
            0.01, 0.9, new TauGrid(1e-2, 1e7, 80), NoiseMode.EXACT);

    /** The flat row carries exactly what each engine computes on its own with the same streams. */
    @Test
    void resultRowsMatchTheEnginesRunSeparately() {
        StandardEvaluator ev = new StandardEvaluator(FAST);
        PointResult r = ev.evaluate(POINT, "id-1");
        assertEquals(PointStatus.OK, r.status(), r.diagnostic());
        DynamicsResult dyn = RfDynamics.run(POINT, RandomStreams.forKey("id-1"));
        SpeciationResult sp = Speciation.analyse(POINT, RandomStreams.forKey("id-1"), FAST);
        for (int c = 0; c < 2; c++) {
            ClassResult row = r.classes().get(c);
            assertEquals(POINT.classes().get(c).name(), row.name());
            assertEquals(POINT.classSize(c), row.nTrain());
            assertEquals(dyn.classes().get(c).tauGen(), row.tauGen());
            assertEquals(dyn.classes().get(c).tauMem(), row.tauMem());
            assertEquals(sp.classes().get(c).tS(), row.number(ClassField.T_S));
            assertEquals(sp.classes().get(c).tSMeasured(), row.number(ClassField.T_S_MEASURED));
            assertNotNull(row.number(ClassField.TAU_GEN_SPEC_W), "w prediction");
            assertNotNull(row.number(ClassField.TAU_GEN_EDGE), "asymptotic edge prediction");
            assertEquals(AsymptoticPoint.of(POINT).curves().classes().get(c).tauGenAsym(), row.number(ClassField.TAU_GEN_ASYM));
        }
        assertEquals(sp.tS(), r.globalTS());
        assertTrue(r.stageSeconds().containsKey("eigen") && r.stageSeconds().containsKey("spectrum"));
    }

    /**
     * Theory-only mode: no random draw, so the pointId does not matter; the measured and sampled-spectrum fields stay
     * null while the asymptotic ones equal the full mode's (the same deterministic computation).
     */
    @Test
    void theoryOnlyComputesTheAsymptoticSideAlone() {
        PointResult full = new StandardEvaluator(FAST).evaluate(POINT, "id-1");
        StandardEvaluator theory = new StandardEvaluator(FAST, StandardEvaluator.Mode.THEORY_ONLY);
        assertEquals("rf-gmm-theory", theory.name());
        PointResult a = theory.evaluate(POINT, "id-1"), b = theory.evaluate(POINT, "id-9");
        assertEquals(a.classes(), b.classes());
        for (int c = 0; c < 2; c++) {
            ClassResult t = a.classes().get(c), f = full.classes().get(c);
            for (ClassField k : List.of(ClassField.TAU_GEN, ClassField.TAU_MEM, ClassField.TAU_GEN_SPEC_W, ClassField.T_S_MEASURED)) {
                assertEquals(null, t.get(k), k.column());
            }
            for (ClassField k : List.of(ClassField.TAU_GEN_ASYM, ClassField.TAU_MEM_ASYM, ClassField.TAU_GEN_EDGE, ClassField.T_S)) {
                assertEquals(f.get(k), t.get(k), k.column());
            }
        }
        // stored curves: theory-only keeps the asymptotic ones (the same floats as the full mode), no simulated ones
        for (int c = 0; c < 2; c++) {
            for (CurveKind k : CurveKind.values()) {
                float[] t = a.curves().curve(k, c), f = full.curves().curve(k, c);
                assertNotNull(f, k + " in full mode");
                if (k.asymptotic()) org.junit.jupiter.api.Assertions.assertArrayEquals(f, t, k.toString());
                else assertEquals(null, t, k + " in theory-only mode");
            }
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(full.curves().tau(), a.curves().tau());
    }

    /** Same pointId: identical rows (§12.10); another pointId draws other W and data, so measured times move. */
    @Test
    void deterministicGivenThePointId() {
        StandardEvaluator ev = new StandardEvaluator(FAST);
        List<ClassResult> a = ev.evaluate(POINT, "id-2").classes();
        List<ClassResult> b = ev.evaluate(POINT, "id-2").classes();
        List<ClassResult> c = ev.evaluate(POINT, "id-3").classes();
        assertEquals(a, b);
        assertNotEquals(a.get(0).tauMem(), c.get(0).tauMem());
    }
}
