package org.diffsweep.jobs.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.jobs.grid.GridPoint;
import org.junit.jupiter.api.Test;

/** Space-filling designs in the sweep spec: determinism, coverage, discrepancy, grid layout, one-line errors. */
class DesignTest {
    static SweepSpec spec(String design, String axes, int seeds) {
        return SweepSpec.parse("name: s\n" + SweepSpecTest.BASE + "design:\n" + design + (axes == null ? "" : "axes:\n" + axes)
                + "seeds: " + seeds + "\n", "s.yaml");
    }

    static final String RANGES = """
              ranges:
                varianceRatio: [0.015625, 64, log]
                imbalanceRatio: [0.01, 100, log]
                "classes[0].radius": [0, 3, linear]
                t: [0.01, 1, log]
            """;

    static Design design(String kind, int n, long seed) {
        return spec("  kind: " + kind + "\n  points: " + n + "\n  seed: " + seed + "\n" + RANGES, null, 1).design();
    }

    /** Warnock's closed form of the squared L2-star discrepancy of points in [0,1)^d. */
    static double l2Star2(double[][] x) {
        int n = x.length, d = x[0].length;
        double a = 0, b = 0;
        for (double[] p : x) {
            double pr = 1;
            for (double v : p) pr *= (1 - v * v) / 2;
            a += pr;
        }
        for (double[] p : x) {
            for (double[] q : x) {
                double pr = 1;
                for (int k = 0; k < d; k++) pr *= 1 - Math.max(p[k], q[k]);
                b += pr;
            }
        }
        return Math.pow(3, -d) - 2 * a / n + b / ((double) n * n);
    }

    @Test
    void designsAreDeterministicFromTheSpecAndSeeded() {
        for (String kind : List.of("sobol", "lhs")) {
            assertTrue(java.util.Arrays.deepEquals(design(kind, 100, 5).values(), design(kind, 100, 5).values()), kind);
            assertTrue(!java.util.Arrays.deepEquals(design(kind, 100, 5).values(), design(kind, 100, 6).values()), kind);
        }
        assertNotEquals(spec("  kind: sobol\n  points: 64\n" + RANGES, null, 1).specHash(),
                spec("  kind: lhs\n  points: 64\n" + RANGES, null, 1).specHash());
        // a stored spec is the canonical text: it parses back to the same design, ranges in spec order (not sorted)
        SweepSpec orig = spec("  kind: lhs\n  points: 16\n  seed: 4\n" + RANGES, null, 1);
        SweepSpec back = SweepSpec.parse(orig.canonicalText(), "stored");
        assertEquals(orig.design(), back.design());
        assertEquals(orig.specHash(), back.specHash());
        assertEquals(List.of("varianceRatio", "imbalanceRatio", "classes[0].radius", "t"), back.designPaths());
        assertNotEquals(spec("  kind: sobol\n  points: 64\n" + RANGES, null, 1).specHash(),
                spec("  kind: sobol\n  points: 65\n" + RANGES, null, 1).specHash());
        // the plain Sobol sequence: the first point after the origin is (1/2, ..., 1/2); raising N appends points
        Design s = design("sobol", 128, 0);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5}, s.unitPoints()[0]);
        double[][] small = design("sobol", 64, 0).values(), big = s.values();
        for (int i = 0; i < 64; i++) assertArrayEquals(small[i], big[i]);
    }

    @Test
    void everyPointLiesInItsRangesAndStrataAreCovered() {
        int n = 128;
        for (String kind : List.of("sobol", "lhs")) {
            Design d = design(kind, n, kind.equals("sobol") ? 0 : 9);
            double[][] v = d.values(), u = d.unitPoints();
            for (int k = 0; k < d.ranges().size(); k++) {
                Design.Range r = d.ranges().get(k);
                int[] strata = new int[n];
                for (int i = 0; i < n; i++) {
                    assertTrue(v[i][k] >= r.lo() && v[i][k] <= r.hi(), kind + " " + r.path() + " " + v[i][k]);
                    assertEquals(u[i][k], r.unit(v[i][k]), 1e-12, "the range maps back to the unit coordinate");
                    if (kind.equals("lhs") || i < n - 1) strata[(int) (u[i][k] * n)]++;
                }
                for (int s = 0; s < n; s++) {
                    // LHS: one point per stratum. Sobol points 1..2^m - 1 are the (0,m,1)-net without the origin: one
                    // point in every 1-D stratum but the first.
                    int want = kind.equals("sobol") && s == 0 ? 0 : 1;
                    assertEquals(want, strata[s], kind + " " + r.path() + " stratum " + s);
                }
            }
            // a log range is uniform in log: the median of 128 stratified points sits near the geometric midpoint
            double[] ratio = new double[n];
            for (int i = 0; i < n; i++) ratio[i] = v[i][0];
            java.util.Arrays.sort(ratio);
            assertEquals(0.0, Math.log(ratio[n / 2]), Math.log(64) * 2.0 / n * 2, kind);
        }
    }

    /**
     * Discrepancy sanity: the squared L2-star discrepancy (Warnock's closed form) of both designs is below that of
     * independent uniform points, whose expectation is (2^-d − 3^-d) / N; Sobol's is below a quarter of it.
     */
    @Test
    void discrepancyIsBelowThatOfRandomPoints() {
        int n = 256, d = 4;
        double random = (Math.pow(2, -d) - Math.pow(3, -d)) / n;
        // check the reference on actual random points (mean over 20 sets, within 3 standard errors' worth: 30 %)
        Random r = new Random(1);
        double mean = 0;
        for (int t = 0; t < 20; t++) {
            double[][] x = new double[n][d];
            for (double[] p : x) for (int k = 0; k < d; k++) p[k] = r.nextDouble();
            mean += l2Star2(x) / 20;
        }
        assertEquals(random, mean, 0.3 * random);
        double sobol = l2Star2(design("sobol", n, 0).unitPoints());
        double lhs = l2Star2(design("lhs", n, 3).unitPoints());
        assertTrue(sobol < 0.25 * random, "sobol " + sobol + " vs random " + random);
        assertTrue(lhs < random, "lhs " + lhs + " vs random " + random);
    }

    @Test
    void theGridIsEveryDesignPointTimesEveryAxisCombinationTimesSeeds() {
        SweepSpec s = spec("  kind: lhs\n  points: 5\n  seed: 2\n  ranges:\n    varianceRatio: [0.25, 4, log]\n"
                + "    \"classes[0].radius\": [0, 2, linear]\n", "  - {path: psiN, values: [2, 4]}\n", 2);
        SpecGrid g = s.grid();
        assertEquals(List.of("varianceRatio", "classes[0].radius", "psiN"), g.axisNames());
        assertEquals(10, g.pointsPerSeed());
        assertEquals(20, g.size());
        double[][] v = s.design().values();
        long index = 0;
        for (int k = 0; k < 2; k++) {
            for (double[] row : v) {
                for (double psiN : new double[] {2, 4}) {
                    GridPoint<PointParams> p = g.point(index++);
                    PointParams pp = p.params();
                    assertEquals(row[0], pp.classes().get(0).variance() / pp.classes().get(1).variance(), 1e-12);
                    assertEquals(row[1], pp.classes().get(0).radius());
                    assertEquals(psiN, pp.psiN());
                    assertEquals(7 + k, pp.seed());
                    assertEquals(List.of(row[0], row[1], psiN), List.copyOf(p.coordinates().values()));
                }
            }
        }
        assertArrayEquals(new double[] {v[0][1], v[1][1], v[2][1], v[3][1], v[4][1]}, g.axisValues(1));
        assertEquals(List.of("varianceRatio", "classes[0].radius"), s.designPaths());
    }

    @Test
    void mistakesEndInOneLineNamingTheField() {
        String[][] cases = {
            {"  kind: halton\n  points: 8\n" + RANGES, "design.kind"},
            {"  kind: sobol\n  points: 0\n" + RANGES, "design.points"},
            {"  kind: sobol\n  points: 8\n  ranges:\n    psiN: [4, 2, linear]\n", "design.ranges.psiN[1]"},
            {"  kind: sobol\n  points: 8\n  ranges:\n    t: [0, 1, log]\n", "design.ranges.t[0]"},
            {"  kind: sobol\n  points: 8\n  ranges:\n    t: [0.1, 1, cubic]\n", "design.ranges.t[2]"},
            {"  kind: sobol\n  points: 8\n  ranges:\n    d: [10, 100, log]\n", "design.ranges.d"},
            {"  kind: sobol\n  points: 8\n  ranges:\n    psiN: [-1, 2, linear]\n", "design.ranges.psiN"},
            {"  kind: sobol\n  points: 8\n  ranges:\n    \"classes[0].weight\": [0.2, 0.8, linear]\n", "axes"}, // weights must sum to 1
            {"  kind: sobol\n  points: 8\n  ranges: {}\n", "design.ranges"},
            {"  kind: sobol\n  points: 8\n  extra: 1\n" + RANGES, "design"},
        };
        for (String[] c : cases) {
            SpecException e = assertThrows(SpecException.class, () -> spec(c[0], null, 1), c[0]);
            assertTrue(e.getMessage().startsWith(c[1]) && !e.getMessage().contains("\n"), e.getMessage());
        }
        SpecException e = assertThrows(SpecException.class, () -> spec("  kind: sobol\n  points: 8\n" + RANGES,
                "  - {path: \"classes[0].variance\", values: [1, 2]}\n", 1));
        assertTrue(e.getMessage().startsWith("design.ranges.varianceRatio") && e.getMessage().contains("conflicts with the axis classes[0].variance"),
                e.getMessage());
        e = assertThrows(SpecException.class, () -> SweepSpec.parse("name: s\n" + SweepSpecTest.BASE + "design:\n  kind: sobol\n"
                + "  points: 8\n" + RANGES + "axes:\n  - {path: psiN, values: [2, 4]}\nrefine: {rounds: 1}\n", "s.yaml"));
        assertTrue(e.getMessage().startsWith("refine"), e.getMessage());
    }
}
