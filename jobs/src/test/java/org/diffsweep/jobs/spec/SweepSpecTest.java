package org.diffsweep.jobs.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.point.PointParams;
import org.junit.jupiter.api.Test;

class SweepSpecTest {
    static final String BASE = """
            base:
              d: 40
              psiP: 8
              psiN: 4
              t: 0.01
              seed: 7
              classes:
                - {name: A, weight: 0.5, radius: 1.0, angleDeg: 10, variance: 2.0}
                - {name: B, weight: 0.5, radius: 0.5, angleDeg: 180, variance: 0.5}
            """;

    static SweepSpec sweep(String axes, int seeds) {
        return SweepSpec.parse("name: s\n" + BASE + "axes:\n" + axes + "seeds: " + seeds + "\n", "s.yaml");
    }

    @Test
    void mixedRadixOrderSeedsSlowestLastAxisFastest() {
        SweepSpec s = sweep("""
                  - {path: psiN, values: [2, 3, 4]}
                  - {path: t, linear: {from: 0.1, to: 0.2, points: 2}}
                  - {path: "classes[1].variance", values: [0.25, 0.5, 1, 2]}
                """, 3);
        SpecGrid g = s.grid();
        assertEquals(List.of("psiN", "t", "classes[1].variance"), g.axisNames());
        assertEquals(3 * 2 * 4, g.pointsPerSeed());
        assertEquals(3 * 2 * 4 * 3, g.size());
        // Reference: nested loops in the documented order (seed outermost, last axis innermost).
        double[] psiN = {2, 3, 4}, t = {0.1, 0.2}, var = {0.25, 0.5, 1, 2};
        long index = 0;
        for (int k = 0; k < 3; k++)
            for (double a : psiN)
                for (double b : t)
                    for (double c : var) {
                        var gp = g.point(index);
                        assertEquals(index, gp.index());
                        assertEquals(k, gp.seedIndex());
                        assertEquals(7 + k, gp.params().seed());
                        assertEquals(a, gp.params().psiN());
                        assertEquals(b, gp.params().t());
                        assertEquals(c, gp.params().classes().get(1).variance());
                        assertEquals(2.0, gp.params().classes().get(0).variance()); // untouched field keeps the base value
                        assertEquals(List.of(a, b, c), List.copyOf(gp.coordinates().values()));
                        index++;
                    }
        assertThrows(IndexOutOfBoundsException.class, () -> g.point(g.size()));
    }

    @Test
    void derivedTwoClassAxes() {
        SpecGrid g = sweep("""
                  - {path: varianceRatio, values: [0.25, 3]}
                  - {path: imbalanceRatio, values: [0.2, 5]}
                  - {path: radiusRatio, values: [0.5, 4]}
                  - {path: angleDeg, values: [0, 60, 180]}
                """, 1).grid();
        double gVar = Math.sqrt(2.0 * 0.5), gRad = Math.sqrt(1.0 * 0.5);
        for (long i = 0; i < g.size(); i++) {
            var gp = g.point(i);
            ClassSpec a = gp.params().classes().get(0), b = gp.params().classes().get(1);
            double rv = gp.coordinates().get("varianceRatio"), ri = gp.coordinates().get("imbalanceRatio");
            double rr = gp.coordinates().get("radiusRatio"), th = gp.coordinates().get("angleDeg");
            // A few ulps of rounding from sqrt and division: relative 1e-14.
            assertEquals(rv, a.variance() / b.variance(), 1e-14 * rv);
            assertEquals(gVar, Math.sqrt(a.variance() * b.variance()), 1e-14);
            assertEquals(ri, a.weight() / b.weight(), 1e-14 * ri);
            assertEquals(1.0, a.weight() + b.weight(), 1e-15);
            assertEquals(rr, a.radius() / b.radius(), 1e-14 * rr);
            assertEquals(gRad, Math.sqrt(a.radius() * b.radius()), 1e-14);
            assertEquals(10.0, a.angleDeg());
            assertEquals(th, b.angleDeg() - a.angleDeg(), 1e-12);
        }
    }

    static final String BASE3 = """
            base:
              d: 40
              psiP: 8
              psiN: 4
              t: 0.01
              seed: 7
              classes:
                - {name: A, weight: 0.5, radius: 1.0, angleDeg: 0,   variance: 4.0}
                - {name: B, weight: 0.3, radius: 1.0, angleDeg: 120, variance: 1.0}
                - {name: C, weight: 0.2, radius: 1.0, angleDeg: 240, variance: 1.0}
            """;

    static SweepSpec sweep3(String base, String axes) {
        return SweepSpec.parse("name: s\n" + base + "axes:\n" + axes + "seeds: 1\n", "s.yaml");
    }

    @Test
    void classShareSetsOneWeightAndKeepsTheOthersProportions() {
        double[] shares = {0.01, 0.1, 0.3333333333333333, 0.6, 0.95};
        SpecGrid g = sweep3(BASE3, "  - {path: \"classes[2].share\", values: [0.01, 0.1, 0.3333333333333333, 0.6, 0.95]}\n").grid();
        assertEquals(List.of("classes[2].share"), g.axisNames());
        assertEquals(shares.length, g.size());
        for (int k = 0; k < shares.length; k++) {
            var gp = g.point(k);
            List<ClassSpec> c = gp.params().classes();
            double w = shares[k];
            assertEquals(w, gp.coordinates().get("classes[2].share"));
            assertEquals(w, c.get(2).weight()); // set exactly
            // reference: the others split 1 - w as 0.5 : 0.3 (a few ulps from one product and one quotient)
            assertEquals((1 - w) * 5 / 8, c.get(0).weight(), 1e-15);
            assertEquals((1 - w) * 3 / 8, c.get(1).weight(), 1e-15);
            assertEquals(0.5 / 0.3, c.get(0).weight() / c.get(1).weight(), 1e-14);
            assertEquals(1.0, c.get(0).weight() + c.get(1).weight() + c.get(2).weight(), 2e-16);
            assertEquals(List.of(4.0, 1.0, 1.0), c.stream().map(ClassSpec::variance).toList()); // the rest keeps the base
            assertEquals(List.of(0.0, 120.0, 240.0), c.stream().map(ClassSpec::angleDeg).toList());
        }
    }

    @Test
    void classShareOfOneThirdBalancesThreeClasses() {
        // Base A = B: at share 1/3 (written to 16 digits; YAML has no fractions) all three weights must be equal
        // within the aggregation's balance tolerance, so the pairs A/C and B/C find their baseline cell.
        String base = BASE3.replace("weight: 0.5,", "weight: 0.45,").replace("weight: 0.3,", "weight: 0.45,").replace("weight: 0.2,", "weight: 0.1,");
        SpecGrid g = sweep3(base, "  - {path: \"classes[2].share\", values: [0.3333333333333333, 0.01]}\n").grid();
        List<ClassSpec> c = g.point(0).params().classes();
        double tol = org.diffsweep.jobs.phase.BaselineRule.BALANCE_TOLERANCE;
        assertTrue(Math.abs(c.get(0).weight() - c.get(2).weight()) <= tol, c.toString());
        assertTrue(Math.abs(c.get(1).weight() - c.get(2).weight()) <= tol, c.toString());
        assertEquals(c.get(0).weight(), c.get(1).weight());
        List<ClassSpec> m = g.point(1).params().classes(); // minority: A and B stay balanced with each other only
        assertEquals(m.get(0).weight(), m.get(1).weight());
        assertTrue(m.get(0).weight() - m.get(2).weight() > 0.4);
    }

    @Test
    void atlasThreeClassConfHasABalancedRowAndFourMinorityPoints() {
        SweepSpec s = SweepSpec.load(Path.of("..", "conf", "atlas-3class.yaml"));
        SpecGrid g = s.grid();
        assertEquals(List.of("classes[2].variance", "classes[2].share"), g.axisNames());
        assertEquals(45 * 3, g.size());
        assertEquals("results/atlas-3class", s.outputDir(null));
        double tol = org.diffsweep.jobs.phase.BaselineRule.BALANCE_TOLERANCE;
        int balanced = 0;
        for (long i = 0; i < g.size(); i++) {
            var gp = g.point(i);
            List<ClassSpec> c = gp.params().classes();
            assertEquals(c.get(0).weight(), c.get(1).weight()); // A and B rescaled together
            boolean bal = Math.abs(c.get(0).weight() - c.get(2).weight()) <= tol;
            assertEquals(Math.abs(gp.coordinates().get("classes[2].share") - 1.0 / 3) < 1e-15, bal);
            if (bal) balanced++;
            for (int k = 0; k < 3; k++) assertTrue(gp.params().classSize(k) >= 2, gp.toString());
        }
        assertEquals(9 * 3, balanced); // one balanced cell per variance column and seed
    }

    @Test
    void classShareIsRefusedOutsideTheOpenIntervalAndWithAnotherWeightAxis() {
        assertEquals("axes[0].values[1] = 1: must be in (0, 1) (class 2's weight; the others share 1 - w in their base proportions) (classes[2].share)",
                assertThrows(SpecException.class, () -> sweep3(BASE3, "  - {path: \"classes[2].share\", values: [0.5, 1]}\n")).getMessage());
        assertEquals("axes[0].values[0] = 0: must be in (0, 1) (class 0's weight; the others share 1 - w in their base proportions) (classes[0].share)",
                assertThrows(SpecException.class, () -> sweep3(BASE3, "  - {path: \"classes[0].share\", values: [0]}\n")).getMessage());
        assertEquals("axes[1].path = classes[1].weight: conflicts with axes[0] (classes[2].share), which also sets classes[1].weight; "
                + "each field may be set by one axis only",
                assertThrows(SpecException.class, () -> sweep3(BASE3, "  - {path: \"classes[2].share\", values: [0.1]}\n"
                        + "  - {path: \"classes[1].weight\", values: [0.3]}\n")).getMessage());
        assertEquals("axes[1].path = classes[1].share: conflicts with axes[0] (classes[2].share), which also sets classes[0].weight; "
                + "each field may be set by one axis only",
                assertThrows(SpecException.class, () -> sweep3(BASE3, "  - {path: \"classes[2].share\", values: [0.1]}\n"
                        + "  - {path: \"classes[1].share\", values: [0.3]}\n")).getMessage());
        assertEquals("axes[1].path = classes[0].share: conflicts with axes[0] (imbalanceRatio), which also sets classes[0].weight; "
                + "each field may be set by one axis only",
                assertThrows(SpecException.class, () -> sweep("  - {path: imbalanceRatio, values: [1]}\n"
                        + "  - {path: \"classes[0].share\", values: [0.3]}\n", 1)).getMessage());
        String one = BASE3.replace("weight: 0.5,", "weight: 1.0,").lines()
                .filter(l -> !l.contains("name: B") && !l.contains("name: C")).reduce("", (a, b) -> a + b + "\n");
        assertEquals("axes[0].path = classes[0].share: needs at least 2 classes in base (the others take the rest of the weight), found 1",
                assertThrows(SpecException.class, () -> sweep3(one, "  - {path: \"classes[0].share\", values: [0.5]}\n")).getMessage());
    }

    @Test
    void classShareInSlicesTakesTheBaseWeightWhereNotSwept() {
        SweepSpec s = SweepSpec.parse("name: s\n" + BASE3 + """
                slices:
                  - axes:
                      - {path: "classes[2].share", values: [0.1]}
                  - axes:
                      - {path: psiN, values: [2]}
                """, "s.yaml");
        SpecGrid g = s.grid();
        assertEquals(2, g.size());
        assertEquals(0.1, g.point(0).coordinates().get("classes[2].share"));
        assertEquals(0.2, g.point(1).coordinates().get("classes[2].share")); // the base weight of C
        assertEquals(0.2, g.point(1).params().classes().get(2).weight());
    }

    @Test
    void gridSurvivesJavaSerialization() throws Exception {
        // Spark ships the grid to executors with Java serialization; the copy must yield identical points.
        SpecGrid g = sweep("""
                  - {path: varianceRatio, log: {from: 0.25, to: 4, points: 3}}
                  - {path: imbalanceRatio, values: [0.5, 2]}
                  - {path: "classes[1].radius", values: [0.5, 1]}
                """, 2).grid();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(g);
        }
        Object copy;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            copy = in.readObject();
        }
        SpecGrid h = (SpecGrid) copy;
        assertEquals(g.size(), h.size());
        assertEquals(g.axisNames(), h.axisNames());
        for (long i = 0; i < g.size(); i++) assertEquals(g.point(i), h.point(i));
    }

    @Test
    void rangesIncludeExactEndPoints() {
        double[] lin = new AxisRange.Linear(0.1, 0.7, 4).values();
        assertArrayEquals(new double[] {0.1, 0.3, 0.5, 0.7}, lin, 1e-15);
        assertEquals(0.7, lin[3]);
        double[] log = new AxisRange.Log(0.01, 100, 5).values();
        assertEquals(0.01, log[0]);
        assertEquals(100.0, log[4]);
        for (int k = 1; k < 5; k++) assertEquals(10.0, log[k] / log[k - 1], 1e-13); // constant ratio 10
    }

    @Test
    void specHashIgnoresSpellingAndDefaultsButNotValues() {
        String axes = "  - {path: psiN, values: [2, 3]}\n";
        String h = sweep(axes, 2).specHash();
        assertTrue(h.matches("[0-9a-f]{64}"));
        // Different key order, number spelling, explicit defaults, output folder: same hash.
        String other = """
                seeds: 2
                output: elsewhere
                axes:
                  - {values: [2.0, 3e0], path: psiN}
                base:
                  classes:
                    - {variance: 2, angleDeg: 10.0, radius: 1, weight: 0.5, name: A}
                    - {name: B, weight: 0.5, radius: 0.5, angleDeg: 180, variance: 0.5}
                  seed: 7
                  t: 1e-2
                  psiN: 4
                  psiP: 8.0
                  d: 40
                  deltaGen: 0.01
                  kappa: 0.9
                  tauGrid: {min: 0.01, max: 1e7, points: 200}
                  noise: exact
                name: s
                """;
        assertEquals(h, SweepSpec.parse(other, "o").specHash());
        assertNotEquals(h, sweep(axes, 3).specHash());
        assertNotEquals(h, sweep("  - {path: psiN, values: [3, 2]}\n", 2).specHash());
        assertNotEquals(h, sweep("  - {path: psiN, values: [2, 3.0000000000000004]}\n", 2).specHash());
        assertNotEquals(h, SweepSpec.parse(other.replace("angleDeg: 10.0", "angleDeg: 10.5"), "o").specHash());
        assertNotEquals(h, SweepSpec.parse(other.replace("name: s", "name: s2"), "o").specHash());
        assertTrue(sweep(axes, 2).canonicalText().contains("\"psiN\""));
    }

    @Test
    void everyAxisCombinationIsValidated() {
        // Each axis alone is fine, but imbalanceRatio 0.01 with psiN 1 gives class A round(0.0099 * 1 * 40) = 0 points.
        SpecException e = assertThrows(SpecException.class, () -> sweep("""
                  - {path: imbalanceRatio, values: [1, 0.01]}
                  - {path: psiN, values: [4, 1]}
                """, 1));
        assertTrue(e.getMessage().startsWith("axes = {imbalanceRatio: 0.01, psiN: 1}: this grid point is invalid: classes[0].weight = "), e.getMessage());
        assertTrue(e.getMessage().contains("class A would get round(weight * psiN * d)"), e.getMessage());
    }

    @Test
    void confSweepsParse() {
        SweepSpec q = SweepSpec.load(Path.of("..", "conf", "quickstart.yaml"));
        assertEquals("quickstart", q.name());
        assertEquals(List.of("varianceRatio", "imbalanceRatio"), q.grid().axisNames());
        assertEquals(25, q.grid().size());
        assertEquals("runs/quickstart", q.outputDir(null));
        assertEquals("hdfs://nn:8020/x", q.outputDir("hdfs://nn:8020/x"));
        SweepSpec ex = SweepSpec.load(Path.of("..", "conf", "example-sweep.yaml"));
        assertEquals(3 * 3 * 2 * 3, ex.grid().size());
        PointParams last = ex.grid().point(ex.grid().size() - 1).params();
        assertEquals(12, last.seed());
        assertEquals("runs/example-sweep", ex.outputDir(null));
    }
}
