package org.diffsweep.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.diffsweep.jobs.ledger.Ledger;
import org.diffsweep.jobs.ledger.SweepLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end sweeps on the shared local[2,3] session with a fake evaluator whose D_gen is known in closed form. */
class SweepRunnerTest {
    static final double[] R = {0.25, 1, 4};

    @TempDir Path tmp;

    static String spec(int seeds, double psiN, double[] xs) {
        return "name: t\nbase: {d: 8, psiP: 1, psiN: " + psiN + "}\naxes:\n"
                + "  - {path: varianceRatio, values: " + java.util.Arrays.toString(xs) + "}\n"
                + "  - {path: imbalanceRatio, values: [0.25, 1, 4]}\nseeds: " + seeds + "\n";
    }

    static SweepOutcome run(Path out, FakeGrid g, String spec, FakeEvaluator ev, SweepOptions opt) throws IOException {
        SweepRequest req = new SweepRequest("t", Integer.toHexString(spec.hashCode()), spec, g, out.toUri().toString(),
                EvaluatorFactory.of(ev), TestIds.ID);
        return new SweepRunner(TestSpark.get()).run(req, opt);
    }

    /** Every raw ledger row (schema inferred: this also ships StructType[] through Kryo). One Spark job. */
    static List<Row> ledger(Path out) {
        return TestSpark.get().read().parquet(out.resolve("ledger").toString()).collectAsList();
    }

    static long maxRowsPerKey(List<Row> l) {
        Map<String, Long> n = l.stream().collect(Collectors.groupingBy(
                r -> r.getAs("pointId") + "/" + r.getAs("classIndex"), Collectors.counting()));
        return n.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    static Set<String> ids(List<Row> l) {
        return l.stream().map(r -> (String) r.getAs("pointId")).collect(Collectors.toSet());
    }

    static long count(List<Row> l, java.util.function.Predicate<Row> p) {
        return l.stream().filter(p).count();
    }

    static Set<String> gridIds(FakeGrid g) {
        Set<String> s = new HashSet<>();
        for (long i = 0; i < g.size(); i++) s.add(TestIds.id(g.point(i).params(), "fake", "1"));
        return s;
    }

    @Test
    void endToEndThenNoOpRerunCrashResumeAndSpecChanges() throws IOException {
        FakeGrid g = new FakeGrid(R, R, 2, 8);
        Path out = tmp.resolve("e2e");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        SweepOptions opt = SweepOptions.defaults().withWaveSize(5).withProgress(new PrintStream(progress, true, StandardCharsets.UTF_8), false);
        SweepOutcome o = run(out, g, spec(2, 2, R), new FakeEvaluator("e2e", false), opt);
        assertEquals(18, o.computed());
        assertEquals(4, o.waves());            // ceil(18 / 5)
        assertEquals(2, o.failedPoints());     // cell (4, 4) fails for both seeds
        String lines = progress.toString(StandardCharsets.UTF_8);
        assertTrue(lines.contains("t: 18/18 points (100%)"), lines);

        List<Row> l = ledger(out);
        assertEquals(36, l.size());
        assertEquals(1, maxRowsPerKey(l));
        assertEquals(4, l.stream().map(r -> r.getAs("wave")).distinct().count());
        assertEquals(gridIds(g), ids(l));
        assertEquals(36, count(l, r -> r.isNullAt(r.fieldIndex("tauMem"))));          // never reached stays null
        assertEquals(4, count(l, r -> "FAILED".equals(r.getAs("status")) && r.isNullAt(r.fieldIndex("tauGen"))));
        assertEquals(0, count(l, r -> ((String) r.getAs("codeVersion")).isBlank()));
        // D_gen = log(tauGen_A / tauGen_B) = log(R_sigma / R_pi) in closed form; 1e-12 covers the rounding of
        // pi_A = R/(1+R), pi_B = 1 - pi_A (a few ulps) amplified by at most 1/pi_B <= 5.
        for (Row r : l) {
            if (!"OK".equals(r.getAs("status"))) continue;
            double want = Math.log((double) r.getAs("axis_varianceRatio") / (double) r.getAs("axis_imbalanceRatio"));
            assertEquals(want, (double) r.getAs("dGen"), 1e-12);
        }

        List<String> csv = Files.readAllLines(out.resolve(SweepOutputs.CSV));
        assertEquals(37, csv.size());
        assertTrue(csv.get(0).startsWith("pointIndex,pointId,axis_varianceRatio,axis_imbalanceRatio,seedIndex,seed,classIndex,className"), csv.get(0));
        assertTrue(csv.get(0).endsWith(",wave"));
        for (int k = 1; k < csv.size(); k++) assertEquals((k - 1) / 2, Long.parseLong(csv.get(k).split(",", 2)[0]));

        BufferedImage png = ImageIO.read(out.resolve(SweepOutputs.PNG).toFile());
        assertEquals(800, png.getWidth());
        assertEquals(600, png.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < png.getHeight(); y += 2) for (int x = 0; x < png.getWidth(); x += 2) colours.add(png.getRGB(x, y) & 0xffffff);
        assertTrue(colours.contains(PhaseDiagramPlot.NEGATIVE.getRGB() & 0xffffff), "no D_gen < 0 cell drawn");
        assertTrue(colours.contains(PhaseDiagramPlot.POSITIVE.getRGB() & 0xffffff), "no D_gen > 0 cell drawn");
        assertTrue(colours.contains(PhaseDiagramPlot.NO_DATA.getRGB() & 0xffffff), "no 'no data' cell drawn");
        String svg = Files.readString(out.resolve(SweepOutputs.SVG));
        assertTrue(svg.contains("<svg") && svg.contains("no data"));

        String summary = Files.readString(out.resolve(SweepOutputs.SUMMARY));
        assertTrue(summary.contains("points: 18 in the grid (seeds included), 18 in the ledger, 18 computed by this run"), summary);
        assertTrue(summary.contains("failures: 2 points"), summary);
        // Only the R_sigma = 1 column changes sign (D = log(1/R_pi)); the log-linear zero is exactly R_pi = 1.
        assertTrue(summary.contains("varianceRatio = 1.000: between imbalanceRatio = 0.2500 and 4.000 (1.000)"), summary);
        assertEquals(1, summary.lines().filter(s -> s.startsWith("  varianceRatio")).count(), summary);

        // Finished sweep re-run: nothing computed, nothing rewritten.
        int calls = FakeEvaluator.totalCalls("e2e");
        SweepOutcome again = run(out, g, spec(2, 2, R), new FakeEvaluator("e2e", false), opt);
        assertEquals(0, again.computed());
        assertEquals(0, again.waves());
        assertFalse(again.outputsWritten());
        assertEquals(calls, FakeEvaluator.totalCalls("e2e"));
        assertEquals(4, new Ledger(FileSystem.getLocal(TestSpark.get().sparkContext().hadoopConfiguration()),
                new org.apache.hadoop.fs.Path(out.toUri())).maxWave());

        // Crash simulation: wave 2 lost, debris of a wave in flight, and a part file committed twice.
        Set<String> lost = ids(l.stream().filter(r -> (int) r.getAs("wave") == 2).toList());
        assertEquals(5, lost.size());
        deleteTree(out.resolve("ledger/wave=00002"));
        Files.createDirectories(out.resolve("ledger/wave=00005/_temporary/0"));
        Files.writeString(out.resolve("ledger/wave=00005/_temporary/0/part-crashed.parquet"), "partial");
        Path dup = Files.createDirectories(out.resolve("ledger/wave=00009"));
        try (var parts = Files.list(out.resolve("ledger/wave=00001"))) {
            Path part = parts.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
            Files.copy(part, dup.resolve(part.getFileName()));
        }
        SweepOutcome resumed = run(out, g, spec(2, 2, R), new FakeEvaluator("e2e", false), opt);
        assertEquals(5, resumed.computed());
        assertEquals(13, resumed.alreadyDone());
        for (String id : gridIds(g)) assertEquals(lost.contains(id) ? 2 : 1, FakeEvaluator.calls("e2e", id), id);
        List<Row> raw = ledger(out);
        assertTrue(raw.size() > 36);                                      // the duplicate part file is still there
        assertEquals(gridIds(g), ids(raw));
        assertEquals(37, Files.readAllLines(out.resolve(SweepOutputs.CSV)).size());   // but the view has each row once

        // Incompatible spec change: refused, naming the field; additive change (one more seed): only new points.
        SweepRefusedException e = assertThrows(SweepRefusedException.class,
                () -> run(out, g, spec(2, 3, R), new FakeEvaluator("e2e", false), opt));
        assertTrue(e.getMessage().contains("'base.psiN' changed from 2.0 to 3.0"), e.getMessage());
        FakeGrid three = new FakeGrid(R, R, 3, 8);
        SweepOutcome more = run(out, three, spec(3, 2, R), new FakeEvaluator("e2e", false), opt.withWaveSize(100));
        assertEquals(9, more.computed());
        for (String id : gridIds(three)) assertEquals(lost.contains(id) ? 2 : 1, FakeEvaluator.calls("e2e", id), id);
        // The CSV's pointIndex is the index in the current grid (old points moved: index = cell * seeds + seed).
        csv = Files.readAllLines(out.resolve(SweepOutputs.CSV));
        assertEquals(1 + 2 * 27, csv.size());
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",", 3);
            assertEquals(TestIds.id(three.point(Long.parseLong(f[0])).params(), "fake", "1"), f[1]);
        }
    }

    @Test
    void secondConcurrentRunIsRefusedByTheLock() throws IOException {
        Path out = tmp.resolve("lock");
        SparkSession s = TestSpark.get();
        FileSystem fs = FileSystem.getLocal(s.sparkContext().hadoopConfiguration());
        try (SweepLock held = SweepLock.acquire(fs, new org.apache.hadoop.fs.Path(out.toUri()), "other", Duration.ofMinutes(10), false)) {
            SweepRefusedException e = assertThrows(SweepRefusedException.class,
                    () -> run(out, new FakeGrid(R, R, 1, 8), spec(1, 2, R), new FakeEvaluator("lock", false), SweepOptions.defaults()));
            assertTrue(e.getMessage().contains("is locked by run 'other'"), e.getMessage());
            assertTrue(e.getMessage().contains("--break-lock"), e.getMessage());
        }
        assertEquals(0, FakeEvaluator.totalCalls("lock"));
        assertFalse(Files.exists(out.resolve("ledger")));
    }

    @Test
    void injectedFirstAttemptFailuresAreRetriedAndEveryPointLandsExactlyOnce() throws IOException {
        FakeGrid g = new FakeGrid(R, R, 1, 8);
        Path out = tmp.resolve("faults");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        int thrownBefore = FakeEvaluator.THROWN.get();
        SweepOutcome o = run(out, g, spec(1, 2, R), new FakeEvaluator("faults", true),
                SweepOptions.defaults().withWaveSize(9).withProgress(new PrintStream(progress, true, StandardCharsets.UTF_8), false));
        assertEquals(9, o.computed());
        assertTrue(FakeEvaluator.THROWN.get() > thrownBefore, "no fault was injected");
        List<Row> l = ledger(out);
        assertEquals(18, l.size());
        assertEquals(1, maxRowsPerKey(l));
        assertEquals(gridIds(g), ids(l));
        List<String> lines = progress.toString(StandardCharsets.UTF_8).lines().toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.contains("9/9 points") && !last.contains("task retries 0"), last);
    }

    static void deleteTree(Path p) throws IOException {
        try (var w = Files.walk(p)) {
            for (Path q : w.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }
}
