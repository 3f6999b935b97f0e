package org.diffsweep.jobs.plot;

import java.awt.geom.Ellipse2D;
import java.util.List;
import java.util.Objects;
import org.diffsweep.jobs.phase.AxisScale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Per-class training times vs a swept axis (log-log): one colour per class, measured times solid with markers
 * (§12.6), predicted w dashed and predicted cw dotted (§12.7). Null/NaN/non-positive times are left out
 * (a "never" time has no place on a log axis).
 */
public final class TimesChart {
    /**
     * One class's curves.
     *
     * @param className   class name
     * @param x           swept-axis values
     * @param measured    measured times (NaN = missing), same length as x
     * @param predictedW  predicted times, w definition; may be null
     * @param predictedCw predicted times, cw definition; may be null
     */
    public record ClassCurves(String className, double[] x, double[] measured, double[] predictedW,
                              double[] predictedCw) {
        public ClassCurves {
            Objects.requireNonNull(className, "class name");
            check(x, measured);
            check(x, predictedW);
            check(x, predictedCw);
        }

        private static void check(double[] x, double[] y) {
            if (y != null && y.length != x.length) {
                throw new IllegalArgumentException("curve length " + y.length + " != axis length " + x.length);
            }
        }
    }

    private TimesChart() {
    }

    /**
     * @param title  chart title
     * @param xLabel swept-axis label with units
     * @param xScale scale of the swept axis (LOG for ratios)
     * @param yLabel e.g. "τ_gen (training time, paper units)"
     * @param curves one entry per class
     */
    public static JFreeChart create(String title, String xLabel, AxisScale xScale, String yLabel,
                                    List<ClassCurves> curves) {
        XYSeriesCollection ds = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        int s = 0;
        double[][] allX = new double[curves.size()][];
        double[][] allY = new double[3 * curves.size()][];
        for (int c = 0; c < curves.size(); c++) {
            ClassCurves cc = curves.get(c);
            allX[c] = cc.x();
            String[] names = {" measured", " predicted (w)", " predicted (cw)"};
            double[][] ys = {cc.measured(), cc.predictedW(), cc.predictedCw()};
            for (int v = 0; v < 3; v++) {
                allY[3 * c + v] = ys[v];
                if (ys[v] == null) {
                    continue;
                }
                XYSeries ser = new XYSeries(cc.className() + names[v], false, true);
                for (int i = 0; i < cc.x().length; i++) {
                    double y = ys[v][i];
                    if (Double.isFinite(y) && y > 0 && (xScale != AxisScale.LOG || cc.x()[i] > 0)) {
                        ser.add(cc.x()[i], y);
                    }
                }
                ds.addSeries(ser);
                r.setSeriesPaint(s, ChartStyle.colour(c));
                r.setSeriesStroke(s, v == 0 ? ChartStyle.SOLID : v == 1 ? ChartStyle.DASHED : ChartStyle.DOTTED);
                r.setSeriesShapesVisible(s, v == 0);
                r.setSeriesShape(s, new Ellipse2D.Double(-4, -4, 8, 8));
                s++;
            }
        }
        double[] xr = ChartStyle.range(xScale, allX);
        double[] yr = ChartStyle.range(AxisScale.LOG, allY);
        ValueAxis xa = ChartStyle.axis(xLabel, xScale, xr[0], xr[1]);
        ValueAxis ya = ChartStyle.axis(yLabel, AxisScale.LOG, yr[0], yr[1]);
        XYPlot plot = new XYPlot(ds, xa, ya, r);
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, true);
        ChartStyle.style(chart, plot);
        return chart;
    }
}
