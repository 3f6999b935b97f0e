package org.diffsweep.jobs.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.diffsweep.jobs.phase.AxisScale;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

class ChartsTest {
    static final Path OUT = Path.of("target", "test-plots");

    /** Renders the chart and returns the colour nearest to data point (x, y) within a 2-pixel square that is not white/grey. */
    static Color near(JFreeChart chart, BufferedImage img, ChartRenderingInfo info, double x, double y) {
        XYPlot plot = chart.getXYPlot();
        Rectangle2D area = info.getPlotInfo().getDataArea();
        int px = (int) Math.round(plot.getDomainAxis().valueToJava2D(x, area, plot.getDomainAxisEdge()));
        int py = (int) Math.round(plot.getRangeAxis().valueToJava2D(y, area, plot.getRangeAxisEdge()));
        for (int d = 0; d <= 2; d++) {
            for (int dx = -d; dx <= d; dx++) {
                for (int dy = -d; dy <= d; dy++) {
                    Color c = new Color(img.getRGB(px + dx, py + dy));
                    int spread = Math.max(c.getRed(), Math.max(c.getGreen(), c.getBlue()))
                            - Math.min(c.getRed(), Math.min(c.getGreen(), c.getBlue()));
                    if (spread > 60) {
                        return c;
                    }
                }
            }
        }
        return Color.WHITE;
    }

    static boolean similar(Color a, Color b, int tol) {
        return Math.abs(a.getRed() - b.getRed()) <= tol && Math.abs(a.getGreen() - b.getGreen()) <= tol
                && Math.abs(a.getBlue() - b.getBlue()) <= tol;
    }

    @Test
    void lineChartOnLogLogAxesHasOneColourPerClass() throws Exception {
        double[] x = {0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100};
        double[] a = new double[x.length];
        double[] aw = new double[x.length];
        double[] b = new double[x.length];
        double[] bcw = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            a[i] = 100 * Math.pow(x[i], 0.5); // power laws: straight lines on log-log axes
            aw[i] = 1.3 * a[i];
            b[i] = 100 * Math.pow(x[i], -0.3);
            bcw[i] = 0.7 * b[i];
        }
        b[2] = Double.NaN; // a "never" time is skipped
        JFreeChart chart = LineChart.create("τ_gen per class vs imbalance", "imbalance ratio π_A/π_B", AxisScale.LOG,
                "τ_gen (training time, paper units)", AxisScale.LOG,
                List.of(new LineChart.Series("A measured", x, a, 0, LineChart.Style.MEASURED),
                        new LineChart.Series("A predicted (w)", x, aw, 0, LineChart.Style.DASHED),
                        new LineChart.Series("B measured", x, b, 1, LineChart.Style.MEASURED),
                        new LineChart.Series("B predicted (cw)", x, bcw, 1, LineChart.Style.DOTTED)));
        ChartFiles.write(chart, OUT.resolve("times"), ChartFiles.WIDTH, ChartFiles.HEIGHT);
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage img = chart.createBufferedImage(ChartFiles.WIDTH, ChartFiles.HEIGHT, info);
        Color ca = (Color) ChartStyle.colour(0);
        // at the log-midpoint of two markers the class-A line passes only if both axes are logarithmic
        double xm = Math.sqrt(0.3 * 1);
        assertTrue(similar(near(chart, img, info, xm, 100 * Math.pow(xm, 0.5)), ca, 40), "A's line at log midpoint");
        assertTrue(similar(near(chart, img, info, 10, b[6]), (Color) ChartStyle.colour(1), 40), "B's marker");
        assertTrue(Files.size(OUT.resolve("times.svg")) > 1000);
    }

    @Test
    void spectrumShadesEachClassUnderItsBulk() {
        int n = 400;
        double[] lam = new double[n];
        double[] ra = new double[n];
        double[] rb = new double[n];
        double[] tot = new double[n];
        for (int i = 0; i < n; i++) {
            lam[i] = Math.pow(10, -3 + 5.0 * i / (n - 1));
            double u = Math.log10(lam[i]);
            ra[i] = Math.exp(-0.5 * Math.pow((u + 1.5) / 0.2, 2)); // class A bulk near 10^-1.5
            rb[i] = 0.6 * Math.exp(-0.5 * Math.pow((u - 0.5) / 0.25, 2)); // class B bulk near 10^0.5
            tot[i] = ra[i] + rb[i];
        }
        JFreeChart chart = SpectrumChart.create("spectrum of U (synthetic)", lam, tot, List.of("A", "B"),
                List.of(ra, rb), true);
        ChartFiles.write(chart, OUT.resolve("spectrum"), ChartFiles.WIDTH, ChartFiles.HEIGHT);
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage img = chart.createBufferedImage(ChartFiles.WIDTH, ChartFiles.HEIGHT, info);
        Color a = near(chart, img, info, Math.pow(10, -1.5), 0.4);
        Color b = near(chart, img, info, Math.pow(10, 0.5), 0.25);
        Color ca = (Color) ChartStyle.colour(0);
        Color cb = (Color) ChartStyle.colour(1);
        // translucent fill over white: the dominant channel of the class colour dominates the pixel
        assertTrue(a.getBlue() > a.getRed(), "A (blue) shading under A's bulk: " + a + " vs " + ca);
        assertTrue(b.getRed() > b.getBlue(), "B (vermillion) shading under B's bulk: " + b + " vs " + cb);
    }

    @Test
    void lineChartOnALinearAxisFollowsTheClosedForm() {
        // theory.md §6.2 closed form for ±mu, equal variances sigma² = 1: t_S^(c) = ½ log((|mu|² + L) / L) with
        // L = ½[logit κ + log(pi_other/pi_c)], |mu|² = d = 100, κ = 0.9; NaN (pre-committed) where L <= 0
        double[] ratio = {0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100};
        double[] ta = new double[ratio.length];
        double[] tb = new double[ratio.length];
        double[] ma = new double[ratio.length];
        double logitK = Math.log(0.9 / 0.1);
        for (int i = 0; i < ratio.length; i++) {
            double la = 0.5 * (logitK + Math.log(1 / ratio[i]));
            double lb = 0.5 * (logitK + Math.log(ratio[i]));
            ta[i] = la > 0 ? 0.5 * Math.log((100 + la) / la) : Double.NaN;
            tb[i] = lb > 0 ? 0.5 * Math.log((100 + lb) / lb) : Double.NaN;
            ma[i] = ta[i] + 0.02 * Math.sin(i);
        }
        JFreeChart chart = LineChart.create("per-class speciation vs imbalance (d = 100, κ = 0.9)", "imbalance ratio", AxisScale.LOG,
                "speciation time t_S (OU time)", AxisScale.LINEAR,
                List.of(new LineChart.Series("A closed form", ratio, ta, 0, LineChart.Style.LINE),
                        new LineChart.Series("A measured", ratio, ma, 0, LineChart.Style.MARKERS),
                        new LineChart.Series("B closed form", ratio, tb, 1, LineChart.Style.LINE)));
        ChartFiles.write(chart, OUT.resolve("speciation"), ChartFiles.WIDTH, ChartFiles.HEIGHT);
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage img = chart.createBufferedImage(ChartFiles.WIDTH, ChartFiles.HEIGHT, info);
        assertTrue(similar(near(chart, img, info, 0.1, ma[2]), (Color) ChartStyle.colour(0), 40));
        assertTrue(similar(near(chart, img, info, 10, tb[6]), (Color) ChartStyle.colour(1), 40));
    }

    @Test
    void logAxesLabelAtMostAboutSixTicksAndPrintLargeOrTinyValuesScientifically() {
        // the drill-down's tau axis, 1e-2 .. 1e7 (9 decades) on a 480-pixel chart: ten 8-digit labels overlapped
        org.jfree.chart.axis.LogAxis tau = (org.jfree.chart.axis.LogAxis) ChartStyle.axis("tau", AxisScale.LOG, 1e-2, 1e7);
        assertTrue(9 / tau.getTickUnit().getSize() <= 6, "labelled decades: " + 9 / tau.getTickUnit().getSize());
        assertEquals("1E6", tau.getNumberFormatOverride().format(1e6));
        org.jfree.chart.axis.LogAxis ratio = (org.jfree.chart.axis.LogAxis) ChartStyle.axis("ratio", AxisScale.LOG, 1 / 64.0, 64);
        assertEquals(1, ratio.getTickUnit().getSize(), 0.0, "3.6 decades: every decade labelled");
        assertEquals("0.1", ratio.getNumberFormatOverride().format(0.1), "plain decimals in between");
    }
}
