package org.diffsweep.jobs.plot;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
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
 * Speciation times vs imbalance (theory.md §6.2): per class the closed-form t_S^(c)(kappa) as a line and the
 * backward-simulation measurement as markers, plus the global t_S = ½ log Λ (grey) when given. Pre-committed
 * classes (t_S = ∞, §12.12) are NaN and left out.
 */
public final class SpeciationChart {
    /**
     * @param className  class name
     * @param closedForm t_S^(c) closed form per imbalance value (NaN = none)
     * @param measured   measured t_S^(c) per imbalance value (NaN = none); may be null
     */
    public record ClassSeries(String className, double[] closedForm, double[] measured) {
        public ClassSeries {
            Objects.requireNonNull(className, "class name");
        }
    }

    private SpeciationChart() {
    }

    /**
     * @param title     chart title
     * @param imbalance imbalance-ratio values π_A/π_B (log axis)
     * @param classes   per-class times
     * @param global    global t_S per imbalance value; may be null
     */
    public static JFreeChart create(String title, double[] imbalance, List<ClassSeries> classes, double[] global) {
        XYSeriesCollection ds = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        int s = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes.size(); c++) {
            ClassSeries ct = classes.get(c);
            double[][] ys = {ct.closedForm(), ct.measured()};
            for (int v = 0; v < 2; v++) {
                if (ys[v] == null) {
                    continue;
                }
                XYSeries ser = series(ct.className() + (v == 0 ? " t_S closed form" : " t_S measured"), imbalance,
                        ys[v]);
                ds.addSeries(ser);
                if (!ser.isEmpty()) {
                    lo = Math.min(lo, ser.getMinY());
                    hi = Math.max(hi, ser.getMaxY());
                }
                r.setSeriesPaint(s, ChartStyle.colour(c));
                r.setSeriesLinesVisible(s, v == 0);
                r.setSeriesShapesVisible(s, v == 1);
                r.setSeriesStroke(s, ChartStyle.SOLID);
                r.setSeriesShape(s, new Rectangle2D.Double(-4, -4, 8, 8));
                s++;
            }
        }
        if (global != null) {
            XYSeries g = series("global t_S = ½ ln Λ", imbalance, global);
            ds.addSeries(g);
            if (!g.isEmpty()) {
                lo = Math.min(lo, g.getMinY());
                hi = Math.max(hi, g.getMaxY());
            }
            r.setSeriesPaint(s, Color.GRAY);
            r.setSeriesStroke(s, ChartStyle.DASHED);
            r.setSeriesShapesVisible(s, false);
        }
        double[] xr = ChartStyle.range(AxisScale.LOG, imbalance);
        double[] yr = lo <= hi ? ChartStyle.range(AxisScale.LINEAR, new double[] {lo, hi}) : new double[] {0, 1};
        ValueAxis xa = ChartStyle.axis("imbalance ratio π_A/π_B (dimensionless)", AxisScale.LOG, xr[0], xr[1]);
        ValueAxis ya = ChartStyle.axis("speciation time t_S (OU diffusion time)", AxisScale.LINEAR, yr[0], yr[1]);
        XYPlot plot = new XYPlot(ds, xa, ya, r);
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, true);
        ChartStyle.style(chart, plot);
        return chart;
    }

    private static XYSeries series(String name, double[] x, double[] y) {
        if (y.length != x.length) {
            throw new IllegalArgumentException(name + ": length " + y.length + " != " + x.length);
        }
        XYSeries s = new XYSeries(name, false, true);
        for (int i = 0; i < x.length; i++) {
            if (x[i] > 0 && Double.isFinite(y[i])) {
                s.add(x[i], y[i]);
            }
        }
        return s;
    }
}
