package org.diffsweep.jobs.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYZDataset;
import org.jfree.svg.SVGGraphics2D;

/**
 * Phase diagram of sign(D_gen), D_gen = log(tau_gen,A / tau_gen,B) (theory §8, §12.8), over two swept axes: one
 * cell per pair of axis values, coloured by the sign of the cell's mean D_gen, grey where no value exists (point not
 * computed, or a time never reached). Ratio axes are logarithmic; cell edges lie halfway between neighbouring values
 * (geometrically on log axes), so uneven grids tile the plane without gaps or overlaps.
 */
public final class PhaseDiagramPlot {
    static final Color NEGATIVE = new Color(0x2c, 0x7b, 0xb6);
    static final Color POSITIVE = new Color(0xd7, 0x19, 0x1c);
    static final Color ZERO = new Color(0xf7, 0xf7, 0xf7);
    static final Color NO_DATA = new Color(0xc8, 0xc8, 0xc8);

    private PhaseDiagramPlot() {}

    /** Whether an axis is drawn logarithmically: its name mentions a ratio and all its values are positive. */
    public static boolean logAxis(String axisName, double[] values) {
        if (!axisName.toLowerCase(java.util.Locale.ROOT).contains("ratio")) return false;
        for (double v : values) if (!(v > 0)) return false;
        return true;
    }

    /**
     * Builds the chart.
     *
     * @param xs    sorted distinct x values
     * @param ys    sorted distinct y values
     * @param value {@code value[i][j]} = mean D_gen at (xs[i], ys[j]), NaN for no data
     */
    public static JFreeChart chart(String title, String xName, double[] xs, String yName, double[] ys, double[][] value) {
        boolean xLog = logAxis(xName, xs), yLog = logAxis(yName, ys);
        double[] xe = edges(xs, xLog), ye = edges(ys, yLog);
        int m = xs.length * ys.length;
        double[][] data = new double[3][m];
        int k = 0;
        for (int i = 0; i < xs.length; i++) {
            for (int j = 0; j < ys.length; j++, k++) {
                data[0][k] = xs[i];
                data[1][k] = ys[j];
                data[2][k] = value[i][j];
            }
        }
        DefaultXYZDataset ds = new DefaultXYZDataset();
        ds.addSeries("sign(D_gen)", data);
        ValueAxis xa = axis(xName, xLog, xs, xe);
        ValueAxis ya = axis(yName, yLog, ys, ye);
        CellRenderer r = new CellRenderer(xs, xe, ys, ye);
        LookupPaintScale scale = new LookupPaintScale(-2, 2, NO_DATA);
        scale.add(-2, NEGATIVE);
        scale.add(-1e-300, ZERO);
        scale.add(1e-300, POSITIVE);
        r.setPaintScale(scale);
        XYPlot plot = new XYPlot(ds, xa, ya, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(item("D_gen < 0 (A generalizes first)", NEGATIVE));
        legend.add(item("D_gen > 0 (B generalizes first)", POSITIVE));
        legend.add(item("D_gen = 0", ZERO));
        legend.add(item("no data", NO_DATA));
        plot.setFixedLegendItems(legend);
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 14), plot, true);
        chart.addSubtitle(new TextTitle("D_gen = log(tau_gen,A / tau_gen,B), mean over seeds and other axes"));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static LegendItem item(String label, Color c) {
        LegendItem li = new LegendItem(label, null, null, null, new Rectangle2D.Double(-6, -6, 12, 12), c,
                new BasicStroke(0.5f), Color.DARK_GRAY);
        return li;
    }

    private static ValueAxis axis(String name, boolean log, double[] values, double[] edges) {
        ValueAxis a;
        if (log) {
            LogAxis la = new LogAxis(name + " (log scale)") {
                @Override
                public List<NumberTick> refreshTicks(Graphics2D g2, AxisState state, Rectangle2D area, RectangleEdge edge) {
                    return valueTicks(values, edge);
                }
            };
            la.setSmallestValue(edges[0] * 0.5);
            a = la;
        } else {
            NumberAxis na = new NumberAxis(name) {
                @Override
                public List<NumberTick> refreshTicks(Graphics2D g2, AxisState state, Rectangle2D area, RectangleEdge edge) {
                    return valueTicks(values, edge);
                }
            };
            na.setAutoRangeIncludesZero(false);
            a = na;
        }
        a.setRange(edges[0], edges[edges.length - 1]);
        a.setAutoRange(false);
        return a;
    }

    /** One tick per grid value (every k-th when there are more than 12), labelled with the value itself. */
    static List<NumberTick> valueTicks(double[] values, RectangleEdge edge) {
        boolean vertical = RectangleEdge.isLeftOrRight(edge);
        TextAnchor anchor = vertical ? TextAnchor.CENTER_RIGHT : TextAnchor.TOP_CENTER;
        int step = Math.max(1, (int) Math.ceil(values.length / 12.0));
        List<NumberTick> ticks = new ArrayList<>();
        for (int i = 0; i < values.length; i += step) {
            ticks.add(new NumberTick(values[i], label(values[i]), anchor, TextAnchor.CENTER, 0.0));
        }
        return ticks;
    }

    static String label(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) return Long.toString((long) v);
        String s = String.format(java.util.Locale.ROOT, "%.3g", v);
        if (s.contains("e")) return s;
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** Cell edges: midpoints between neighbours (geometric if log), outer edges mirrored. */
    static double[] edges(double[] v, boolean log) {
        int n = v.length;
        double[] e = new double[n + 1];
        if (n == 1) {
            e[0] = log ? v[0] / Math.sqrt(10) : v[0] - 0.5;
            e[1] = log ? v[0] * Math.sqrt(10) : v[0] + 0.5;
            return e;
        }
        for (int i = 1; i < n; i++) e[i] = log ? Math.sqrt(v[i - 1] * v[i]) : 0.5 * (v[i - 1] + v[i]);
        e[0] = log ? v[0] * v[0] / e[1] : 2 * v[0] - e[1];
        e[n] = log ? v[n - 1] * v[n - 1] / e[n - 1] : 2 * v[n - 1] - e[n - 1];
        return e;
    }

    /** Writes the chart as PNG. */
    public static void writePng(JFreeChart chart, OutputStream out, int w, int h) throws IOException {
        ChartUtils.writeChartAsPNG(out, chart, w, h);
    }

    /** Writes the chart as SVG (JFreeSVG). */
    public static void writeSvg(JFreeChart chart, OutputStream out, int w, int h) throws IOException {
        SVGGraphics2D g = new SVGGraphics2D(w, h);
        chart.draw(g, new Rectangle(0, 0, w, h));
        out.write(g.getSVGDocument().getBytes(StandardCharsets.UTF_8));
    }

    /** XYBlockRenderer whose blocks span the precomputed cell edges instead of a fixed data-unit width. */
    static final class CellRenderer extends XYBlockRenderer {
        private final double[] xs, xe, ys, ye;

        CellRenderer(double[] xs, double[] xe, double[] ys, double[] ye) {
            this.xs = xs;
            this.xe = xe;
            this.ys = ys;
            this.ye = ye;
        }

        @Override
        public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
                             XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series,
                             int item, CrosshairState crosshairState, int pass) {
            double x = dataset.getXValue(series, item), y = dataset.getYValue(series, item);
            double z = ((XYZDataset) dataset).getZValue(series, item);
            int i = Arrays.binarySearch(xs, x), j = Arrays.binarySearch(ys, y);
            if (i < 0 || j < 0) return;
            double x0 = domainAxis.valueToJava2D(xe[i], dataArea, plot.getDomainAxisEdge());
            double x1 = domainAxis.valueToJava2D(xe[i + 1], dataArea, plot.getDomainAxisEdge());
            double y0 = rangeAxis.valueToJava2D(ye[j], dataArea, plot.getRangeAxisEdge());
            double y1 = rangeAxis.valueToJava2D(ye[j + 1], dataArea, plot.getRangeAxisEdge());
            Rectangle2D cell = new Rectangle2D.Double(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0));
            Paint p = Double.isNaN(z) ? NO_DATA : z < 0 ? NEGATIVE : z > 0 ? POSITIVE : PhaseDiagramPlot.ZERO;
            g2.setPaint(p);
            g2.fill(cell);
            g2.setPaint(Color.WHITE);
            g2.setStroke(new BasicStroke(0.5f));
            g2.draw(cell);
        }
    }
}
