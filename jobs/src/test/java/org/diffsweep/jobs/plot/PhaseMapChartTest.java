package org.diffsweep.jobs.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.diffsweep.jobs.phase.AxisScale;
import org.diffsweep.jobs.phase.BoundaryExtractor;
import org.diffsweep.jobs.phase.SliceAxis;
import org.diffsweep.jobs.phase.SliceField;
import org.diffsweep.jobs.phase.SliceFunction;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

class PhaseMapChartTest {
    static final Path OUT = Path.of("target", "test-plots");

    static SliceAxis log(String name, String label, double lo, double hi, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.exp(Math.log(lo) + i * (Math.log(hi) - Math.log(lo)) / (n - 1));
        }
        return new SliceAxis(name, label, AxisScale.LOG, v);
    }

    static final SliceAxis X = log("varianceRatio", "variance ratio σ²_A/σ²_B (dimensionless)", 0.25, 4, 9);
    static final SliceAxis Y = log("imbalanceRatio", "imbalance ratio π_A/π_B (dimensionless)", 0.01, 100, 9);

    @Test
    void phaseMapColoursSignsHatchesDisagreementAndWritesPngAndSvg() throws Exception {
        SliceFunction measured = (x, y) -> -Math.log(x) + 0.4 * Math.log(1 / y) * Math.signum(Math.log(x)) * 0.5
                - 0.3 * Math.log(y);
        SliceFunction predicted = (x, y) -> measured.value(x, y) + 0.6;
        SliceField fm = SliceField.sample(X, Y, measured);
        SliceField fp = SliceField.sample(X, Y, predicted);
        double[] v = fm.values();
        boolean[] dis = new boolean[v.length];
        double[] pv = fp.values();
        for (int k = 0; k < v.length; k++) {
            dis[k] = Math.signum(v[k]) != Math.signum(pv[k]);
        }
        v[0] = Double.NaN; // one missing cell
        PhaseMapChart.Data data = new PhaseMapChart.Data("D_gen, t = 0.1, ψ_p = 2 (synthetic)", X, Y,
                "D_gen = ln(τ_gen,A / τ_gen,B)", v, dis,
                List.of(new PhaseMapChart.Boundary("measured", BoundaryExtractor.trace(fm, null), true),
                        new PhaseMapChart.Boundary("predicted w", BoundaryExtractor.trace(fp, null), false)));
        JFreeChart chart = PhaseMapChart.create(data);
        byte[] png = ChartFiles.write(chart, OUT.resolve("phase-map"), ChartFiles.WIDTH, ChartFiles.HEIGHT);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(ChartFiles.WIDTH, img.getWidth());

        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage drawn = chart.createBufferedImage(ChartFiles.WIDTH, ChartFiles.HEIGHT, info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        XYPlot plot = chart.getXYPlot();
        int checkedNeg = 0;
        int checkedPos = 0;
        for (int j = 0; j < Y.size(); j++) {
            for (int i = 0; i < X.size(); i++) {
                int k = i + j * X.size();
                int px = (int) plot.getDomainAxis().valueToJava2D(X.value(i), area, plot.getDomainAxisEdge());
                int py = (int) plot.getRangeAxis().valueToJava2D(Y.value(j), area, plot.getRangeAxisEdge());
                Color c = new Color(drawn.getRGB(px + 2, py + 2));
                if (Double.isNaN(v[k])) {
                    assertEquals(DivergingPaintScale.MISSING, c);
                } else if (!dis[k] && Math.abs(v[k]) > 0.5) {
                    // negative D is blue (blue channel above red), positive D red: an independent reading of the
                    // rendered pixels against the sign of the analytic field
                    if (v[k] < 0) {
                        assertTrue(c.getBlue() > c.getRed(), "cell " + i + "," + j + " " + c);
                        checkedNeg++;
                    } else {
                        assertTrue(c.getRed() > c.getBlue(), "cell " + i + "," + j + " " + c);
                        checkedPos++;
                    }
                }
            }
        }
        assertTrue(checkedNeg > 3 && checkedPos > 3);
        // hatched cells contain black pixels
        int darkInHatched = 0;
        for (int k = 0; k < v.length; k++) {
            if (dis[k] && !Double.isNaN(v[k])) {
                int i = k % X.size();
                int j = k / X.size();
                int px = (int) plot.getDomainAxis().valueToJava2D(X.value(i), area, plot.getDomainAxisEdge());
                int py = (int) plot.getRangeAxis().valueToJava2D(Y.value(j), area, plot.getRangeAxisEdge());
                for (int dx = -6; dx <= 6; dx++) {
                    Color c = new Color(drawn.getRGB(px + dx, py + 4));
                    if (c.getRed() + c.getGreen() + c.getBlue() < 150) {
                        darkInHatched++;
                        break;
                    }
                }
            }
        }
        assertTrue(darkInHatched > 0, "disagreement cells are hatched");
        String svg = Files.readString(OUT.resolve("phase-map.svg"));
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        dbf.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)));
        assertTrue(svg.contains("predicted w boundary"), "legend text is in the SVG");
    }
}
