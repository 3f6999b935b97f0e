package org.diffsweep.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.EnumMap;
import org.diffsweep.core.evaluator.ClassField;
import org.diffsweep.core.evaluator.ClassResult;
import org.diffsweep.jobs.phase.AxisScale;
import org.diffsweep.jobs.phase.BaselineRule;
import org.diffsweep.jobs.phase.BoundaryExtractor;
import org.diffsweep.jobs.phase.BoundaryPoint;
import org.diffsweep.jobs.phase.CellStats;
import org.diffsweep.jobs.phase.CellKey;
import org.diffsweep.jobs.phase.DMetric;
import org.diffsweep.jobs.phase.PairSample;
import org.diffsweep.jobs.phase.Phase;
import org.diffsweep.jobs.phase.PhaseAggregator;
import org.diffsweep.jobs.phase.PhaseCell;
import org.diffsweep.jobs.phase.PhaseTables;
import org.diffsweep.jobs.phase.SliceAxis;
import org.diffsweep.jobs.phase.SliceField;
import org.diffsweep.jobs.plot.ChartFiles;
import org.diffsweep.jobs.plot.PhaseMapChart;
import org.junit.jupiter.api.Test;

/**
 * Ledger-shaped rows → seed aggregation on "partitions" → phase table → boundary → figures → report, on a synthetic
 * sweep with a known reversal boundary: D_gen(x, y) = −ln x − ½ ln y (x variance ratio, y imbalance ratio), so the
 * baseline (y = 1) is D &lt; 0 for x &gt; 1 and the order reverses below y = x^−2.
 */
class PipelineTest {
    static final Path OUT = Path.of("target", "test-report");

    static SliceAxis log(String name, String label, double lo, double hi, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.exp(Math.log(lo) + i * (Math.log(hi) - Math.log(lo)) / (n - 1));
        }
        v[(n - 1) / 2] = 1.0; // the balanced row exactly 1 (odd n, symmetric range)
        return new SliceAxis(name, label, AxisScale.LOG, v);
    }

    static ClassResult cls(String name, double tauGen, double tauMem, Double tauGenW, Double tauGenCw) {
        java.util.Map<ClassField, Object> f = new EnumMap<>(ClassField.class);
        f.put(ClassField.TAU_GEN, tauGen);
        f.put(ClassField.TAU_MEM, tauMem);
        f.put(ClassField.WINDOW, tauMem - tauGen);
        f.put(ClassField.AMBIGUOUS, false);
        f.put(ClassField.TAU_GEN_SPEC_W, tauGenW);
        f.put(ClassField.TAU_MEM_SPEC_W, tauMem);
        f.put(ClassField.TAU_GEN_SPEC_CW, tauGenCw);
        f.put(ClassField.TAU_MEM_SPEC_CW, tauMem);
        f.put(ClassField.PRE_COMMITTED, false);
        return ClassResult.of(name, 0.5, 100, f);
    }

    @Test
    void syntheticSweepEndToEnd() throws Exception {
        SliceAxis x = log("varianceRatio", "variance ratio σ²_A/σ²_B (dimensionless)", 0.25, 4, 9);
        SliceAxis y = log("imbalanceRatio", "imbalance ratio π_A/π_B (dimensionless)", 0.01, 100, 9);
        double delta = 0.03; // bound on the seed-mean perturbation below
        List<PairSample> rows = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            for (int j = 0; j < y.size(); j++) {
                for (int i = 0; i < x.size(); i++) {
                    double lx = Math.log(x.value(i));
                    double ly = Math.log(y.value(j));
                    double noise = delta * Math.sin(7 * i + 3 * j + 2.1 * s); // |seed mean| <= delta
                    double dGen = -lx - 0.5 * ly + noise;
                    double dW = -lx - 0.5 * ly + 0.25; // predictor w: boundary shifted
                    double dCw = -lx - 0.8 * ly; // predictor cw: different slope
                    ClassResult a = cls("A", 100 * Math.exp(dGen), 1000 * Math.exp(-0.2 * lx), 100 * Math.exp(dW),
                            100 * Math.exp(dCw));
                    ClassResult b = cls("B", 100, 1000, 100.0, 100.0);
                    rows.add(new PairSample("t=0.1", x.value(i), y.value(j), s, "p" + i + j + s, a, b));
                }
            }
        }
        PhaseAggregator agg = PhaseAggregator.standard();
        Map<CellKey, CellStats> merged = Map.of();
        for (int p = 0; p < 3; p++) { // three "executor partitions"
            merged = PhaseAggregator.merge(merged, agg.accumulate(rows.subList(p * rows.size() / 3,
                    (p + 1) * rows.size() / 3)));
        }
        List<PhaseCell> cells = agg.summarise(merged, BaselineRule.alongY(1.0));

        // measured boundary: D_true is linear in (ln x, ln y), so at a crossing |D_true| <= delta and the vertical
        // distance to y = x^-2 in ln y is |D_true| / ½ <= 2 delta
        SliceField mean = SliceField.fromCells(x, y, cells, "t=0.1", DMetric.GEN_MEASURED, PhaseCell::mean);
        SliceField hw = SliceField.fromCells(x, y, cells, "t=0.1", DMetric.GEN_MEASURED, PhaseCell::halfWidth);
        List<BoundaryPoint> bp = BoundaryExtractor.withUncertainty("t=0.1", "D_gen measured", mean, hw, null);
        int centre = 0;
        for (BoundaryPoint p : bp) {
            if (p.series().equals("D_gen measured")) {
                assertEquals(-2 * Math.log(p.x()), Math.log(p.y()), 2 * delta + 1e-12);
                centre++;
            }
        }
        assertTrue(centre >= 8);
        // reversal: below y = x^-2 for x > 1, and above it for x < 1 (baseline there is D > 0)
        for (PhaseCell c : cells) {
            if (c.metric() == DMetric.GEN_MEASURED && c.phase() == Phase.REVERSED) {
                double margin = -Math.log(c.x()) - 0.5 * Math.log(c.y());
                assertTrue(Math.signum(margin) != Math.signum(-Math.log(c.x())), c.toString());
            }
        }

        PhaseMapChart.Data gen = PhaseMapChart.fromCells("t=0.1", x, y, cells, DMetric.Quantity.GEN, null);
        assertEquals(3, gen.boundaries().size(), "measured, w, cw");
        boolean anyDisagree = false;
        for (boolean b : gen.disagree()) {
            anyDisagree |= b;
        }
        assertTrue(anyDisagree, "the shifted predictors disagree with the measurement somewhere");
        byte[] genPng = ChartFiles.write(PhaseMapChart.create(gen), OUT.resolve("phase-D_gen"), 900, 650);
        byte[] memPng = ChartFiles.write(PhaseMapChart.create(PhaseMapChart.fromCells("t=0.1", x, y, cells,
                DMetric.Quantity.MEM, null)), OUT.resolve("phase-D_mem"), 900, 650);

        PhaseMapChart.Data resid = PhaseMapChart.residualFromCells("t=0.1", x, y, cells, DMetric.RESID_GEN_SPEC_W);
        for (int k = 0; k < resid.values().length; k++) {
            // w is the noiseless D_gen + 0.25, so the residual is 0.25 minus the seed-mean noise (|.| <= delta)
            assertEquals(0.25, resid.values()[k], delta + 1e-12);
        }
        List<String> summary = ReversalSummary.describe(cells);
        List<List<String>> rowsTable = new ArrayList<>();
        for (PhaseCell c : cells) {
            if (c.metric() == DMetric.GEN_MEASURED) {
                rowsTable.add(List.of(PhaseTables.shortNumber(c.x()), PhaseTables.shortNumber(c.y()),
                        PhaseTables.shortNumber(c.mean()), PhaseTables.shortNumber(c.halfWidth()), c.phase().name()));
            }
        }
        ReportData data = new ReportData("diffsweep report: synthetic", "name: synthetic\nseeds: 3\n",
                new ReportProvenance("0.1.0-SNAPSHOT", "0000000", "deadbeef", "2026-11-27T23:40:00Z", "local[2]"), summary,
                ReversalSummary.reversalTable(cells, "varianceRatio", "imbalanceRatio"),
                List.of(new ReportFigure("D_gen phase map", "Colours: measured seed mean of D_gen.", genPng, null),
                        new ReportFigure("D_mem phase map", "Colours: measured seed mean of D_mem.", memPng, null)),
                List.of(new ReportTable("D_gen (measured) by cell",
                        List.of("variance ratio", "imbalance ratio", "mean D_gen", "95% half-width", "phase"),
                        rowsTable)),
                List.of());
        HtmlReport.write(data, OUT.resolve("report.html"));
        Files.writeString(OUT.resolve("phase.csv"), PhaseTables.cellsCsv(cells));
        Files.writeString(OUT.resolve("boundary.csv"), PhaseTables.boundaryCsv(bp));
        ReportTable rev = data.reversal();
        List<String> genRow = rev.rows().stream().filter(r -> r.get(1).equals("D_gen (measured)")).findFirst().orElseThrow();
        assertTrue(Integer.parseInt(genRow.get(3)) > 0, "D_gen (measured) is reversed somewhere: " + genRow);
        List<String> memRow = rev.rows().stream().filter(r -> r.get(1).equals("D_mem (measured)")).findFirst().orElseThrow();
        assertEquals("0", memRow.get(3), "D_mem (measured) never reversed: " + memRow);
        assertTrue(summary.stream().anyMatch(t -> t.contains("D_gen (spectral w) vs measured: same phase in")), summary.toString());
        assertEquals(1 + cells.size(), PhaseTables.cellsCsv(cells).split("\n").length);
    }
}
