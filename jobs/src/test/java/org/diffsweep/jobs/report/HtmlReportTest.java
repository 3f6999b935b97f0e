package org.diffsweep.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.diffsweep.jobs.ledger.ProblemPoint;
import org.diffsweep.jobs.phase.AxisScale;
import org.diffsweep.jobs.phase.BoundaryExtractor;
import org.diffsweep.jobs.phase.SliceAxis;
import org.diffsweep.jobs.phase.SliceField;
import org.diffsweep.jobs.plot.ChartFiles;
import org.diffsweep.jobs.plot.PhaseMapChart;
import org.diffsweep.jobs.plot.LineChart;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class HtmlReportTest {
    public static final String CHROMIUM = System.getenv().getOrDefault("DIFFSWEEP_CHROMIUM", "/usr/bin/chromium");
    static final String SPEC = "name: demo\nseeds: 3\nnote: \"<script>alert('x')</script> & more\"\n";

    static ReportData sample() {
        double[] v = new double[5];
        for (int i = 0; i < 5; i++) {
            v[i] = Math.pow(4, i - 2);
        }
        SliceAxis x = new SliceAxis("varianceRatio", "variance ratio σ²_A/σ²_B", AxisScale.LOG, v);
        SliceAxis y = new SliceAxis("imbalanceRatio", "imbalance ratio π_A/π_B", AxisScale.LOG, v);
        SliceField f = SliceField.sample(x, y, (a, b) -> Math.log(b) - Math.log(a));
        JFreeChart map = PhaseMapChart.create(new PhaseMapChart.Data("D_gen (measured)", x, y, "D_gen", f.values(),
                null, List.of(new PhaseMapChart.Boundary("measured", BoundaryExtractor.trace(f, null), true))));
        JFreeChart spec = LineChart.create("speciation", "imbalance ratio", AxisScale.LOG, "t_S", AxisScale.LINEAR,
                List.of(new LineChart.Series("A", v, new double[] {1, 1.1, 1.2, 1.3, 1.4}, 0, LineChart.Style.LINE)));
        return new ReportData("diffsweep report: demo", SPEC,
                new ReportProvenance("0.1.0", "abc1234", "f00dcafe", "2026-11-27T23:00:00Z", "local[2]"),
                List.of("Slice t=0.1, D_gen (spectral w) vs measured: same phase in 24 of 25 cells …"),
                new ReportTable("Where reversal occurs", List.of("slice", "reversed"), List.of(List.of("t=0.1", "2"))),
                List.of(new ReportFigure("Phase map", "D_gen on the slice", ChartFiles.png(map, 800, 560), null),
                        new ReportFigure("Speciation", "t_S vs imbalance", null, ChartFiles.svg(spec, 800, 560))),
                List.of(new ReportTable("Phase table", List.of("x", "y", "phase"),
                        List.of(List.of("2", "0.01", "REVERSED")))),
                List.of(new ProblemPoint("9f2c", "varianceRatio=2, seed=1", "FAILED", "spectrum: no convergence")));
    }

    @Test
    void reportIsSelfContainedAndEscaped() {
        String html = HtmlReport.render(sample());
        Matcher m = Pattern.compile("(?i)(src|href)\\s*=\\s*\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            assertTrue(m.group(2).startsWith("data:") || m.group(2).startsWith("#"), "external resource " + m.group());
        }
        assertFalse(html.toLowerCase().contains("<script"), "no scripts, spec text is escaped");
        assertFalse(html.contains("<link"), "no stylesheets to fetch");
        assertFalse(html.contains("<!DOCTYPE svg"), "inline SVG carries no DTD");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"));
        assertTrue(html.contains("abc1234") && html.contains("f00dcafe") && html.contains("local[2]"));
        assertTrue(html.contains("spectrum: no convergence"));
    }

    /** Output of one headless Chromium run. */
    public record Run(int exit, String stderr, String stdout) {
    }

    public static Run chromium(Path profile, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                "--window-size=1200,2000"));
        cmd.addAll(args);
        Path out = Files.createTempFile(profile.getParent(), "out", ".txt");
        Path err = Files.createTempFile(profile.getParent(), "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 90 s");
        }
        return new Run(p.exitValue(), Files.readString(err), Files.readString(out));
    }

    /** Console messages and uncaught exceptions in Chromium's log (level ≥ INFO console lines). */
    public static List<String> consoleErrors(String log) {
        List<String> bad = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (line.contains(":CONSOLE") || line.contains("Uncaught")) {
                bad.add(line);
            }
        }
        return bad;
    }

    /**
     * Loads {@code page} in headless Chromium (through a sibling copy with a load-time check appended, so relative
     * image paths resolve as in the page) and returns "N:" when all N images decoded, "N:src|src" naming the broken
     * ones; fails on console errors.
     */
    public static String imagesLoaded(Path page, Path profile) throws IOException, InterruptedException {
        Path check = page.resolveSibling(".check-" + page.getFileName());
        Files.writeString(check, Files.readString(page).replace("</body>", "<script>window.addEventListener('load', () => {"
                + "const bad = [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.getAttribute('src'));"
                + "document.body.setAttribute('data-images', document.images.length + ':' + bad.join('|'));});</script></body>"),
                StandardCharsets.UTF_8);
        try {
            Run r = chromium(profile, List.of("--virtual-time-budget=10000", "--dump-dom", check.toUri().toString()));
            assertEquals(0, r.exit(), r.stderr());
            assertEquals(List.of(), consoleErrors(r.stderr()), page.toString());
            Matcher m = Pattern.compile("data-images=\"([^\"]*)\"").matcher(r.stdout());
            assertTrue(m.find(), "the load handler ran: " + r.stdout().substring(0, Math.min(300, r.stdout().length())));
            return m.group(1);
        } finally {
            Files.deleteIfExists(check);
        }
    }

    @Test
    void imageCheckSeesABrokenImage(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(CHROMIUM)), "headless Chromium not found at " + CHROMIUM);
        Path page = tmp.resolve("p.html");
        Files.write(tmp.resolve("ok.png"), ChartFiles.png(LineChart.create("t", "x", AxisScale.LINEAR, "y", AxisScale.LINEAR,
                List.of(new LineChart.Series("s", new double[] {1, 2}, new double[] {1, 2}, 0, LineChart.Style.LINE))), 100, 80));
        Files.writeString(page, "<!DOCTYPE html><html><body><img src=\"ok.png\"><img src=\"missing.png\"></body></html>");
        assertEquals("2:missing.png", imagesLoaded(page, tmp.resolve("profile")));
    }

    @Test
    void rendersInHeadlessChromiumWithoutConsoleErrors(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(CHROMIUM)),
                "headless Chromium not found at " + CHROMIUM + " (set DIFFSWEEP_CHROMIUM; CI installs it): skipping "
                        + "the rendering check");
        Path html = tmp.resolve("report.html");
        HtmlReport.write(sample(), html);
        Path shot = tmp.resolve("shot.png");
        // one launch: screenshot, DOM dump (stdout) and console log (stderr)
        Run r = chromium(tmp.resolve("profile1"), List.of("--screenshot=" + shot, "--dump-dom",
                html.toUri().toString()));
        assertEquals(0, r.exit(), r.stderr());
        assertEquals(List.of(), consoleErrors(r.stderr()));
        BufferedImage img = ImageIO.read(shot.toFile());
        assertEquals(1200, img.getWidth());
        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        for (int yy = 0; yy < img.getHeight(); yy += 2) {
            for (int xx = 0; xx < img.getWidth(); xx += 2) {
                int rgb = img.getRGB(xx, yy) & 0xffffff;
                colours.add(rgb);
                nonWhite += rgb != 0xffffff ? 1 : 0;
            }
        }
        // text alone covers a few %; the embedded phase map covers far more: a blank or figure-less page fails
        assertTrue(nonWhite > 0.05 * (img.getWidth() / 2) * (img.getHeight() / 2), "non-white: " + nonWhite);
        assertTrue(colours.size() > 200, "distinct colours: " + colours.size());

        String d = r.stdout();
        assertTrue(d.contains("<h1>diffsweep report: demo</h1>"), "DOM parsed");
        assertEquals(1, count(d, "<img "), "one PNG figure");
        assertEquals(1, count(d, "<svg"), "one inline SVG figure");
        assertTrue(d.contains("spectrum: no convergence"));
        assertFalse(d.contains("<script"), "escaped spec text did not become an element");
    }

    @Test
    void consoleCheckDetectsAPageError(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(CHROMIUM)), "headless Chromium not found at " + CHROMIUM
                + ": skipping the negative control of the console check");
        Path bad = tmp.resolve("bad.html");
        Files.writeString(bad, "<!DOCTYPE html><html><body><p>x</p><script>undefinedFn()</script></body></html>",
                StandardCharsets.UTF_8);
        Run r = chromium(tmp.resolve("profile"), List.of("--dump-dom", bad.toUri().toString()));
        assertFalse(consoleErrors(r.stderr()).isEmpty(), "a thrown ReferenceError must be seen by the check");
    }

    static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
