package org.diffsweep.jobs.plot;

import java.awt.Color;
import java.awt.Paint;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.diffsweep.jobs.phase.AxisScale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Curves y(x) on linear or log axes — per-class times against a swept axis, speciation times against imbalance,
 * learning curves against training time: one chart type for all of them. Points that cannot be drawn (NaN, and
 * non-positive values on a log axis) are left out, so a "never reached" time simply has no marker.
 */
public final class LineChart {
    /** How a series is drawn. */
    public enum Style {
        /** Solid line with markers (measured values). */
        MEASURED(ChartStyle.SOLID, true, true),
        /** Solid line, no markers (closed forms, theory curves). */
        LINE(ChartStyle.SOLID, true, false),
        /** Markers only. */
        MARKERS(ChartStyle.SOLID, false, true),
        DASHED(ChartStyle.DASHED, true, false),
        DOTTED(ChartStyle.DOTTED, true, false),
        DASH_DOT(ChartStyle.DASH_DOT, true, false);

        final Stroke stroke;
        final boolean lines;
        final boolean markers;

        Style(Stroke stroke, boolean lines, boolean markers) {
            this.stroke = stroke;
            this.lines = lines;
            this.markers = markers;
        }
    }

    /**
     * One curve.
     *
     * @param name   legend text
     * @param x      abscissae
     * @param y      ordinates, same length (NaN = no point)
     * @param colour palette index ({@code -1}: grey)
     * @param style  how it is drawn
     */
    public record Series(String name, double[] x, double[] y, int colour, Style style) {
        public Series {
            Objects.requireNonNull(name, "series name");
            if (x.length != y.length) throw new IllegalArgumentException(name + ": " + y.length + " values for " + x.length + " abscissae");
        }
    }

    private LineChart() {}

    /** The chart of {@code series} (null entries are skipped). */
    public static JFreeChart create(String title, String xLabel, AxisScale xScale, String yLabel, AxisScale yScale,
                                    List<Series> series) {
        XYSeriesCollection ds = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        List<double[]> xs = new ArrayList<>(), ys = new ArrayList<>();
        int s = 0;
        for (Series c : series) {
            if (c == null) continue;
            XYSeries ser = new XYSeries(c.name(), false, true);
            for (int i = 0; i < c.x().length; i++) {
                double x = c.x()[i], y = c.y()[i];
                if (drawable(x, xScale) && drawable(y, yScale)) ser.add(x, y);
            }
            ds.addSeries(ser);
            xs.add(c.x());
            ys.add(c.y());
            Paint p = c.colour() < 0 ? Color.GRAY : ChartStyle.colour(c.colour());
            r.setSeriesPaint(s, p);
            r.setSeriesStroke(s, c.style().stroke);
            r.setSeriesLinesVisible(s, c.style().lines);
            r.setSeriesShapesVisible(s, c.style().markers);
            r.setSeriesShape(s, new Ellipse2D.Double(-4, -4, 8, 8));
            s++;
        }
        double[] xr = ChartStyle.range(xScale, xs.toArray(new double[0][]));
        double[] yr = ChartStyle.range(yScale, ys.toArray(new double[0][]));
        XYPlot plot = new XYPlot(ds, ChartStyle.axis(xLabel, xScale, xr[0], xr[1]), ChartStyle.axis(yLabel, yScale, yr[0], yr[1]), r);
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, true);
        ChartStyle.style(chart, plot);
        return chart;
    }

    /** One entry of a hand-made legend: a label drawn as a short line in the series' colour (−1: grey) and style. */
    public record LegendKey(String label, int colour, Style style) {}

    /**
     * Replaces the chart's legend (one entry per series) by {@code keys}: for charts with many series that share a
     * few colours and styles, the legend says what a colour and a style mean instead of listing every series.
     */
    public static void legend(JFreeChart chart, List<LegendKey> keys) {
        org.jfree.chart.LegendItemCollection items = new org.jfree.chart.LegendItemCollection();
        java.awt.geom.Line2D line = new java.awt.geom.Line2D.Double(-12, 0, 12, 0);
        for (LegendKey k : keys) {
            Paint p = k.colour() < 0 ? Color.GRAY : ChartStyle.colour(k.colour());
            items.add(new org.jfree.chart.LegendItem(k.label(), null, null, null, false, line, false, p, false, p,
                    k.style().stroke, true, line, k.style().stroke, p));
        }
        chart.getXYPlot().setFixedLegendItems(items);
    }

    private static boolean drawable(double v, AxisScale scale) { return Double.isFinite(v) && (scale != AxisScale.LOG || v > 0); }
}
