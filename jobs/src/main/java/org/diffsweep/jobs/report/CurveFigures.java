package org.diffsweep.jobs.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.diffsweep.core.evaluator.ClassField;
import org.diffsweep.core.evaluator.CurveKind;
import org.diffsweep.core.point.PointField;
import org.diffsweep.jobs.ledger.AggregatedLedger;
import org.diffsweep.jobs.ledger.Ledger;
import org.diffsweep.jobs.ledger.StoredCurve;
import org.diffsweep.jobs.phase.AxisScale;
import org.diffsweep.jobs.phase.PhaseTables;
import org.diffsweep.jobs.phase.SliceLayout;
import org.diffsweep.jobs.plot.ChartFiles;
import org.diffsweep.jobs.plot.CurvePanels;
import org.diffsweep.jobs.plot.LineChart;
import org.jfree.chart.JFreeChart;

/**
 * The report's figures drawn from the stored per-point learning curves ({@link StoredCurve}), Spark-free:
 * <ul>
 *   <li>the <b>drill-down</b>: one page per slice, {@code cells/<slice>.html}, with every phase cell's per-class
 *       curves (all seeds; simulation solid, asymptotic theory dashed) and the times read off them marked (measured
 *       solid, asymptotic theory dashed), plus the cell's times per seed; the phase table links each cell there;</li>
 *   <li>the <b>collapse figure</b>: L_gen,c against tau / tau_mem,c for every psi_n of the sweep at one geometry
 *       (as in the random-features figure of Bonnaire et al.): if memorization is one process whose clock is
 *       tau_mem,c, the curves of all model sizes fall on one another.</li>
 * </ul>
 */
final class CurveFigures {
    static final String CELLS = "cells";
    private static final int W = 480, H = 370;
    /** Names of the plot palette's colours, in order (jobs.plot.ChartStyle). */
    private static final String[] COLOUR_NAMES = {"blue", "vermilion", "green", "pink", "orange", "sky blue", "grey", "yellow"};

    private final Ledger out;
    private final AggregatedLedger agg;
    private final double deltaGen;
    /** (slice, x, y) -> the cell's rows, in point and class order. */
    private final Map<String, Map<List<Double>, List<StoredCurve>>> bySlice = new TreeMap<>();
    final List<String> files = new ArrayList<>();
    final List<ReportFigure> figures = new ArrayList<>();

    /**
     * @param deltaGen the memorization threshold of the sweep's points (drawn as the L_gen reference line)
     */
    CurveFigures(Ledger out, AggregatedLedger agg, List<StoredCurve> curves, double deltaGen) {
        this.out = out;
        this.agg = agg;
        this.deltaGen = deltaGen;
        SliceLayout l = agg.layout();
        if (!l.hasMap()) return;
        int ix = agg.axes().indexOf(l.x().name()), iy = agg.axes().indexOf(l.y().name());
        for (StoredCurve c : curves) {
            Double x = c.coordinates().get(ix), y = c.coordinates().get(iy);
            if (x == null || y == null) continue;
            bySlice.computeIfAbsent(slice(c), k -> new TreeMap<>(CurveFigures::compare))
                    .computeIfAbsent(List.of(x, y), k -> new ArrayList<>()).add(c);
        }
    }

    private String slice(StoredCurve c) {
        return agg.layout().label(a -> c.coordinates().get(agg.axes().indexOf(a)));
    }

    private static int compare(List<Double> a, List<Double> b) {
        int c = Double.compare(a.get(1), b.get(1));
        return c != 0 ? c : Double.compare(a.get(0), b.get(0));
    }

    /** Whether any stored curve falls in a phase cell. */
    boolean any() { return !bySlice.isEmpty(); }

    /** The drill-down link of a phase cell, relative to the output folder, or null when it has no stored curves. */
    String link(String slice, double x, double y) {
        Map<List<Double>, List<StoredCurve>> m = bySlice.get(slice);
        if (m == null || !m.containsKey(List.of(x, y))) return null;
        return CELLS + "/" + SliceLayout.slug(slice) + ".html#" + anchor(x, y);
    }

    private String anchor(double x, double y) {
        SliceLayout l = agg.layout();
        return "c" + l.x().indexOf(x) + "-" + l.y().indexOf(y);
    }

    /** Writes every slice's drill-down page and its cell images. */
    void drillDown(String title) throws IOException {
        SliceLayout l = agg.layout();
        for (Map.Entry<String, Map<List<Double>, List<StoredCurve>>> s : bySlice.entrySet()) {
            String slug = SliceLayout.slug(s.getKey());
            StringBuilder h = new StringBuilder();
            h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                    .append(HtmlReport.esc(title + ": curves, " + s.getKey())).append("</title>\n<style>body{font-family:sans-serif;"
                            + "max-width:1100px;margin:1em auto;padding:0 1em}table{border-collapse:collapse;font-size:.85em}"
                            + "td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}section{margin:1.5em 0;border-top:1px solid #999}"
                            + "</style></head><body>\n<h1>").append(HtmlReport.esc("Learning curves per phase cell, " + s.getKey())).append("</h1>\n")
                    .append("<p><a href=\"../report.html\">back to the report</a>. Each cell: class A blue, class B vermilion (by class index), "
                            + "every seed. Top: E_score,c(τ) relative to its value at the smallest stored τ; the grey line at ½ is the "
                            + "half-drop that defines τ_gen,c. Bottom: L_gen,c(τ) (per dimension); the grey line is δ_gen = "
                            + PhaseTables.shortNumber(deltaGen) + ", whose first crossing defines τ_mem,c. Solid: simulation and the "
                            + "measured times; dashed: the asymptotic theory's curves and the times read off them. A time never reached "
                            + "has no marker. Curves: 64 stored τ per point (float32).</p>\n");
            for (Map.Entry<List<Double>, List<StoredCurve>> cell : s.getValue().entrySet()) {
                double x = cell.getKey().get(0), y = cell.getKey().get(1);
                String a = anchor(x, y);
                String where = l.x().name() + " = " + PhaseTables.shortNumber(x) + ", " + l.y().name() + " = " + PhaseTables.shortNumber(y);
                String img = slug + "/" + a + ".png";
                byte[] png = ChartFiles.png(cellChart(where, cell.getValue()), W, H);
                out.writeAtomically(new Path(new Path(out.file(CELLS), slug), a + ".png"), png);
                files.add(CELLS + "/" + img);
                h.append("<section id=\"").append(a).append("\"><h2>").append(HtmlReport.esc(where)).append("</h2>\n<img src=\"")
                        .append(img).append("\" width=\"").append(W).append("\" height=\"").append(H).append("\" alt=\"curves, ")
                        .append(HtmlReport.esc(where)).append("\">\n").append(timesTable(cell.getValue())).append("</section>\n");
            }
            h.append("</body></html>\n");
            out.writeAtomically(new Path(out.file(CELLS), slug + ".html"), h.toString().getBytes(StandardCharsets.UTF_8));
            files.add(CELLS + "/" + slug + ".html");
        }
    }

    private JFreeChart cellChart(String where, List<StoredCurve> rows) {
        List<CurvePanels.Line> top = new ArrayList<>(), bottom = new ArrayList<>();
        List<CurvePanels.Marker> topM = new ArrayList<>(), bottomM = new ArrayList<>();
        boolean[] theoryDrawn = new boolean[64];
        for (StoredCurve c : rows) {
            double[] t = c.tauValues();
            int col = c.classIndex();
            double[] sc = c.values(CurveKind.SCORE), sca = c.values(CurveKind.SCORE_ASYM);
            if (sc != null) top.add(new CurvePanels.Line(t, relative(sc), col, false));
            double[] g = c.values(CurveKind.GEN);
            if (g != null) bottom.add(new CurvePanels.Line(t, g, col, false));
            topM.add(new CurvePanels.Marker(num(c, ClassField.TAU_GEN), col, false));
            bottomM.add(new CurvePanels.Marker(num(c, ClassField.TAU_MEM), col, false));
            // the asymptotic theory has no randomness: draw it once per class
            if (col < theoryDrawn.length && !theoryDrawn[col]) {
                theoryDrawn[col] = true;
                if (sca != null) top.add(new CurvePanels.Line(t, relative(sca), col, true));
                double[] ga = c.values(CurveKind.GEN_ASYM);
                if (ga != null) bottom.add(new CurvePanels.Line(t, ga, col, true));
                topM.add(new CurvePanels.Marker(num(c, ClassField.TAU_GEN_ASYM), col, true));
                bottomM.add(new CurvePanels.Marker(num(c, ClassField.TAU_MEM_ASYM), col, true));
            }
        }
        return CurvePanels.create(where, "training time τ (paper units)", List.of(
                new CurvePanels.Panel("E_score,c (relative)", AxisScale.LOG, top, topM, 0.5),
                new CurvePanels.Panel("L_gen,c", AxisScale.LOG, bottom, bottomM, deltaGen)));
    }

    private static double[] relative(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) r[i] = v[i] / v[0];
        return r;
    }

    private static double num(StoredCurve c, ClassField f) {
        Double v = c.result().number(f);
        return v == null ? Double.NaN : v;
    }

    private static String timesTable(List<StoredCurve> rows) {
        StringBuilder t = new StringBuilder("<table><thead><tr><th>class</th><th>seed</th><th>n_c</th><th>τ_gen</th><th>τ_mem</th>"
                + "<th>τ_gen (asymptotic)</th><th>τ_mem (asymptotic)</th><th>pointId</th></tr></thead><tbody>\n");
        for (StoredCurve c : rows) {
            t.append("<tr><td>").append(HtmlReport.esc(c.result().name())).append("</td><td>").append(c.seedIndex()).append("</td><td>")
                    .append(c.result().nTrain()).append("</td>");
            for (ClassField f : List.of(ClassField.TAU_GEN, ClassField.TAU_MEM, ClassField.TAU_GEN_ASYM, ClassField.TAU_MEM_ASYM)) {
                Double v = c.result().number(f);
                t.append("<td>").append(v == null ? "never" : PhaseTables.shortNumber(v)).append("</td>");
            }
            t.append("<td>").append(c.pointId(), 0, 12).append("</td></tr>\n");
        }
        return t.append("</tbody></table>\n").toString();
    }

    /**
     * The collapse figure, when the sweep has a psiN axis with at least two values: L_gen,c against tau / tau_mem,c
     * (each seed's measured tau_mem,c) for every psi_n, at the geometry with the most psi_n values, balanced
     * classes (imbalance 1 when y is the imbalance ratio) and the largest x there (strongest class contrast).
     */
    void collapse() throws IOException {
        int ip = agg.axes().indexOf(PointField.PSI_N.key());
        if (ip < 0 || agg.axisValues().get(PointField.PSI_N.key()).size() < 2 || !agg.layout().hasMap()) return;
        SliceLayout l = agg.layout();
        int ix = agg.axes().indexOf(l.x().name()), iy = agg.axes().indexOf(l.y().name());
        boolean yImbalance = l.y().name().equals(SliceLayout.IMBALANCE);
        // group the rows by every coordinate except psiN
        Map<List<Double>, List<StoredCurve>> groups = new TreeMap<>(CurveFigures::lexicographic);
        for (Map<List<Double>, List<StoredCurve>> m : bySlice.values()) {
            for (List<StoredCurve> rows : m.values()) {
                for (StoredCurve c : rows) {
                    if (yImbalance && !(Math.abs(c.coordinates().get(iy) - 1) < 1e-9)) continue;
                    List<Double> k = new ArrayList<>(c.coordinates());
                    k.set(ip, Double.NaN);
                    groups.computeIfAbsent(k, z -> new ArrayList<>()).add(c);
                }
            }
        }
        List<StoredCurve> best = null;
        long bestN = 1;
        double bestX = Double.NEGATIVE_INFINITY;
        for (List<StoredCurve> g : groups.values()) {
            long n = g.stream().map(c -> c.coordinates().get(ip)).distinct().count();
            double x = g.get(0).coordinates().get(ix);
            if (n > bestN || n == bestN && best != null && x > bestX) {
                best = g;
                bestN = n;
                bestX = x;
            }
        }
        if (best == null) return;
        List<Double> psis = best.stream().map(c -> c.coordinates().get(ip)).distinct().sorted().toList();
        List<LineChart.Series> series = new ArrayList<>();
        for (StoredCurve c : best) {
            Double tm = c.result().number(ClassField.TAU_MEM);
            double[] g = c.values(CurveKind.GEN);
            if (tm == null || g == null) continue;
            double[] x = c.tauValues();
            for (int i = 0; i < x.length; i++) x[i] /= tm;
            double psi = c.coordinates().get(ip);
            series.add(new LineChart.Series("ψ_n = " + PhaseTables.shortNumber(psi) + ", " + c.result().name() + ", seed " + c.seedIndex(),
                    x, g, psis.indexOf(psi), c.classIndex() == 0 ? LineChart.Style.LINE : LineChart.Style.DASHED));
        }
        if (series.isEmpty()) return;
        StringBuilder where = new StringBuilder();
        for (int k = 0; k < agg.axes().size(); k++) {
            if (k == ip || yImbalance && k == iy) continue;
            where.append(where.length() > 0 ? ", " : "").append(agg.axes().get(k)).append(" = ")
                    .append(PhaseTables.shortNumber(best.get(0).coordinates().get(k)));
        }
        JFreeChart ch = LineChart.create("L_gen,c vs τ/τ_mem,c across ψ_n", "τ / τ_mem,c (measured, per seed and class)", AxisScale.LOG,
                "L_gen,c (per dimension)", AxisScale.LOG, series);
        List<LineChart.LegendKey> keys = new ArrayList<>();
        for (int i = 0; i < psis.size(); i++) keys.add(new LineChart.LegendKey("ψ_n = " + PhaseTables.shortNumber(psis.get(i)), i, LineChart.Style.LINE));
        keys.add(new LineChart.LegendKey("class A", -1, LineChart.Style.LINE));
        keys.add(new LineChart.LegendKey("class B", -1, LineChart.Style.DASHED));
        LineChart.legend(ch, keys);
        byte[] png = ReportFigure.write(out, ch, "collapse-psiN", "collapse", files);
        StringBuilder cols = new StringBuilder();
        for (int i = 0; i < psis.size(); i++) cols.append(i > 0 ? ", " : "").append("ψ_n = ").append(PhaseTables.shortNumber(psis.get(i)))
                .append(" ").append(COLOUR_NAMES[i % COLOUR_NAMES.length]);
        figures.add(new ReportFigure("Collapse of L_gen,c across model sizes ψ_n, " + where + (yImbalance ? ", balanced" : ""),
                "Each seed's simulated L_gen,c(τ) with τ divided by its own measured τ_mem,c (class A solid, B dashed; colour = ψ_n: "
                        + cols + "). Curves that fall on one another near τ/τ_mem = 1 mean the memorization onset is one process "
                        + "whose clock is τ_mem,c, whatever n/d; the crossing of δ_gen = " + PhaseTables.shortNumber(deltaGen)
                        + " is at τ/τ_mem = 1 by construction.", png, null));
    }

    private static int lexicographic(List<Double> a, List<Double> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = Double.compare(a.get(i) == null ? Double.NaN : a.get(i), b.get(i) == null ? Double.NaN : b.get(i));
            if (c != 0) return c;
        }
        return 0;
    }
}
