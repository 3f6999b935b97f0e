package org.diffsweep.jobs.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.point.NoiseMode;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.point.TauGrid;
import org.junit.jupiter.api.Test;

class PointSpecsTest {
    static final String ISSUE_POINT = """
            d: 100          # data dimension
            psiP: 32        # p/d
            psiN: 4         # n/d
            t: 0.01         # diffusion time (OU)
            seed: 1
            classes:
              - {name: A, weight: 0.5, radius: 1.0, angleDeg: 0,   variance: 2.0}
              - {name: B, weight: 0.5, radius: 1.0, angleDeg: 180, variance: 0.5}
            """;

    @Test
    void issueExampleWithDefaults() {
        PointParams p = PointSpecs.parse(ISSUE_POINT, "x.yaml");
        assertEquals(100, p.d());
        assertEquals(32.0, p.psiP());
        assertEquals(4.0, p.psiN());
        assertEquals(0.01, p.t());
        assertEquals(1L, p.seed());
        assertEquals(new ClassSpec("A", 0.5, 1.0, 0, 2.0), p.classes().get(0));
        assertEquals(new ClassSpec("B", 0.5, 1.0, 180, 0.5), p.classes().get(1));
        assertEquals(0.01, p.deltaGen());
        assertEquals(0.9, p.kappa());
        assertEquals(new TauGrid(1e-2, 1e7, 200), p.tauGrid());
        assertEquals(NoiseMode.EXACT, p.noise());
        assertEquals(3200, p.p());
        assertEquals(200, p.classSize(0));
    }

    @Test
    void confExamplePointIsTheIssuePoint() {
        assertEquals(PointSpecs.parse(ISSUE_POINT, "x"), PointSpecs.load(Path.of("..", "conf", "example-point.yaml")));
    }

    @Test
    void optionalKeysAndYaml11Exponents() {
        // YAML 1.1 reads 1e-2 and 1.0e7 as strings; the spec reader accepts them as numbers.
        PointParams p = PointSpecs.parse(ISSUE_POINT + """
                deltaGen: 2e-2
                kappa: 0.8
                tauGrid: {min: 1e-3, points: 50}
                noise: monteCarlo:8
                """, "x");
        assertEquals(0.02, p.deltaGen());
        assertEquals(0.8, p.kappa());
        assertEquals(new TauGrid(1e-3, 1e7, 50), p.tauGrid());
        assertEquals(NoiseMode.monteCarlo(8), p.noise());
    }

    @Test
    void integerSpellingsOfD() {
        assertEquals(100, PointSpecs.parse(ISSUE_POINT.replace("d: 100", "d: 100.0"), "x").d());
        assertEquals(100, PointSpecs.parse(ISSUE_POINT.replace("d: 100", "d: 1e2"), "x").d());
        SpecException e = assertThrows(SpecException.class, () -> PointSpecs.parse(ISSUE_POINT.replace("d: 100", "d: 100.5"), "x"));
        assertEquals("d = 100.5: not an integer; must be an integer >= 1", e.getMessage());
    }

    @Test
    void duplicateKeysAndClassNamesAreRejected() {
        SpecException e = assertThrows(SpecException.class, () -> PointSpecs.parse(ISSUE_POINT + "t: 0.1\n", "x.yaml"));
        assertTrue(e.getMessage().startsWith("x.yaml: not valid YAML at line 9"), e.getMessage());
        assertTrue(e.getMessage().contains("Duplicate field 't'"), e.getMessage());
        e = assertThrows(SpecException.class, () -> PointSpecs.parse(ISSUE_POINT.replace("name: B", "name: A"), "x"));
        assertEquals("classes[1].name = A: duplicate class name; names must be distinct", e.getMessage());
    }
}
