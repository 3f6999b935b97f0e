package org.diffsweep.jobs.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.diffsweep.jobs.ledger.AggregatedLedger;
import org.diffsweep.jobs.ledger.Ledger;
import org.diffsweep.jobs.ledger.StoredCurve;
import org.diffsweep.jobs.phase.BoundaryExtractor;
import org.diffsweep.jobs.phase.BoundaryPoint;
import org.diffsweep.jobs.phase.DMetric;
import org.diffsweep.jobs.phase.Phase;
import org.diffsweep.jobs.phase.PhaseCell;
import org.diffsweep.jobs.phase.PhaseTables;
import org.diffsweep.jobs.phase.SliceAxis;
import org.diffsweep.jobs.phase.SliceField;
import org.diffsweep.jobs.phase.SliceLayout;
import org.diffsweep.jobs.plot.ChartFiles;
import org.diffsweep.jobs.plot.PhaseMapChart;
import org.diffsweep.jobs.spec.SweepSpec;
import org.jfree.chart.JFreeChart;

/**
 * The report step (design data-flow step 6), Spark-free: renders an {@link AggregatedLedger} into the output
 * folder — {@code phase.csv}, {@code boundary.csv}, {@code figures/*.png|svg}, {@code report.html},
 * {@code summary.txt} and {@code phase-diagram.png|svg} (the first slice's measured D_gen map). Every file is written
 * atomically. Nothing is recomputed except the analytic spectrum of one baseline point per slice (milliseconds).
 */
public final class SweepReport {
    public static final String PHASE_CSV = "phase.csv";
    public static final String BOUNDARY_CSV = "boundary.csv";
    public static final String REPORT_HTML = "report.html";
    public static final String SUMMARY = "summary.txt";
    public static final String PHASE_DIAGRAM = "phase-diagram";
    public static final String FIGURES = ReportFigure.FIGURES;

    /**
     * What was written.
     *
     * @param slices         slice labels
     * @param xAxis          x axis name ({@code null} with fewer than two swept axes)
     * @param yAxis          y axis name
     * @param boundaryPoints boundary.csv rows
     * @param files          written files, relative to the output folder
     * @param phaseCells     the phase table
     */
    public record Outcome(List<String> slices, String xAxis, String yAxis, int boundaryPoints, List<String> files,
                          List<PhaseCell> phaseCells) {
        /** phase.csv rows. */
        public int cells() { return phaseCells.size(); }
    }

    /**
     * Everything the report is rendered from.
     *
     * @param name       sweep name (title)
     * @param spec       the sweep's spec (for the baseline spectrum figures), or null
     * @param specText   the spec as stored, shown verbatim
     * @param gridPoints points of the spec's grid, seeds included (-1 when unknown)
     * @param evaluator  evaluator name and version, e.g. {@code rf-gmm 1}
     * @param masterUrl  Spark master of the run
     */
    public record Input(String name, SweepSpec spec, String specText, long gridPoints, String evaluator, String masterUrl) {}

    private SweepReport() {}

    /** Most points whose stored curves the report draws (the drill-down holds them all in memory, ~2 KB a row). */
    public static final long MAX_DRILL_DOWN_POINTS = 50_000;

    /** Writes every report output of {@code agg} into {@code out}, without the curve drill-down. */
    public static Outcome write(Ledger out, AggregatedLedger agg, Input in) throws IOException {
        return write(out, agg, List.of(), in);
    }

    /**
     * Writes every report output of {@code agg} into {@code out}; {@code curves} (the ledger's stored curves,
     * {@link org.diffsweep.jobs.ledger.LedgerAggregation#curves}) add the per-cell drill-down pages and the collapse
     * figure.
     */
    public static Outcome write(Ledger out, AggregatedLedger agg, List<StoredCurve> curves, Input in) throws IOException {
        List<PhaseCell> cells = agg.phaseCells();
        SliceLayout layout = agg.layout();
        List<String> files = new ArrayList<>();
        List<BoundaryPoint> boundary = new ArrayList<>();
        List<String> summary = new ArrayList<>();
        List<ReportTable> tables = new ArrayList<>();
        ReportTable reversal = null;
        TreeSet<String> slices = new TreeSet<>();
        for (PhaseCell c : cells) slices.add(c.slice());
        SliceFigures figs = new SliceFigures(out, agg, cells, in.spec());
        CurveFigures cf = new CurveFigures(out, agg, curves, in.spec() == null ? org.diffsweep.core.point.PointParams.DEFAULT_DELTA_GEN
                : in.spec().base().deltaGen());
        if (layout.hasMap()) {
            SliceAxis xa = layout.x(), ya = layout.y();
            summary.add("Slices: x = " + xa.name() + ", y = " + ya.name() + (layout.slices().isEmpty() ? ""
                    : ", one slice per value of " + String.join(", ", layout.slices())) + "; baseline = the cell of the same "
                    + "slice and x whose two classes have equal weights (imbalance ratio 1).");
            summary.addAll(ReversalSummary.describe(cells));
            reversal = ReversalSummary.reversalTable(cells, xa.name(), ya.name());
            for (String slice : slices) {
                for (DMetric m : DMetric.values()) {
                    if (m.isResidual()) continue;
                    SliceField mean = SliceField.fromCells(xa, ya, cells, slice, m, PhaseCell::mean);
                    if (Arrays.stream(mean.values()).allMatch(Double::isNaN)) continue;
                    SliceField hw = SliceField.fromCells(xa, ya, cells, slice, m, PhaseCell::halfWidth);
                    boundary.addAll(BoundaryExtractor.withUncertainty(slice, m.label(), mean, hw, null));
                }
                figs.slice(slice);
            }
            tables.add(ReversalSummary.windowTable(cells, xa.name(), ya.name()));
            tables.add(phaseTable(cells, xa, ya, cf));
            if (cf.any()) {
                cf.drillDown("diffsweep report: " + in.name());
                cf.collapse();
                summary.add("Drill-down: every row of the phase table links to its cell's per-class learning curves (all seeds, "
                        + "simulation and asymptotic theory, measured and predicted times marked), one page per slice under "
                        + CurveFigures.CELLS + "/.");
            }
            JFreeChart first = PhaseMapChart.create(PhaseMapChart.fromCells(slices.first(), xa, ya, cells, DMetric.Quantity.GEN, null));
            out.writeAtomically(out.file(PHASE_DIAGRAM + ".png"), ChartFiles.png(first, 800, 600));
            out.writeAtomically(out.file(PHASE_DIAGRAM + ".svg"), ChartFiles.svg(first, 800, 600).getBytes(StandardCharsets.UTF_8));
            files.add(PHASE_DIAGRAM + ".png");
            files.add(PHASE_DIAGRAM + ".svg");
        } else if (in.spec() != null && in.spec().design() != null) {
            summary.add("No phase map: this sweep samples a space-filling design (" + String.join(", ", in.spec().designPaths())
                    + "), whose points share no cells; ./diffsweep fit <folder> fits the order parameters over it.");
        } else {
            summary.add("No phase map: the ledger has fewer than two axes with two or more values; a 2-D slice needs two.");
        }
        files.addAll(figs.files);
        files.addAll(cf.files);
        text(out, files, PHASE_CSV, PhaseTables.cellsCsv(cells));
        text(out, files, BOUNDARY_CSV, PhaseTables.boundaryCsv(boundary));
        text(out, files, SUMMARY, SummaryText.render(in.name(), in.evaluator(), in.gridPoints(), agg, cells));
        ReportProvenance p = ReportProvenance.now(String.join(", ", agg.codeVersions()), String.join(", ", agg.specHashes()), in.masterUrl());
        List<ReportFigure> allFigures = new ArrayList<>(cf.figures);
        allFigures.addAll(figs.figures);
        ReportData data = new ReportData("diffsweep report: " + in.name(), in.specText(), p, summary, reversal, allFigures, tables,
                agg.problems());
        text(out, files, REPORT_HTML, HtmlReport.render(data));
        // the report owns cells/ and figures/ (except the fit's figures): what it did not write this time is stale
        java.util.Set<String> keep = new java.util.HashSet<>(files);
        out.prune(CurveFigures.CELLS, keep, f -> false);
        out.prune(FIGURES, keep, f -> f.startsWith(FIGURES + "/" + ReportFigure.FIT_PREFIX));
        return new Outcome(List.copyOf(slices), layout.hasMap() ? layout.x().name() : null,
                layout.hasMap() ? layout.y().name() : null, boundary.size(), files, cells);
    }

    private static void text(Ledger out, List<String> files, String name, String content) throws IOException {
        out.writeText(name, content);
        files.add(name);
    }

    private static ReportTable phaseTable(List<PhaseCell> cells, SliceAxis xa, SliceAxis ya, CurveFigures cf) {
        List<List<String>> rows = new ArrayList<>();
        List<String> links = new ArrayList<>();
        boolean drill = cf.any();
        for (PhaseCell c : cells) {
            if (c.metric().isResidual()) continue;
            List<String> r = new ArrayList<>(List.of(c.slice(), c.metric().label(), PhaseTables.shortNumber(c.x()), PhaseTables.shortNumber(c.y()),
                    PhaseTables.shortNumber(c.mean()), PhaseTables.shortNumber(c.halfWidth()),
                    c.seeds() + (c.missing() > 0 ? " (" + c.missing() + " missing)" : "")
                            + (c.censored() > 0 ? " (" + c.censored() + " censored)" : ""),
                    c.phase() == Phase.CENSORED && c.sign() != 0 ? "CENSORED (all seeds " + (c.sign() > 0 ? "> 0)" : "< 0)")
                            : c.phase().name()));
            if (drill) {
                String link = cf.link(c.slice(), c.x(), c.y());
                r.add(link == null ? "" : "curves");
                links.add(link);
            }
            rows.add(r);
        }
        List<String> header = new ArrayList<>(List.of("slice", "metric", xa.name(), ya.name(), "mean", "95% half-width", "seeds", "phase"));
        if (drill) header.add("drill-down");
        return new ReportTable("Phase table (all order parameters; residuals in phase.csv)", header, rows, drill ? links : null);
    }
}
