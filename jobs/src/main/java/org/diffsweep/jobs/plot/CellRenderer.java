package org.diffsweep.jobs.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.LegendItem;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.AbstractXYItemRenderer;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYDataset;

/**
 * Draws item k of series 0 as the rectangle [x0[k], x1[k]] × [y0[k], y1[k]] (axis units, any axis type, so cells
 * stay correct on log axes) filled by a paint scale; flagged cells get diagonal hatching and a thick outline.
 */
final class CellRenderer extends AbstractXYItemRenderer {
    private static final long serialVersionUID = 1L;
    private final double[] x0;
    private final double[] x1;
    private final double[] y0;
    private final double[] y1;
    private final double[] z;
    private final boolean[] hatch;
    private final PaintScale scale;

    CellRenderer(double[] x0, double[] x1, double[] y0, double[] y1, double[] z, boolean[] hatch, PaintScale scale) {
        this.x0 = x0;
        this.x1 = x1;
        this.y0 = y0;
        this.y1 = y1;
        this.z = z;
        this.hatch = hatch;
        this.scale = scale;
    }

    @Override
    public LegendItem getLegendItem(int datasetIndex, int series) { return null; }

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
                         XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series,
                         int item, CrosshairState crosshairState, int pass) {
        RectangleEdge xe = plot.getDomainAxisEdge();
        RectangleEdge ye = plot.getRangeAxisEdge();
        double ax = domainAxis.valueToJava2D(x0[item], dataArea, xe);
        double bx = domainAxis.valueToJava2D(x1[item], dataArea, xe);
        double ay = rangeAxis.valueToJava2D(y0[item], dataArea, ye);
        double by = rangeAxis.valueToJava2D(y1[item], dataArea, ye);
        Rectangle2D r = new Rectangle2D.Double(Math.min(ax, bx), Math.min(ay, by), Math.abs(bx - ax),
                Math.abs(by - ay));
        g2.setPaint(scale.getPaint(z[item]));
        g2.fill(r);
        g2.setPaint(new Color(255, 255, 255, 90));
        g2.setStroke(new BasicStroke(0.5f));
        g2.draw(r);
        if (hatch != null && hatch[item]) {
            Shape clip = g2.getClip();
            g2.clip(r);
            g2.setPaint(Color.BLACK);
            g2.setStroke(new BasicStroke(1.3f));
            double step = 7;
            for (double d = -r.getHeight(); d < r.getWidth(); d += step) {
                g2.draw(new Line2D.Double(r.getX() + d, r.getMaxY(), r.getX() + d + r.getHeight(), r.getY()));
            }
            g2.setClip(clip);
            g2.setStroke(new BasicStroke(2.5f));
            g2.draw(r);
        }
    }
}
