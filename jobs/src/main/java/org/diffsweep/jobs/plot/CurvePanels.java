package org.diffsweep.jobs.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.Stroke;
import java.util.ArrayList;
import java.util.List;
import org.diffsweep.jobs.phase.AxisScale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Learning curves of one phase cell, for the report's drill-down: panels stacked over one shared log-scale training
 * time axis, each with curves (simulation solid, theory dashed; colour = class), vertical markers at the times read
 * off them (measured solid, predicted dashed) and one horizontal reference line (the threshold the times are defined
 * by). No legend: the drill-down page says what is drawn. Rendered without anti-aliasing, so that a thousand small
 * PNGs stay small.
 */
public final class CurvePanels {
    /** A curve: simulation ({@code theory = false}, solid) or theory (dashed), colour = palette index. */
    public record Line(double[] x, double[] y, int colour, boolean theory) {
        public Line {
            if (x.length != y.length) throw new IllegalArgumentException(y.length + " values for " + x.length + " abscissae");
        }
    }

    /** A vertical marker at time {@code x}: measured (solid) or predicted (dashed). */
    public record Marker(double x, int colour, boolean predicted) {}

    /**
     * One panel.
     *
     * @param yLabel    axis label
     * @param yScale    linear or log
     * @param lines     curves
     * @param markers   vertical markers (non-finite ones are skipped: a time never reached has none)
     * @param reference y of the horizontal reference line (NaN: none)
     */
    public record Panel(String yLabel, AxisScale yScale, List<Line> lines, List<Marker> markers, double reference) {}

    private static final Stroke THIN = new BasicStroke(1.2f);
    private static final Stroke THIN_DASHED = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
            new float[] {5f, 4f}, 0f);

    private CurvePanels() {}

    /** The chart: {@code panels} top to bottom over one log axis labelled {@code xLabel}. */
    public static JFreeChart create(String title, String xLabel, List<Panel> panels) {
        List<double[]> xs = new ArrayList<>();
        for (Panel p : panels) for (Line l : p.lines()) xs.add(l.x());
        double[] xr = ChartStyle.range(AxisScale.LOG, xs.toArray(new double[0][]));
        CombinedDomainXYPlot comb = new CombinedDomainXYPlot(ChartStyle.axis(xLabel, AxisScale.LOG, xr[0], xr[1]));
        comb.setGap(6);
        for (Panel p : panels) {
            XYSeriesCollection ds = new XYSeriesCollection();
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
            List<double[]> ys = new ArrayList<>();
            int s = 0;
            for (Line l : p.lines()) {
                XYSeries ser = new XYSeries("s" + s, false, true);
                for (int i = 0; i < l.x().length; i++) {
                    double x = l.x()[i], y = l.y()[i];
                    if (Double.isFinite(x) && x > 0 && Double.isFinite(y) && (p.yScale() != AxisScale.LOG || y > 0)) ser.add(x, y);
                }
                ds.addSeries(ser);
                ys.add(l.y());
                r.setSeriesPaint(s, ChartStyle.colour(l.colour()));
                r.setSeriesStroke(s, l.theory() ? THIN_DASHED : THIN);
                s++;
            }
            double[] yr = ChartStyle.range(p.yScale(), ys.toArray(new double[0][]));
            if (Double.isFinite(p.reference()) && (p.yScale() != AxisScale.LOG || p.reference() > 0)) {
                yr = new double[] {Math.min(yr[0], p.reference()), Math.max(yr[1], p.reference())};
            }
            org.jfree.chart.axis.ValueAxis ya = ChartStyle.axis(p.yLabel(), p.yScale(), yr[0], yr[1]);
            XYPlot plot = new XYPlot(ds, null, ya, r);
            plot.setBackgroundPaint(Color.WHITE);
            plot.setDomainGridlinePaint(new Color(220, 220, 220));
            plot.setRangeGridlinePaint(new Color(220, 220, 220));
            if (Double.isFinite(p.reference())) plot.addRangeMarker(new ValueMarker(p.reference(), Color.GRAY, THIN_DASHED));
            for (Marker m : p.markers()) {
                if (!(Double.isFinite(m.x()) && m.x() > 0)) continue;
                Paint c = ChartStyle.colour(m.colour());
                plot.addDomainMarker(new ValueMarker(m.x(), c, m.predicted() ? THIN_DASHED : THIN));
            }
            comb.add(plot, 1);
        }
        JFreeChart chart = new JFreeChart(title, ChartStyle.LABEL, comb, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(false);
        chart.setTextAntiAlias(false);
        return chart;
    }
}
