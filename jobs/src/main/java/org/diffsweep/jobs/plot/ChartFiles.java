package org.diffsweep.jobs.plot;

import java.awt.Rectangle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/** Writes charts as PNG and SVG (no display needed: run with {@code -Djava.awt.headless=true}). */
public final class ChartFiles {
    /** Default figure size in pixels. */
    public static final int WIDTH = 900;
    public static final int HEIGHT = 650;

    private ChartFiles() {
    }

    /** PNG bytes of the chart at {@code width × height} pixels. */
    public static byte[] png(JFreeChart chart, int width, int height) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(out, chart, width, height);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A standalone SVG document of the chart. */
    public static String svg(JFreeChart chart, int width, int height) { return svg(chart, width, height, "ds"); }

    /**
     * A standalone SVG document whose internal ids (clip paths, gradients) start with {@code idPrefix}, so several
     * SVGs can be inlined in one HTML page without id collisions.
     */
    public static String svg(JFreeChart chart, int width, int height, String idPrefix) {
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        g2.setDefsKeyPrefix(idPrefix);
        chart.draw(g2, new Rectangle(0, 0, width, height));
        return g2.getSVGDocument();
    }

    /** Writes {@code <base>.png} and {@code <base>.svg} and returns the PNG bytes (for embedding). */
    public static byte[] write(JFreeChart chart, Path base, int width, int height) {
        try {
            byte[] png = png(chart, width, height);
            Path parent = base.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.write(base.resolveSibling(base.getFileName() + ".png"), png);
            Files.writeString(base.resolveSibling(base.getFileName() + ".svg"), svg(chart, width, height),
                    StandardCharsets.UTF_8);
            return png;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
