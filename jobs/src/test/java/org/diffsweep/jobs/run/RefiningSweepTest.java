package org.diffsweep.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.diffsweep.jobs.phase.AxisScale;
import org.diffsweep.jobs.phase.DMetric;
import org.diffsweep.jobs.phase.LatticePoint;
import org.diffsweep.jobs.phase.PhaseCell;
import org.diffsweep.jobs.phase.RefinementLattice;
import org.diffsweep.jobs.phase.SliceAxis;
import java.nio.file.Files;
import org.diffsweep.core.evaluator.PointResult;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.jobs.ledger.Ledger;
import org.diffsweep.jobs.ledger.LedgerAggregation;
import org.diffsweep.jobs.phase.SliceLayout;
import org.diffsweep.jobs.spec.RefineSpec;
import org.diffsweep.jobs.spec.SweepSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adaptive refinement end to end (spec {@code refine:} block → runner → ledger → report aggregation → planner →
 * next wave), with the fake evaluator whose D_gen = ln R_sigma − ln R_pi has the known boundary R_pi = R_sigma.
 * Reference: the full grid at the finest lattice spacing, which resolves the boundary in every finest cell the
 * diagonal crosses; the refined run must have evaluated all four corners of each of those cells (the same boundary
 * accuracy) while evaluating far fewer points, each exactly once.
 */
@Tag("slow")
class RefiningSweepTest {
    @TempDir Path tmp;

    @Test
    void refinementResolvesTheBoundaryWithFewerPoints() throws IOException {
        String yaml = "name: refine\n"
                + "base: {d: 8, psiP: 1, psiN: 4, t: 0.01, seed: 1, classes: ["
                + "{name: A, weight: 0.5, radius: 1, angleDeg: 0, variance: 1},"
                + "{name: B, weight: 0.5, radius: 1, angleDeg: 180, variance: 1}]}\n"
                + "axes:\n"
                + "  - {path: varianceRatio, log: {from: 0.25, to: 4, points: 5}}\n"
                + "  - {path: imbalanceRatio, log: {from: 0.3, to: 3.3, points: 5}}\n"
                + "refine: {metric: GEN_MEASURED, tolerance: 0.1, budget: 2000, maxWaves: 8}\n";
        SweepSpec spec = SweepSpec.parse(yaml, "test");
        RefineSpec refine = RefineSpec.of(spec);
        Path out = tmp.resolve("run");
        SweepRequest<PointParams, PointResult> req = Sweeps.request(spec, spec.grid(), out, FakeEvaluator.model("refine", false));
        RefiningSweep.Outcome o = new RefiningSweep(TestSpark.get()).run(req, spec.grid(), refine, SweepOptions.defaults(),
                ledger -> MixtureOutputs.write(TestSpark.get(), ledger, spec, "local"));

        SliceAxis x = SliceLayout.axis("varianceRatio", new java.util.TreeSet<>(List.of(0.25, 0.5, 1.0, 2.0, 4.0)));
        SliceAxis y = new SliceAxis("imbalanceRatio", null, AxisScale.LOG, spec.grid().axisValues(1));
        RefinementLattice lat = RefinementLattice.forTolerance(x, y, 0.1);
        assertEquals(3, lat.maxLevel(), "widest base step ln(16)/4 = 0.69 -> 3 halvings to <= 0.1");
        long full = (lat.maxIx() + 1) * (lat.maxIy() + 1); // 33 x 33 = 1089

        List<PhaseCell> cells = LedgerAggregation.aggregate(TestSpark.get(), Ledger.open(SparkSessions.hadoopConf(TestSpark.get()), out.toUri().toString()),
                spec.grid().axisNames()).phaseCells();
        Set<LatticePoint> have = new HashSet<>();
        for (PhaseCell c : cells) {
            if (c.metric() == DMetric.GEN_MEASURED) {
                LatticePoint p = lat.locate(c.x(), c.y());
                // every evaluated point lies on the lattice (no drift from the axis setters): 1e-9 in ln units
                assertEquals(lat.u(p.ix()), Math.log(c.x()), 1e-9);
                assertEquals(lat.v(p.iy()), Math.log(c.y()), 1e-9);
                assertTrue(have.add(p), "one row per point");
            }
        }
        assertEquals(o.points(), have.size());
        int crossed = 0;
        for (long i = 0; i < lat.maxIx(); i++) {
            for (long j = 0; j < lat.maxIy(); j++) {
                double a = lat.u(i) - lat.v(j), b = lat.u(i + 1) - lat.v(j);
                double c = lat.u(i) - lat.v(j + 1), d = lat.u(i + 1) - lat.v(j + 1);
                boolean straddles = Math.min(Math.min(a, b), Math.min(c, d)) < 0 && Math.max(Math.max(a, b), Math.max(c, d)) > 0;
                if (straddles) {
                    crossed++;
                    for (LatticePoint p : List.of(new LatticePoint(i, j), new LatticePoint(i + 1, j),
                            new LatticePoint(i, j + 1), new LatticePoint(i + 1, j + 1))) {
                        assertTrue(have.contains(p), "corner " + p + " of a finest boundary cell was not evaluated");
                    }
                }
            }
        }
        assertTrue(crossed > 20, "the diagonal crosses many finest cells: " + crossed);
        // nothing recomputed: each point evaluated exactly once over all waves
        assertEquals(have.size(), FakeEvaluator.totalCalls("refine"));
        List<Row> waves = TestSpark.get().read().parquet(out.resolve("ledger").toString()).select("wave").distinct()
                .collectAsList();
        assertEquals(1 + o.waves(), waves.size(), "one ledger wave per refinement wave");
        assertEquals(o.computed(), have.size());
        assertTrue(Files.exists(out.resolve("report.html")), "outputs written once at the end");
        // measured: 232 of 1089 (25 base + 29 + 61 + 117 in three refinement waves), 4.7x fewer
        assertTrue(have.size() * 3 < full, "refined " + have.size() + " vs full fine grid " + full);
    }
}
