package org.diffsweep.unet.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Polygon;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.diffsweep.jobs.plot.ChartFiles;
import org.diffsweep.unet.data.FmnistDataset;
import org.diffsweep.unet.experiment.ClassCheckpoint;
import org.diffsweep.unet.report.RunRecord;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Figures of a Fashion-MNIST sweep (issue 9) or campaign (issue 17): for each class pair, training-set size n and
 * pi_A, the per-class memorized fraction f_mem against training steps (log scale) with its 95 % bootstrap interval over
 * the generated samples as a shaded band, and the per-class loss gap (test − train denoising loss at t*); one curve per
 * (class, seed), class A red and class B blue, seeds told apart by marker. Drawn from the runs' checkpoint
 * curves ({@link RunRecord}, read from the {@code points/<label>/curves.csv} files that {@link FmnistSweep} and
 * {@link FmnistCampaign} write). The figures own the {@code fmem-*} and {@code gap-*} files of their
 * folder: one that this call did not write (a configuration no longer present, an older naming) is deleted.
 */
public final class FmnistFigures {
    private static final Pattern OWNED = Pattern.compile("(fmem|gap)-.*\\.(png|svg)");
    /** Marker per seed (seed mod 4): square, circle, triangle, diamond. */
    private static final Shape[] SEED_SHAPES = {new Rectangle2D.Double(-3, -3, 6, 6), new Ellipse2D.Double(-3.5, -3.5, 7, 7),
            new Polygon(new int[] {0, 4, -4}, new int[] {-4, 4, 4}, 3), new Polygon(new int[] {0, 4, 0, -4}, new int[] {-4, 0, 4, 0}, 4)};

    private FmnistFigures() {}

    /** One per-class curve of a run; fMemLo/fMemHi: the bootstrap interval of fMem. */
    record Curve(RunRecord.Config config, int seed, String role, int label, double[] step, double[] fMem,
                 double[] fMemLo, double[] fMemHi, double[] lossGap) {}

    /**
     * Writes {@code fmem-A<a>_B<b>-n<n>-pi<piA>.png|svg} and {@code gap-...} under {@code figuresDir} and deletes the
     * {@code fmem-*}/{@code gap-*} files there that it did not write.
     *
     * @param runs the runs read from the point folders ({@link RunRecord#readAll})
     * @return the PNG files written (empty when there are no curves)
     */
    public static List<Path> write(List<RunRecord> runs, Path figuresDir) {
        Map<String, List<Curve>> groups = new TreeMap<>();
        for (Curve c : curves(runs)) {
            RunRecord.Config k = c.config();
            groups.computeIfAbsent("A" + k.classA() + "_B" + k.classB() + "-n" + k.n() + "-pi" + k.piA(),
                    key -> new ArrayList<>()).add(c);
        }
        List<Path> out = new ArrayList<>();
        try {
            Files.createDirectories(figuresDir);
            for (Map.Entry<String, List<Curve>> g : groups.entrySet()) {
                RunRecord.Config k = g.getValue().get(0).config();
                String pair = FmnistDataset.NAMES[k.classA()] + " (A) vs " + FmnistDataset.NAMES[k.classB()]
                        + " (B), n = " + k.n() + ", π_A = " + k.piA();
                out.add(chart(figuresDir.resolve("fmem-" + g.getKey()), "Memorized fraction per class — " + pair,
                        "f_mem (nearest/second-nearest < 1/3), 95 % bootstrap band", g.getValue(), true));
                out.add(chart(figuresDir.resolve("gap-" + g.getKey()), "Loss gap per class — " + pair,
                        "test − train denoising loss at t*", g.getValue(), false));
            }
            Set<String> written = new HashSet<>();
            for (Path png : out) {
                written.add(png.getFileName().toString());
                written.add(png.getFileName().toString().replaceAll("\\.png$", ".svg"));
            }
            try (Stream<Path> files = Files.list(figuresDir)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (OWNED.matcher(name).matches() && !written.contains(name)) Files.delete(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Path chart(Path base, String title, String yLabel, List<Curve> curves, boolean fMem) {
        YIntervalSeriesCollection ds = new YIntervalSeriesCollection();
        boolean seeds = curves.stream().anyMatch(o -> o.seed() != curves.get(0).seed());
        for (Curve c : curves) {
            String key = String.format(Locale.ROOT, "%s %s%s", c.role(), FmnistDataset.NAMES[c.label()],
                    seeds ? ", seed " + c.seed() : "");
            YIntervalSeries s = new YIntervalSeries(key, false, true);
            double[] y = fMem ? c.fMem() : c.lossGap();
            for (int k = 0; k < c.step().length; k++) {
                if (c.step()[k] <= 0 || !Double.isFinite(y[k])) continue;
                boolean band = fMem && Double.isFinite(c.fMemLo()[k]) && Double.isFinite(c.fMemHi()[k]);
                s.add(c.step()[k], y[k], band ? c.fMemLo()[k] : y[k], band ? c.fMemHi()[k] : y[k]);
            }
            ds.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "training step (log scale)", yLabel, ds,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        LogAxis x = new LogAxis("training step (log scale)");
        x.setSmallestValue(1);
        x.setBase(10);
        x.setNumberFormatOverride(new java.text.DecimalFormat("#,##0"));
        plot.setDomainAxis(x);
        DeviationRenderer r = new DeviationRenderer(true, true);
        r.setAlpha(0.12f);
        for (int i = 0; i < curves.size(); i++) {
            Curve c = curves.get(i);
            Color paint = c.role().equals("A") ? new Color(0.80f, 0.15f, 0.15f) : new Color(0.10f, 0.25f, 0.80f);
            r.setSeriesPaint(i, paint);
            r.setSeriesFillPaint(i, paint);
            r.setSeriesShape(i, SEED_SHAPES[Math.floorMod(c.seed(), SEED_SHAPES.length)]);
            r.setSeriesStroke(i, new BasicStroke(1.6f));
        }
        plot.setRenderer(r);
        ChartFiles.write(chart, base, ChartFiles.WIDTH, ChartFiles.HEIGHT);
        return Path.of(base + ".png");
    }

    /** The per-class curves of {@code runs}, run by run, class A then B. */
    static List<Curve> curves(List<RunRecord> runs) {
        List<Curve> out = new ArrayList<>();
        for (RunRecord r : runs) {
            for (String role : List.of("A", "B")) {
                List<ClassCheckpoint> rows = r.role(role);
                if (rows.isEmpty()) continue;
                out.add(new Curve(r.config(), r.seed(), role, rows.get(0).label(),
                        rows.stream().mapToDouble(ClassCheckpoint::step).toArray(),
                        rows.stream().mapToDouble(ClassCheckpoint::fMem).toArray(),
                        rows.stream().mapToDouble(ClassCheckpoint::fMemLo).toArray(),
                        rows.stream().mapToDouble(ClassCheckpoint::fMemHi).toArray(),
                        rows.stream().mapToDouble(ClassCheckpoint::lossGap).toArray()));
            }
        }
        return out;
    }
}
