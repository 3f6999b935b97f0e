package org.diffsweep.jobs.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.jobs.grid.GridPoint;
import org.junit.jupiter.api.Test;

/** {@code slices}: a union of Cartesian grids through the base point (docs/spec.md "Slices"). */
class SlicedSpecTest {
    static final String BASE = """
            name: s
            base:
              d: 40
              psiP: 8
              psiN: 4
              t: 0.01
              seed: 7
              classes:
                - {name: A, weight: 0.5, radius: 1.0, angleDeg: 0, variance: 2.0}
                - {name: B, weight: 0.5, radius: 1.0, angleDeg: 180, variance: 0.5}
            """;

    static SweepSpec sliced(String slices, int seeds) {
        return SweepSpec.parse(BASE + "slices:\n" + slices + "seeds: " + seeds + "\n", "s.yaml");
    }

    static final String TWO = """
              - axes:
                  - {path: "classes[0].radius", values: [0, 1, 3]}
                  - {path: imbalanceRatio, values: [0.5, 1, 2]}
              - axes:
                  - {path: t, values: [0.01, 0.1]}
                  - {path: imbalanceRatio, values: [0.5, 1, 2]}
            """;

    @Test
    void unionOfSlicesThroughTheBaseWithSharedPointsOnce() {
        SweepSpec s = sliced(TWO, 2);
        SpecGrid g = s.grid();
        assertTrue(g.isSliced());
        // shared axis last; each other axis carries the base value too
        assertEquals(List.of("classes[0].radius", "t", "imbalanceRatio"), g.axisNames());
        // slice 0: 9 points; slice 1: 6, of which t = 0.01 (3 points) are slice 0's radius-1 points
        assertEquals(12, g.pointsPerSeed());
        assertEquals(24, g.size());
        Set<PointParams> distinct = new HashSet<>();
        for (long i = 0; i < g.pointsPerSeed(); i++) {
            GridPoint<PointParams> gp = g.point(i);
            PointParams p = gp.params();
            assertTrue(distinct.add(p), "point " + i + " listed twice");
            Map<String, Double> c = gp.coordinates();
            // every coordinate is what the point really has
            assertEquals(c.get("classes[0].radius"), p.classes().get(0).radius(), 0);
            assertEquals(c.get("t"), p.t(), 0);
            assertEquals(c.get("imbalanceRatio"), p.classes().get(0).weight() / p.classes().get(1).weight(), 1e-15);
            // slice points vary one non-shared axis at most: the other stays at the base value
            assertTrue(p.classes().get(0).radius() == 1.0 || p.t() == 0.01, "point " + i + " leaves the slices");
            assertEquals(0.5, p.classes().get(1).variance(), 0); // untouched base fields
            assertEquals(7, p.seed());
        }
        assertEquals(8, g.point(g.pointsPerSeed()).params().seed()); // replica 1 after the whole replica 0
        assertEquals(List.of(0.0, 1.0, 3.0), box(g.axisValues(0)));
        assertEquals(List.of(0.01, 0.1), box(g.axisValues(1)));
    }

    @Test
    void specHashDependsOnTheSlicesAndTheGridRebuildsAfterSerialization() throws Exception {
        SweepSpec a = sliced(TWO, 1), b = sliced(TWO.replace("[0.01, 0.1]", "[0.01, 0.2]"), 1);
        assertNotEquals(a.specHash(), b.specHash());
        assertEquals(a.specHash(), sliced(TWO, 1).specHash());
        // the canonical text (what a run folder stores and report / resume read back) parses to the same spec
        SweepSpec again = SweepSpec.parse(a.canonicalText(), "stored");
        assertEquals(a.specHash(), again.specHash());
        assertEquals(a.grid().size(), again.grid().size());
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream o = new java.io.ObjectOutputStream(bytes)) { o.writeObject(a.grid()); }
        SpecGrid back;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            back = (SpecGrid) in.readObject();
        }
        for (long i = 0; i < a.grid().size(); i++) assertEquals(a.grid().point(i).params(), back.point(i).params());
    }

    @Test
    void errorsNameTheKey() {
        SpecException e = assertThrows(SpecException.class, () -> SweepSpec.parse(BASE
                + "axes:\n  - {path: t, values: [0.1]}\nslices:\n  - axes: [{path: psiN, values: [2]}]\n", "s.yaml"));
        assertTrue(e.getMessage().startsWith("slices = (with axes)"), e.getMessage());
        e = assertThrows(SpecException.class, () -> SweepSpec.parse(BASE
                + "slices:\n  - axes: [{path: psiN, values: [2, 3]}]\nrefine: {metric: GEN_MEASURED}\n", "s.yaml"));
        assertTrue(e.getMessage().startsWith("refine = (with slices)"), e.getMessage());
        e = assertThrows(SpecException.class, () -> sliced("  - axes: [{path: psiN, values: [0.01]}, {path: imbalanceRatio, values: [0.01]}]\n", 1));
        assertTrue(e.getMessage().startsWith("slices[0] = {psiN: 0.01, imbalanceRatio: 0.01}: this grid point is invalid"), e.getMessage());
        e = assertThrows(SpecException.class, () -> sliced("  - axes: [{path: psiN, values: [2]}, {path: bogus, values: [1]}]\n", 1));
        assertTrue(e.getMessage().startsWith("slices[0].axes[1].path = bogus"), e.getMessage());
    }

    private static List<Double> box(double[] v) { return java.util.Arrays.stream(v).boxed().toList(); }

}
