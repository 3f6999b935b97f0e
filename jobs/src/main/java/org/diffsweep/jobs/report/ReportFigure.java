package org.diffsweep.jobs.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.diffsweep.jobs.ledger.Ledger;
import org.diffsweep.jobs.plot.ChartFiles;
import org.jfree.chart.JFreeChart;

/**
 * A figure of the report: embedded as a base64 PNG when {@code png} is given, else as inline SVG.
 *
 * @param title   heading
 * @param caption one-paragraph caption (what is shown, units)
 * @param png     PNG bytes, or null
 * @param svg     SVG document text, or null
 */
public record ReportFigure(String title, String caption, byte[] png, String svg) {
    public ReportFigure {
        if (png == null && svg == null) {
            throw new IllegalArgumentException("figure '" + title + "' has neither PNG nor SVG content");
        }
    }

    /** The output folder's figure directory. */
    public static final String FIGURES = "figures";

    /**
     * File-name prefix of the fit's partial-dependence figures ({@code ./diffsweep fit}) in {@link #FIGURES}: the sweep
     * report leaves files with it alone when it prunes the figures it no longer writes.
     */
    public static final String FIT_PREFIX = "pd-";

    /**
     * Writes {@code chart} at the default size as {@code figures/<base>.png} and {@code .svg} (SVG ids prefixed
     * {@code svgId}) into {@code out}, adds both paths to {@code files} and returns the PNG.
     */
    public static byte[] write(Ledger out, JFreeChart chart, String base, String svgId, List<String> files) throws IOException {
        byte[] png = ChartFiles.png(chart, ChartFiles.WIDTH, ChartFiles.HEIGHT);
        out.writeAtomically(new Path(out.file(FIGURES), base + ".png"), png);
        out.writeAtomically(new Path(out.file(FIGURES), base + ".svg"),
                ChartFiles.svg(chart, ChartFiles.WIDTH, ChartFiles.HEIGHT, svgId).getBytes(StandardCharsets.UTF_8));
        files.add(FIGURES + "/" + base + ".png");
        files.add(FIGURES + "/" + base + ".svg");
        return png;
    }
}
