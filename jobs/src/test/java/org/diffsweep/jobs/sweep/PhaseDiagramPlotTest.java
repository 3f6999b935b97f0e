package org.diffsweep.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

/** The phase diagram draws each cell where its axis values are, in the colour of its sign. */
class PhaseDiagramPlotTest {

    @Test
    void cellEdgesAreGeometricMidpointsOnLogAxesAndArithmeticOtherwise() {
        // Independent values: sqrt(0.25 * 1) = 0.5, sqrt(1 * 4) = 2; mirrored outer edges 0.25^2/0.5 and 4^2/2.
        assertArrayEquals(new double[] {0.125, 0.5, 2, 8}, PhaseDiagramPlot.edges(new double[] {0.25, 1, 4}, true), 1e-15);
        assertArrayEquals(new double[] {-0.5, 0.5, 1.5, 2.5}, PhaseDiagramPlot.edges(new double[] {0, 1, 2}, false), 1e-15);
    }

    @Test
    void everyCellCentreHasTheColourOfItsSignAndNoDataIsGrey() throws Exception {
        double[] xs = {0.25, 1, 4}, ys = {0.01, 1, 100, 1e4};
        double[][] v = new double[3][4];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) v[i][j] = Math.log(xs[i] / ys[j]);
        v[2][3] = Double.NaN;
        v[1][1] = 0;
        JFreeChart chart = PhaseDiagramPlot.chart("t", "varianceRatio", xs, "imbalanceRatio", ys, v);
        XYPlot plot = chart.getXYPlot();
        assertTrue(plot.getDomainAxis() instanceof LogAxis && plot.getRangeAxis() instanceof LogAxis);
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage img = chart.createBufferedImage(800, 600, info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                int px = (int) Math.round(plot.getDomainAxis().valueToJava2D(xs[i], area, plot.getDomainAxisEdge()));
                int py = (int) Math.round(plot.getRangeAxis().valueToJava2D(ys[j], area, plot.getRangeAxisEdge()));
                Color want = Double.isNaN(v[i][j]) ? PhaseDiagramPlot.NO_DATA : v[i][j] < 0 ? PhaseDiagramPlot.NEGATIVE
                        : v[i][j] > 0 ? PhaseDiagramPlot.POSITIVE : PhaseDiagramPlot.ZERO;
                assertEquals(want.getRGB() & 0xffffff, img.getRGB(px, py) & 0xffffff, "cell " + i + "," + j);
            }
        }
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        PhaseDiagramPlot.writeSvg(chart, svg, 800, 600);
        String s = svg.toString(StandardCharsets.UTF_8);
        assertTrue(s.startsWith("<svg") || s.contains("<svg "));
        assertTrue(s.contains("D_gen &lt; 0") || s.contains("D_gen < 0"), "legend text missing");
    }

    @Test
    void linearAxesForNonRatioAxes() {
        JFreeChart c = PhaseDiagramPlot.chart("t", "classes[0].angleDeg", new double[] {0, 90, 180}, "t", new double[] {0.01, 0.1},
                new double[][] {{1, -1}, {1, -1}, {Double.NaN, 1}});
        assertTrue(c.getXYPlot().getDomainAxis() instanceof NumberAxis);
        assertTrue(c.getXYPlot().getRangeAxis() instanceof NumberAxis);
    }

    @Test
    void signChangesReportTheLogInterpolatedZero() {
        // D = log(x / y): zero at y = x exactly, which log-linear interpolation recovers exactly.
        double[] xs = {2}, ys = {0.5, 8};
        double[][] v = {{Math.log(4), Math.log(0.25)}};
        List<String> ch = SweepOutputs.signChanges("varianceRatio", xs, "imbalanceRatio", ys, v);
        assertEquals(List.of("varianceRatio = 2.000: between imbalanceRatio = 0.5000 and 8.000 (2.000)"), ch);
    }
}
