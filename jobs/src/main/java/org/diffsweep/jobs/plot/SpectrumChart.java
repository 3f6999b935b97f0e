package org.diffsweep.jobs.plot;

import java.awt.Color;
import java.util.List;
import org.diffsweep.jobs.phase.AxisScale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYAreaRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Spectral density of U at one grid point (theory.md §3.3, §5.4): the total density ρ(λ) as a black line and each
 * class's part ρ_c(λ) as a translucent shaded area in the class colour.
 */
public final class SpectrumChart {
    private SpectrumChart() {
    }

    /**
     * @param title      chart title (identify the point)
     * @param lambda     eigenvalue grid λ (eigenvalue units of U), increasing
     * @param total      ρ(λ) on the grid
     * @param classNames class names
     * @param perClass   ρ_c(λ) per class, each on the grid
     * @param logLambda  log-scaled λ axis (bulks spread over decades); non-positive λ are then skipped
     */
    public static JFreeChart create(String title, double[] lambda, double[] total, List<String> classNames,
                                    List<double[]> perClass, boolean logLambda) {
        if (total.length != lambda.length || classNames.size() != perClass.size()) {
            throw new IllegalArgumentException("inconsistent spectrum arrays");
        }
        XYSeriesCollection areas = new XYSeriesCollection();
        XYAreaRenderer ar = new XYAreaRenderer(XYAreaRenderer.AREA);
        for (int c = 0; c < perClass.size(); c++) {
            double[] rc = perClass.get(c);
            if (rc.length != lambda.length) {
                throw new IllegalArgumentException("class " + classNames.get(c) + ": density length mismatch");
            }
            areas.addSeries(series("ρ_" + classNames.get(c) + "(λ), class " + classNames.get(c), lambda, rc,
                    logLambda));
            Color base = (Color) ChartStyle.colour(c);
            ar.setSeriesPaint(c, new Color(base.getRed(), base.getGreen(), base.getBlue(), 110));
        }
        XYSeriesCollection line = new XYSeriesCollection(series("total ρ(λ)", lambda, total, logLambda));
        XYLineAndShapeRenderer lr = new XYLineAndShapeRenderer(true, false);
        lr.setSeriesPaint(0, Color.BLACK);
        lr.setSeriesStroke(0, ChartStyle.SOLID);
        AxisScale xs = logLambda ? AxisScale.LOG : AxisScale.LINEAR;
        double[] xr = ChartStyle.range(xs, lambda);
        if (!logLambda) {
            xr = new double[] {lambda[0], lambda[lambda.length - 1]};
        }
        ValueAxis xa = ChartStyle.axis("eigenvalue λ of U (units of U)", xs, xr[0], xr[1]);
        double top = 0;
        for (double v : total) {
            if (Double.isFinite(v)) top = Math.max(top, v);
        }
        ValueAxis ya = ChartStyle.axis("spectral density ρ(λ) (per unit λ)", AxisScale.LINEAR, 0,
                top > 0 ? 1.05 * top : 1);
        XYPlot plot = new XYPlot(areas, xa, ya, ar);
        plot.setDataset(1, line);
        plot.setRenderer(1, lr);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, true);
        ChartStyle.style(chart, plot);
        return chart;
    }

    private static XYSeries series(String name, double[] x, double[] y, boolean log) {
        XYSeries s = new XYSeries(name, false, true);
        for (int i = 0; i < x.length; i++) {
            if ((!log || x[i] > 0) && Double.isFinite(y[i])) s.add(x[i], y[i]);
        }
        return s;
    }
}
