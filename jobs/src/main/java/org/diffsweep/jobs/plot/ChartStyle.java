package org.diffsweep.jobs.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Stroke;
import java.text.DecimalFormat;
import org.diffsweep.jobs.phase.AxisScale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;

/** Shared look: readable fonts, white background, colour-blind-safe palette (Okabe–Ito), log axes for ratios. */
final class ChartStyle {
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Paint[] PALETTE = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(230, 159, 0), new Color(86, 180, 233), new Color(120, 120, 120), new Color(240, 228, 66)
    };
    static final Stroke SOLID = new BasicStroke(2.2f);
    static final Stroke DASHED = new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
            new float[] {8f, 5f}, 0f);
    static final Stroke DOTTED = new BasicStroke(2.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
            new float[] {2f, 4f}, 0f);
    static final Stroke DASH_DOT = new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
            new float[] {9f, 4f, 2f, 4f}, 0f);

    private ChartStyle() {
    }

    static Paint colour(int i) { return PALETTE[Math.floorMod(i, PALETTE.length)]; }

    /** A value axis: {@link LogAxis} on a log scale (base 10 over ≥ 2 decades, else base 2), numbers as plain decimals
     * (scientific when the range reaches below 1e-3, where 4 decimals would print 0, or above 1e6); at most about 6
     * labelled ticks. */
    static ValueAxis axis(String label, AxisScale scale, double lo, double hi) {
        ValueAxis a;
        if (scale == AxisScale.LOG) {
            LogAxis la = new LogAxis(label);
            la.setBase(hi / lo >= 100 ? 10 : 2);
            la.setSmallestValue(Math.min(lo, 1e-300));
            // plain decimals, or scientific where they would round to 0 (an axis reaching below 1e-3) or run to 7 digits
            la.setNumberFormatOverride(new DecimalFormat(lo < 1e-3 || hi >= 1e6 ? "0.#E0" : "0.####"));
            la.setMinorTickMarksVisible(true);
            la.setAutoTickUnitSelection(false);
            double decades = Math.log(hi / lo) / Math.log(la.getBase());
            // at most about 6 labelled ticks: 10 decade labels overlap on the drill-down's 480-pixel charts
            la.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(Math.max(1, Math.ceil(decades / 6))));
            a = la;
        } else {
            NumberAxis na = new NumberAxis(label);
            na.setAutoRangeIncludesZero(false);
            a = na;
        }
        a.setLabelFont(LABEL);
        a.setTickLabelFont(TICK);
        if (hi > lo) a.setRange(lo, hi);
        return a;
    }

    static void style(JFreeChart chart, XYPlot plot) {
        chart.setBackgroundPaint(Color.WHITE);
        TextTitle t = chart.getTitle();
        if (t != null) t.setFont(TITLE);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(210, 210, 210));
        plot.setRangeGridlinePaint(new Color(210, 210, 210));
        plot.setOutlinePaint(Color.DARK_GRAY);
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(LEGEND);
            legend.setPosition(RectangleEdge.BOTTOM);
        }
    }

    /** Range [lo, hi] of the finite (and, for log, positive) values, padded on a log/linear scale. */
    static double[] range(AxisScale scale, double[]... arrays) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] a : arrays) {
            if (a == null) continue;
            for (double v : a) {
                if (Double.isFinite(v) && (scale != AxisScale.LOG || v > 0)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            return scale == AxisScale.LOG ? new double[] {0.1, 10} : new double[] {0, 1};
        }
        if (scale == AxisScale.LOG) {
            double f = lo == hi ? 2 : Math.pow(hi / lo, 0.05);
            return new double[] {lo / f, hi * f};
        }
        double pad = lo == hi ? Math.max(1, Math.abs(lo)) * 0.1 : (hi - lo) * 0.05;
        return new double[] {lo - pad, hi + pad};
    }
}
