package org.diffsweep.jobs.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.diffsweep.jobs.phase.AxisScale;
import org.diffsweep.jobs.phase.BoundaryExtractor;
import org.diffsweep.jobs.phase.DMetric;
import org.diffsweep.jobs.phase.PhaseAggregator;
import org.diffsweep.jobs.phase.PhaseCell;
import org.diffsweep.jobs.phase.SliceField;
import org.diffsweep.jobs.phase.SliceFunction;
import org.diffsweep.jobs.phase.Polyline;
import org.diffsweep.jobs.phase.SliceAxis;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Per-slice phase map of an order parameter D (theory.md §8): cells coloured on a diverging scale centred at 0 with
 * a colour bar, missing cells grey, the measured boundary (solid black) and each predicted boundary (dashed,
 * coloured) overlaid with a legend, and cells where a predictor and the measurement disagree on the phase hatched
 * and outlined.
 */
public final class PhaseMapChart {
    /**
     * One boundary to overlay.
     *
     * @param name      legend name (e.g. "measured", "predicted w")
     * @param polylines its D = 0 polylines
     * @param measured  true for the measured boundary (drawn solid black)
     */
    public record Boundary(String name, List<Polyline> polylines, boolean measured) {
        public Boundary { polylines = List.copyOf(polylines); }
    }

    /**
     * Input of the figure.
     *
     * @param title      chart title (e.g. "D_gen (measured), t = 0.1, ψ_p = 2")
     * @param x          x axis (label with units; log scale for ratios)
     * @param y          y axis
     * @param valueLabel colour-bar label (e.g. "D_gen = ln(τ_gen,A / τ_gen,B)")
     * @param values     cell values, x fastest (NaN = missing)
     * @param disagree   per cell: predictor and measurement disagree on the phase (hatched); may be null
     * @param boundaries boundaries to overlay
     */
    public record Data(String title, SliceAxis x, SliceAxis y, String valueLabel, double[] values, boolean[] disagree,
                       List<Boundary> boundaries) {
        public Data {
            Objects.requireNonNull(x, "x");
            Objects.requireNonNull(y, "y");
            if (values.length != x.size() * y.size()) {
                throw new IllegalArgumentException("values: expected " + x.size() * y.size() + ", got "
                        + values.length);
            }
            if (disagree != null && disagree.length != values.length) {
                throw new IllegalArgumentException("disagree must have one flag per cell");
            }
            boundaries = List.copyOf(boundaries);
        }
    }

    private PhaseMapChart() {
    }

    /**
     * The figure input for one slice and one quantity, straight from the phase table: colours = measured seed mean,
     * boundaries = D = 0 contours of the measured mean and of each predictor's mean, hatching = cells where some
     * predictor's phase (BASELINE/REVERSED) differs from the measured one. Without any measured value in the slice (a
     * theory-only sweep) the first predictor with values takes the measurement's place.
     *
     * @param slice      slice name
     * @param x          x axis of the slice
     * @param y          y axis of the slice
     * @param cells      phase table rows (other slices and metrics are ignored)
     * @param quantity   GEN, MEM or S
     * @param refiner    optional cheap analytic predictor used to refine the predicted boundary's crossings (e.g.
     *                   the closed-form D_S); null for none
     */
    public static Data fromCells(String slice, SliceAxis x, SliceAxis y, List<PhaseCell> cells,
                                 DMetric.Quantity quantity, SliceFunction refiner) {
        DMetric measured = null; // the measured metric comes first in DMetric's order, then the predictors
        SliceField mean = null;
        for (DMetric m : DMetric.values()) {
            if (m.isResidual() || m.quantity() != quantity) continue;
            SliceField f = SliceField.fromCells(x, y, cells, slice, m, PhaseCell::mean);
            if (measured == null) {
                measured = m;
                mean = f;
            }
            if (Arrays.stream(f.values()).anyMatch(v -> !Double.isNaN(v))) {
                measured = m;
                mean = f;
                break;
            }
        }
        java.util.List<Boundary> bounds = new java.util.ArrayList<>();
        bounds.add(new Boundary(sourceName(measured), BoundaryExtractor.trace(mean, null), true));
        boolean[] disagree = new boolean[x.size() * y.size()];
        for (DMetric m : DMetric.values()) {
            if (m.isResidual() || m.quantity() != quantity || m == measured) continue;
            SliceField pm = SliceField.fromCells(x, y, cells, slice, m, PhaseCell::mean);
            boolean any = false;
            for (double v : pm.values()) any |= !Double.isNaN(v);
            if (!any) continue;
            bounds.add(new Boundary(sourceName(m), BoundaryExtractor.trace(pm,
                    m.source() == DMetric.Source.CLOSED_FORM ? refiner : null), false));
            for (List<Object> k : PhaseAggregator.disagreements(cells, measured, m)) {
                if (k.get(0).equals(slice)) {
                    int i = x.indexOf((Double) k.get(1));
                    int j = y.indexOf((Double) k.get(2));
                    if (i >= 0 && j >= 0) disagree[i + j * x.size()] = true;
                }
            }
        }
        String symbol = quantity.formula();
        return new Data(measured.label() + ", slice " + slice, x, y, symbol, mean.values(), disagree, bounds);
    }

    private static String sourceName(DMetric m) {
        return m.label().substring(m.label().indexOf('(') + 1, m.label().length() - 1);
    }

    /**
     * A residual map (theory minus simulation): colours = seed mean of a {@code RESID_*} metric on the same diverging
     * scale, no boundaries.
     */
    public static Data residualFromCells(String slice, SliceAxis x, SliceAxis y, List<PhaseCell> cells,
                                         DMetric residual) {
        if (!residual.isResidual()) throw new IllegalArgumentException(residual + " is not a residual metric");
        SliceField f = SliceField.fromCells(x, y, cells, slice, residual, PhaseCell::mean);
        return new Data(residual.label() + ", slice " + slice, x, y, "predicted − measured", f.values(), null,
                List.of());
    }

    /** Builds the chart. */
    public static JFreeChart create(Data d) {
        int nx = d.x().size();
        int ny = d.y().size();
        double[] ex = edges(d.x());
        double[] ey = edges(d.y());
        int n = nx * ny;
        double[] x0 = new double[n];
        double[] x1 = new double[n];
        double[] y0 = new double[n];
        double[] y1 = new double[n];
        XYSeries centres = new XYSeries("cells", false, true);
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int k = i + j * nx;
                x0[k] = ex[i];
                x1[k] = ex[i + 1];
                y0[k] = ey[j];
                y1[k] = ey[j + 1];
                centres.add(d.x().value(i), d.y().value(j));
            }
        }
        DivergingPaintScale scale = DivergingPaintScale.covering(d.values());
        ValueAxis xa = ChartStyle.axis(d.x().label(), d.x().scale(), ex[0], ex[nx]);
        ValueAxis ya = ChartStyle.axis(d.y().label(), d.y().scale(), ey[0], ey[ny]);
        XYPlot plot = new XYPlot(new XYSeriesCollection(centres), xa, ya,
                new CellRenderer(x0, x1, y0, y1, d.values().clone(), d.disagree(), scale));
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);

        LegendItemCollection legend = new LegendItemCollection();
        XYSeriesCollection lines = new XYSeriesCollection();
        XYLineAndShapeRenderer lr = new XYLineAndShapeRenderer(true, false);
        int colour = 0;
        for (int b = 0; b < d.boundaries().size(); b++) {
            Boundary bd = d.boundaries().get(b);
            XYSeries s = new XYSeries(bd.name(), false, true);
            for (Polyline p : bd.polylines()) {
                if (s.getItemCount() > 0) {
                    s.add(Double.NaN, Double.NaN); // break between polylines
                }
                for (int k = 0; k < p.size(); k++) s.add(p.x()[k], p.y()[k]);
            }
            lines.addSeries(s);
            Paint paint = bd.measured() ? Color.BLACK : ChartStyle.colour(colour + 1);
            Stroke stroke = bd.measured() ? new BasicStroke(3f)
                    : (colour % 2 == 0 ? ChartStyle.DASHED : ChartStyle.DASH_DOT);
            if (!bd.measured()) colour++;
            lr.setSeriesPaint(b, paint);
            lr.setSeriesStroke(b, stroke);
            legend.add(new LegendItem(bd.name() + " boundary (D = 0)", null, null, null,
                    new Line2D.Double(-12, 0, 12, 0), stroke, paint));
        }
        lr.setDrawSeriesLineAsPath(false);
        plot.setDataset(1, lines);
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
        plot.setRenderer(1, lr);
        boolean anyDisagree = false;
        boolean anyMissing = false;
        for (int k = 0; k < n; k++) {
            anyDisagree |= d.disagree() != null && d.disagree()[k];
            anyMissing |= Double.isNaN(d.values()[k]);
        }
        if (anyDisagree) {
            // plain swatch (white, thick outline): texture paints do not survive the SVG export
            LegendItem li = new LegendItem("hatched, outlined: predictor and measurement disagree on the phase", null,
                    null, null, new Rectangle2D.Double(-7, -7, 14, 14), Color.WHITE, new BasicStroke(2.5f),
                    Color.BLACK);
            legend.add(li);
        }
        if (anyMissing) {
            legend.add(new LegendItem("grey: missing", null, null, null, new Rectangle2D.Double(-7, -7, 14, 14),
                    DivergingPaintScale.MISSING));
        }
        plot.setFixedLegendItems(legend);

        JFreeChart chart = new JFreeChart(d.title(), ChartStyle.TITLE, plot, true);
        ChartStyle.style(chart, plot);
        LegendTitle lt = chart.getLegend();
        lt.setPosition(RectangleEdge.BOTTOM);

        NumberAxis bar = new NumberAxis(d.valueLabel());
        bar.setLabelFont(ChartStyle.LABEL);
        bar.setTickLabelFont(ChartStyle.TICK);
        bar.setRange(scale.getLowerBound(), scale.getUpperBound());
        PaintScaleLegend psl = new PaintScaleLegend(scale, bar);
        psl.setPosition(RectangleEdge.RIGHT);
        psl.setAxisLocation(org.jfree.chart.axis.AxisLocation.BOTTOM_OR_RIGHT);
        psl.setMargin(new RectangleInsets(10, 10, 10, 10));
        psl.setStripWidth(18);
        psl.setSubdivisionCount(256);
        psl.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(psl);
        return chart;
    }

    /** Cell edges: midpoints between grid values in the axis's internal coordinate, half a step beyond the ends. */
    static double[] edges(SliceAxis a) {
        int n = a.size();
        double[] e = new double[n + 1];
        AxisScale s = a.scale();
        for (int i = 1; i < n; i++) e[i] = s.fromInternal(0.5 * (a.internal(i - 1) + a.internal(i)));
        e[0] = s.fromInternal(a.internal(0) - 0.5 * (a.internal(1) - a.internal(0)));
        e[n] = s.fromInternal(a.internal(n - 1) + 0.5 * (a.internal(n - 1) - a.internal(n - 2)));
        return e;
    }
}
