package org.diffsweep.jobs.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.diffsweep.core.dynamics.Curves;
import org.diffsweep.core.evaluator.CurveKind;
import org.diffsweep.core.evaluator.PointCurves;
import org.diffsweep.core.evaluator.StandardEvaluator;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.speciation.SpeciationOptions;
import org.diffsweep.jobs.grid.GridPoint;
import org.diffsweep.jobs.ledger.Ledger;
import org.diffsweep.jobs.ledger.LedgerTable;
import org.diffsweep.jobs.ledger.MixtureModel;
import org.diffsweep.jobs.ledger.MixtureTable;
import org.diffsweep.jobs.spec.SweepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stored per-point curves ({@link PointCurves}, the {@code curve*} ledger columns): written by a Spark task,
 * read back from the Parquet ledger, they equal — bit for bit — the float32 rounding of the curves an in-process
 * evaluation of the same pointId computes, at the stored tau, which are values of the point's own tau grid. The
 * reference curves come from {@link StandardEvaluator#evaluateDetailed} (the full-resolution simulated and
 * asymptotic curves), looked up by tau value, not through {@link PointCurves#sampleIndices}.
 */
class StoredCurvesTest {
    @TempDir Path tmp;

    /** The real evaluator without the speciation simulation (closed form only): curves are unaffected, the test is fast. */
    static MixtureModel model() {
        return new MixtureModel(() -> new StandardEvaluator(SpeciationOptions.CLOSED_FORM_ONLY, StandardEvaluator.Mode.FULL),
                "rf-gmm-curves-test", StandardEvaluator.VERSION);
    }

    @Test
    void sampleIndicesKeepTheEndsAreDistinctAndAtMost64() {
        for (int n : new int[] {1, 2, 20, 64, 65, 120, 200, 1000}) {
            int[] idx = PointCurves.sampleIndices(n);
            assertEquals(Math.min(n, PointCurves.MAX_TAU), idx.length, "n = " + n);
            assertEquals(0, idx[0]);
            assertEquals(n - 1, idx[idx.length - 1]);
            for (int k = 1; k < idx.length; k++) assertTrue(idx[k] > idx[k - 1], "n = " + n + ", k = " + k);
        }
    }

    /** A Spark run of two real points and their outputs, then four in-process evaluations (~2 min on the build machine). */
    /** In the default run (about 30 s on a quiet machine): it is the end-to-end check of the drill-down in Chromium. */
    @Test
    void ledgerCurvesEqualTheEvaluatorsCurvesAtTheStoredTau() throws IOException, InterruptedException {
        Path out = tmp.resolve("curves");
        String yaml = "name: c\nbase: {d: 8, psiP: 2, psiN: 2, t: 0.05, seed: 5, tauGrid: {min: 0.01, max: 1e6, points: 150},"
                + " classes: [{name: A, weight: 0.5, radius: 1, angleDeg: 0, variance: 1}, {name: B, weight: 0.5, radius: 1,"
                + " angleDeg: 180, variance: 2}]}\naxes:\n  - {path: psiN, values: [2, 3]}\n  - {path: imbalanceRatio, values: [1, 2]}\nseeds: 1\n";
        SweepSpec spec = SweepSpec.parse(yaml, "test");
        MixtureModel m = model();
        Sweeps.run(out, spec, m, SweepOptions.defaults());
        Ledger ledger = Ledger.open(TestSpark.get().sparkContext().hadoopConfiguration(), out.toUri().toString());
        List<Row> rows = ledger.readAll(TestSpark.get(), MixtureTable.TABLE, spec.grid().axisNames()).collectAsList();
        assertEquals(8, rows.size());
        StandardEvaluator ev = (StandardEvaluator) m.newEvaluator();
        java.util.Map<Long, StandardEvaluator.Detailed> evaluated = new java.util.HashMap<>();
        for (Row r : rows) {
            long index = ((Number) LedgerTable.POINT_INDEX.decode(r)).longValue();
            int c = ((Number) LedgerTable.CLASS_INDEX.decode(r)).intValue();
            GridPoint<PointParams> gp = spec.grid().point(index);
            String id = (String) LedgerTable.POINT_ID.decode(r);
            assertEquals(m.pointId(gp.params()), id);
            StandardEvaluator.Detailed det = evaluated.computeIfAbsent(index, i -> ev.evaluateDetailed(gp.params(), id));
            double[] grid = gp.params().tauGrid().values();
            float[] tau = MixtureTable.floats(r, MixtureTable.CURVE_TAU);
            assertNotNull(tau);
            assertEquals(PointCurves.MAX_TAU, tau.length);
            assertEquals((float) grid[0], tau[0]);
            assertEquals((float) grid[grid.length - 1], tau[tau.length - 1]);
            int[] at = new int[tau.length];
            for (int k = 0; k < tau.length; k++) {
                at[k] = indexOf(grid, tau[k]);
                if (k > 0) assertTrue(tau[k] / tau[k - 1] < 1.5 && tau[k] > tau[k - 1], "log-spaced, step " + k);
            }
            Curves sim = det.dynamics().curves();
            Curves asym = det.asymptoticCurves().toCurves();
            for (CurveKind kind : CurveKind.values()) {
                Curves src = kind.asymptotic() ? asym : sim;
                double[] full = switch (kind) {
                    case TRAIN -> src.trainLoss()[c];
                    case TEST -> src.testLoss()[c];
                    case GEN, GEN_ASYM -> src.genLoss()[c];
                    case SCORE, SCORE_ASYM -> src.scoreError()[c];
                };
                float[] want = new float[tau.length];
                for (int k = 0; k < tau.length; k++) want[k] = (float) full[at[k]];
                assertArrayEquals(want, MixtureTable.floats(r, MixtureTable.column(kind)), kind + " class " + c + " point " + index);
            }
        }
        // results.csv keeps the scalar columns only
        String header = Files.readAllLines(out.resolve("results.csv")).get(0);
        assertTrue(header.startsWith("pointIndex,") && !header.contains("curve"), header);
        // the report's drill-down: each phase-table row links to its cell's page, which shows the cell's image
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<a href=\"cells/all.html#c0-0\">curves</a>"), "phase table links the drill-down");
        String page = Files.readString(out.resolve("cells/all.html"));
        for (String cell : List.of("c0-0", "c0-1", "c1-0", "c1-1")) {
            assertTrue(page.contains("<section id=\"" + cell + "\">") && page.contains("src=\"all/" + cell + ".png\""), cell);
            assertTrue(Files.size(out.resolve("cells/all/" + cell + ".png")) > 1000, cell);
        }
        // the collapse figure: psiN has two values at the balanced imbalance
        assertTrue(Files.size(out.resolve("figures/collapse-psiN.png")) > 1000);
        assertTrue(html.contains("Collapse of L_gen,c across model sizes"));
        // rendered in headless Chromium (CI installs it): every image of the report and of the drill-down page decodes
        if (java.nio.file.Files.isExecutable(Path.of(org.diffsweep.jobs.report.HtmlReportTest.CHROMIUM))) {
            String report = org.diffsweep.jobs.report.HtmlReportTest.imagesLoaded(out.resolve("report.html"), tmp.resolve("p1"));
            assertTrue(report.endsWith(":") && Integer.parseInt(report.substring(0, report.length() - 1)) >= 5, "report images: " + report);
            assertEquals("4:", org.diffsweep.jobs.report.HtmlReportTest.imagesLoaded(out.resolve("cells/all.html"), tmp.resolve("p2")),
                    "drill-down images");
        }
    }

    private static int indexOf(double[] grid, float t) {
        for (int i = 0; i < grid.length; i++) if ((float) grid[i] == t) return i;
        throw new AssertionError("stored tau " + t + " is not a value of the point's grid");
    }
}
