package org.diffsweep.unet.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.diffsweep.jobs.plot.ChartFiles;
import org.diffsweep.unet.data.FmnistDataset;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Figures of a Fashion-MNIST sweep (issue 9): for each class pair and training-set size n, the per-class memorized
 * fraction f_mem and the per-class loss gap (test − train denoising loss at t*) against training steps (log scale),
 * one curve per (class, pi_A). Read from the per-point {@code points/<label>/curves.csv} files that
 * {@link FmnistSweep} writes (label {@code A<a>_B<b>_pi<piA>_n<n>_s<seed>}); seeds are drawn as separate curves.
 */
public final class FmnistFigures {
    private static final Pattern LABEL = Pattern.compile("A(\\d+)_B(\\d+)_pi([0-9.]+)_n(\\d+)_s(\\d+)");

    private FmnistFigures() {}

    /** One per-class curve read from a point's curves.csv. */
    record Curve(int classA, int classB, int n, double piA, int seed, String role, int label, double[] step,
                 double[] fMem, double[] lossGap) {}

    /**
     * Writes {@code fmem-<pair>-n<n>.png|svg} and {@code gap-<pair>-n<n>.png|svg} under {@code figuresDir}.
     *
     * @return the PNG files written (empty when there are no curves)
     */
    public static List<Path> write(Path pointsDir, Path figuresDir) {
        List<Curve> curves = read(pointsDir);
        Map<String, List<Curve>> groups = new TreeMap<>();
        for (Curve c : curves) {
            groups.computeIfAbsent("A" + c.classA() + "_B" + c.classB() + "-n" + c.n(), k -> new ArrayList<>()).add(c);
        }
        List<Path> out = new ArrayList<>();
        try {
            Files.createDirectories(figuresDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map.Entry<String, List<Curve>> g : groups.entrySet()) {
            Curve first = g.getValue().get(0);
            String pair = FmnistDataset.NAMES[first.classA()] + " (A) vs " + FmnistDataset.NAMES[first.classB()]
                    + " (B), n = " + first.n();
            out.add(chart(figuresDir.resolve("fmem-" + g.getKey()), "Memorized fraction per class — " + pair,
                    "f_mem (nearest/second-nearest < 1/3)", g.getValue(), true));
            out.add(chart(figuresDir.resolve("gap-" + g.getKey()), "Loss gap per class — " + pair,
                    "test − train denoising loss at t*", g.getValue(), false));
        }
        return out;
    }

    private static Path chart(Path base, String title, String yLabel, List<Curve> curves, boolean fMem) {
        XYSeriesCollection ds = new XYSeriesCollection();
        for (Curve c : curves) {
            String key = String.format(Locale.ROOT, "%s %s, π_A = %s%s", c.role(), FmnistDataset.NAMES[c.label()],
                    c.piA(), curves.stream().anyMatch(o -> o.seed() != c.seed()) ? ", seed " + c.seed() : "");
            XYSeries s = new XYSeries(key, false, true);
            double[] y = fMem ? c.fMem() : c.lossGap();
            for (int k = 0; k < c.step().length; k++) {
                if (c.step()[k] > 0 && Double.isFinite(y[k])) s.add(c.step()[k], y[k]);
            }
            ds.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "training step (log scale)", yLabel, ds,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(java.awt.Color.WHITE);
        plot.setDomainGridlinePaint(java.awt.Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(java.awt.Color.LIGHT_GRAY);
        LogAxis x = new LogAxis("training step (log scale)");
        x.setSmallestValue(1);
        x.setBase(10);
        x.setNumberFormatOverride(new java.text.DecimalFormat("#,##0"));
        plot.setDomainAxis(x);
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer r = new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, true);
        // Class A red tones, class B blue tones; darker for larger pi_A.
        for (int i = 0; i < curves.size(); i++) {
            Curve c = curves.get(i);
            float shade = (float) Math.max(0.35, Math.min(1.0, c.piA()));
            r.setSeriesPaint(i, c.role().equals("A") ? new java.awt.Color(shade, 0.15f, 0.15f) : new java.awt.Color(0.1f, 0.25f, shade));
            r.setSeriesStroke(i, new java.awt.BasicStroke(2f));
        }
        plot.setRenderer(r);
        ChartFiles.write(chart, base, ChartFiles.WIDTH, ChartFiles.HEIGHT);
        return Path.of(base + ".png");
    }

    /** Every per-class curve under {@code pointsDir} (one sub-folder per point). */
    static List<Curve> read(Path pointsDir) {
        List<Curve> out = new ArrayList<>();
        if (!Files.isDirectory(pointsDir)) return out;
        try (Stream<Path> dirs = Files.list(pointsDir)) {
            for (Path dir : dirs.sorted().toList()) {
                Matcher m = LABEL.matcher(dir.getFileName().toString());
                Path csv = dir.resolve("curves.csv");
                if (!m.matches() || !Files.isRegularFile(csv)) continue;
                Map<String, List<double[]>> byRole = new TreeMap<>();
                Map<String, Integer> labels = new TreeMap<>();
                List<String> lines = Files.readAllLines(csv);
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.split(",");
                    // step,class,role,n_train,assigned,sample_fraction,f_mem,f_mem_lo,f_mem_hi,train_loss,test_loss,loss_gap,...
                    byRole.computeIfAbsent(f[2], k -> new ArrayList<>())
                            .add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[6]), Double.parseDouble(f[11])});
                    labels.put(f[2], Integer.parseInt(f[1]));
                }
                for (Map.Entry<String, List<double[]>> e : byRole.entrySet()) {
                    List<double[]> rows = e.getValue();
                    double[] step = new double[rows.size()], fm = new double[rows.size()], gap = new double[rows.size()];
                    for (int k = 0; k < rows.size(); k++) {
                        step[k] = rows.get(k)[0];
                        fm[k] = rows.get(k)[1];
                        gap[k] = rows.get(k)[2];
                    }
                    out.add(new Curve(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(4)),
                            Double.parseDouble(m.group(3)), Integer.parseInt(m.group(5)), e.getKey(), labels.get(e.getKey()),
                            step, fm, gap));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
