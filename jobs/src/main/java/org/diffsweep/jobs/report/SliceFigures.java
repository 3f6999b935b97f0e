package org.diffsweep.jobs.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.diffsweep.core.evaluator.ClassField;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.spectrum.SpectrumResult;
import org.diffsweep.core.spectrum.SpectrumSolver;
import org.diffsweep.jobs.ledger.AggregatedLedger;
import org.diffsweep.jobs.ledger.Ledger;
import org.diffsweep.jobs.phase.ClassPair;
import org.diffsweep.jobs.phase.DMetric;
import org.diffsweep.jobs.phase.PhaseCell;
import org.diffsweep.jobs.phase.PhaseTables;
import org.diffsweep.jobs.phase.SliceAxis;
import org.diffsweep.jobs.phase.SliceLayout;
import org.diffsweep.jobs.phase.AxisScale;
import org.diffsweep.jobs.plot.LineChart;
import org.diffsweep.jobs.plot.PhaseMapChart;
import org.diffsweep.jobs.plot.SpectrumChart;
import org.diffsweep.jobs.spec.SweepSpec;
import org.jfree.chart.JFreeChart;

/**
 * The figures of one slice: phase maps of D_gen, D_mem and D_S (measured colours, every predictor's boundary), the
 * D_gen residual of the w predictor, per-class times along y at the x of strongest contrast, per-class speciation
 * times (when y is the imbalance ratio) and the asymptotic spectrum at the slice's baseline point. Each figure is
 * written as PNG and SVG under {@code figures/}.
 */
final class SliceFigures {
    private final Ledger out;
    private final AggregatedLedger agg;
    private final List<PhaseCell> cells;
    private final SweepSpec spec;
    final List<String> files = new ArrayList<>();
    final List<ReportFigure> figures = new ArrayList<>();

    SliceFigures(Ledger out, AggregatedLedger agg, List<PhaseCell> cells, SweepSpec spec) {
        this.out = out;
        this.agg = agg;
        this.cells = cells;
        this.spec = spec;
    }

    /** Writes every figure of {@code slice}. */
    void slice(String slice) throws IOException {
        SliceLayout l = agg.layout();
        SliceAxis xa = l.x(), ya = l.y();
        String slug = SliceLayout.slug(slice);
        for (DMetric.Quantity q : DMetric.Quantity.values()) {
            String qn = q.symbol();
            PhaseMapChart.Data d = PhaseMapChart.fromCells(slice, xa, ya, cells, q, null);
            d = new PhaseMapChart.Data(qn + " (measured), " + slice, d.x(), d.y(), d.valueLabel(), d.values(), d.disagree(), d.boundaries());
            figure("phase-" + qn + "-" + slug, PhaseMapChart.create(d), qn + " phase map, " + slice,
                    "Colour: measured seed mean of " + q.formula() + "; grey = missing or censored (a time off the τ grid). "
                            + "Solid black: measured " + qn + " = 0; dashed: each predictor's " + qn + " = 0; "
                            + "hatched cells: a predictor and the measurement disagree on the phase.");
        }
        figure("residual-D_gen-asym-" + slug, PhaseMapChart.create(PhaseMapChart.residualFromCells(slice, xa, ya, cells, DMetric.RESID_GEN_ASYM)),
                "D_gen residual (asymptotic curves − measured), " + slice,
                "Seed mean of D_gen(asymptotic) − D_gen(measured), paired per seed: how far the theory's learning order is from "
                        + "the simulation's, in ln units.");
        double xStar = contrastX(xa);
        String where = xa.name() + " = " + PhaseTables.shortNumber(xStar);
        Map<String, Double>[][] v = classMeansAlongY(slice, xStar);
        for (boolean gen : new boolean[] {true, false}) {
            List<LineChart.Series> curves = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                String n = c == 0 ? "A" : "B";
                curves.add(new LineChart.Series(n + " measured", ya.values(), column(v[c], gen ? ClassField.TAU_GEN : ClassField.TAU_MEM), c,
                        LineChart.Style.MEASURED));
                curves.add(new LineChart.Series(n + " asymptotic curves", ya.values(),
                        column(v[c], gen ? ClassField.TAU_GEN_ASYM : ClassField.TAU_MEM_ASYM), c, LineChart.Style.LINE));
                curves.add(new LineChart.Series(n + " spectral (w)", ya.values(),
                        column(v[c], gen ? ClassField.TAU_GEN_SPEC_W : ClassField.TAU_MEM_SPEC_W), c, LineChart.Style.DASHED));
                curves.add(new LineChart.Series(n + " spectral (cw)", ya.values(),
                        column(v[c], gen ? ClassField.TAU_GEN_SPEC_CW : ClassField.TAU_MEM_SPEC_CW), c, LineChart.Style.DOTTED));
            }
            String what = gen ? "τ_gen" : "τ_mem";
            JFreeChart ch = LineChart.create(what + " per class vs " + ya.name() + ", " + slice + ", " + where, ya.label(), ya.scale(),
                    what + " (training time, paper units)", AxisScale.LOG, curves);
            figure("times-" + (gen ? "gen" : "mem") + "-" + slug, ch, what + " per class, " + slice + ", " + where,
                    "Geometric mean over seeds: measured (markers), asymptotic theory curves' times (solid), spectral read-offs on the "
                            + "sampled U: w (dashed), cw (dotted).");
        }
        if (ya.name().equals(SliceLayout.IMBALANCE)) {
            List<LineChart.Series> ct = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                String n = c == 0 ? "A" : "B";
                ct.add(new LineChart.Series(n + " t_S closed form", ya.values(), column(v[c], ClassField.T_S), c, LineChart.Style.LINE));
                ct.add(new LineChart.Series(n + " t_S measured", ya.values(), column(v[c], ClassField.T_S_MEASURED), c, LineChart.Style.MARKERS));
            }
            ct.add(new LineChart.Series("global t_S = ½ ln Λ", ya.values(), column(v[0], AggregatedLedger.GLOBAL_TS), -1, LineChart.Style.DASHED));
            JFreeChart ch = LineChart.create("per-class speciation time vs imbalance, " + slice + ", " + where, ya.label(), AxisScale.LOG,
                    "speciation time t_S (OU diffusion time)", AxisScale.LINEAR, ct);
            figure("speciation-" + slug, ch, "speciation times, " + slice + ", " + where,
                    "t_S^(c) (OU time; smaller = later in the backward run): closed form lines, backward-simulation "
                            + "markers; a pre-committed class (π_c ≥ κ) has none.");
        }
        if (ClassPair.of(slice).equals(ClassPair.FIRST_TWO)) spectrum(slice, slug, xStar, where); // one per point, not per pair
    }

    /** The x value farthest from the symmetric geometry (largest |internal coordinate|): the most class contrast. */
    private static double contrastX(SliceAxis xa) {
        int ix = 0;
        for (int i = 0; i < xa.size(); i++) if (Math.abs(xa.internal(i)) > Math.abs(xa.internal(ix))) ix = i;
        return xa.value(ix);
    }

    /** Per class (A, B) of the slice's class pair and y index, the class means at (slice, x*), or null. */
    @SuppressWarnings("unchecked")
    private Map<String, Double>[][] classMeansAlongY(String slice, double xStar) {
        SliceLayout l = agg.layout();
        List<String> axes = agg.axes();
        int ix = axes.indexOf(l.x().name()), iy = axes.indexOf(l.y().name());
        Map<String, Double>[][] v = new Map[2][l.y().size()];
        for (Map.Entry<List<Double>, Map<String, Double>> e : agg.classMeans().entrySet()) {
            List<Double> k = e.getKey();
            Double x = k.get(ix), y = k.get(iy);
            if (x == null || y == null || Math.abs(x - xStar) > 1e-9 * Math.abs(xStar)) continue;
            if (!l.label(a -> k.get(axes.indexOf(a))).equals(ClassPair.baseSlice(slice))) continue;
            ClassPair pair = ClassPair.of(slice);
            int j = l.y().indexOf(y), c = k.get(k.size() - 1).intValue();
            if (j >= 0 && (c == pair.i() || c == pair.j())) v[c == pair.i() ? 0 : 1][j] = e.getValue();
        }
        return v;
    }

    private static double[] column(Map<String, Double>[] rows, ClassField f) { return column(rows, f.column()); }

    private static double[] column(Map<String, Double>[] rows, String key) {
        double[] o = new double[rows.length];
        for (int j = 0; j < rows.length; j++) o[j] = rows[j] == null ? Double.NaN : rows[j].getOrDefault(key, Double.NaN);
        return o;
    }

    /** The analytic spectrum at the slice's baseline point (x*, balanced y), recomputed from the spec (milliseconds). */
    private void spectrum(String slice, String slug, double xStar, String where) throws IOException {
        SliceLayout l = agg.layout();
        double yBase = l.y().indexOf(1.0) >= 0 ? 1.0 : l.y().value(l.y().size() / 2);
        PointParams base = baselinePoint(slice, xStar, yBase);
        if (base == null) return;
        SpectrumResult s;
        try {
            s = SpectrumSolver.solve(base);
        } catch (RuntimeException e) {
            return; // the solver failed on this point: the report simply has no spectrum figure for the slice
        }
        List<String> cn = new ArrayList<>();
        for (ClassSpec c : base.classes()) cn.add(c.name());
        JFreeChart ch = SpectrumChart.create("asymptotic spectrum of U, " + slice + ", " + where + ", " + l.y().name() + " = "
                + PhaseTables.shortNumber(yBase), s.lambda(), s.rho(), cn, new ArrayList<>(Arrays.asList(s.rhoClass())), true);
        figure("spectrum-" + slug, ch, "spectrum at the baseline point, " + slice,
                "Asymptotic spectral density ρ(λ) of U (black) with each class's ρ_c shaded (§5.4), recomputed for the "
                        + "slice's baseline point; λ in eigenvalue units of U.");
    }

    /** The spec's seed-0 point of this slice at (x*, y), built directly from its coordinates; null when it has none. */
    private PointParams baselinePoint(String slice, double xStar, double y) {
        if (spec == null) return null;
        SliceLayout l = agg.layout();
        Map<String, Double> at = new java.util.LinkedHashMap<>();
        for (String a : agg.axes()) at.put(a, agg.axisValues().get(a).first());
        at.put(l.x().name(), xStar);
        at.put(l.y().name(), y);
        double[] sv = l.sliceValues(agg.axisValues()).get(ClassPair.baseSlice(slice));
        if (sv == null) return null;
        for (int k = 0; k < sv.length; k++) at.put(l.slices().get(k), sv[k]);
        try {
            return spec.grid().pointAt(at, 0).params();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void figure(String base, JFreeChart chart, String title, String caption) throws IOException {
        figures.add(new ReportFigure(title, caption, ReportFigure.write(out, chart, base, base, files), null));
    }
}
