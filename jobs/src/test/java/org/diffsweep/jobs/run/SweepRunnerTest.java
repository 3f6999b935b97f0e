package org.diffsweep.jobs.run;

import static org.diffsweep.jobs.run.Sweeps.count;
import static org.diffsweep.jobs.run.Sweeps.gridIds;
import static org.diffsweep.jobs.run.Sweeps.ids;
import static org.diffsweep.jobs.run.Sweeps.ledger;
import static org.diffsweep.jobs.run.Sweeps.maxRowsPerKey;
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
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.diffsweep.jobs.ledger.Exports;
import org.diffsweep.jobs.ledger.Ledger;
import org.diffsweep.jobs.ledger.MixtureModel;
import org.diffsweep.jobs.ledger.SweepLock;
import org.diffsweep.jobs.report.SweepReport;
import org.diffsweep.jobs.spec.SweepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end sweeps on the shared local[2,3] session with a fake evaluator whose D_gen is known in closed form. */
class SweepRunnerTest {
    static final String R = "[0.25, 1, 4]";

    @TempDir Path tmp;

    static SweepSpec spec(int seeds, double psiN) {
        return Sweeps.spec("t", R, R, seeds, psiN);
    }

    @Test
    void endToEndThenNoOpRerunCrashResumeAndSpecChanges() throws IOException {
        MixtureModel fake = FakeEvaluator.model("e2e", false);
        SweepSpec s = spec(2, 2);
        Path out = tmp.resolve("e2e");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        SweepOptions opt = SweepOptions.defaults().withWaveSize(5).withProgress(new PrintStream(progress, true, StandardCharsets.UTF_8), false);
        SweepOutcome o = Sweeps.run(out, s, fake, opt);
        assertEquals(18, o.computed());
        assertEquals(4, o.waves());            // ceil(18 / 5)
        assertEquals(2, o.failedPoints());     // cell (4, 4) fails for both seeds
        assertTrue(o.outputsWritten());
        String lines = progress.toString(StandardCharsets.UTF_8);
        assertTrue(lines.contains("t: 18/18 points (100%)"), lines);

        List<Row> l = ledger(out);
        assertEquals(36, l.size());
        assertEquals(1, maxRowsPerKey(l));
        assertEquals(4, l.stream().map(r -> r.getAs("wave")).distinct().count());
        assertEquals(gridIds(s.grid(), fake), ids(l));
        assertEquals(36, count(l, r -> r.isNullAt(r.fieldIndex("tauMem"))));          // never reached stays null
        assertEquals(4, count(l, r -> "FAILED".equals(r.getAs("status")) && r.isNullAt(r.fieldIndex("tauGen"))));
        assertEquals(0, count(l, r -> ((String) r.getAs("codeVersion")).isBlank()));
        // D_gen = log(tauGen_A / tauGen_B) = log(R_sigma / R_pi) in closed form; 1e-12 covers the rounding of
        // pi_A = R/(1+R), pi_B = 1 - pi_A (a few ulps) amplified by at most 1/pi_B <= 5.
        for (Row r : l) {
            if (!"OK".equals(r.getAs("status"))) continue;
            double want = Math.log((double) r.getAs("axis_classes0_variance") / (double) r.getAs("axis_imbalanceRatio"));
            assertEquals(want, (double) r.getAs("dGen"), 1e-12);
        }
        try (var files = Files.walk(out)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".crc")).toList(), "no Hadoop .crc files");
        }

        List<String> csv = Files.readAllLines(out.resolve(Exports.RESULTS_CSV));
        assertEquals(37, csv.size());
        assertTrue(csv.get(0).startsWith("pointIndex,pointId,axis_classes0_variance,axis_imbalanceRatio,seedIndex,seed,classIndex,className"), csv.get(0));
        assertTrue(csv.get(0).endsWith(",wave"));
        for (int k = 1; k < csv.size(); k++) assertEquals((k - 1) / 2, Long.parseLong(csv.get(k).split(",", 2)[0]));

        BufferedImage png = ImageIO.read(out.resolve(SweepReport.PHASE_DIAGRAM + ".png").toFile());
        assertEquals(800, png.getWidth());
        assertEquals(600, png.getHeight());
        assertTrue(Files.readString(out.resolve(SweepReport.PHASE_DIAGRAM + ".svg")).contains("<svg"));

        String summary = Files.readString(out.resolve(SweepReport.SUMMARY));
        assertTrue(summary.contains("points: 18 in the grid (seeds included), 18 in the ledger"), summary);
        assertTrue(summary.contains("failures: 2 points"), summary);
        // Only the R_sigma = 1 column changes sign (D = log(1/R_pi)); the log-linear zero is exactly R_pi = 1.
        assertTrue(summary.contains("classes[0].variance = 1: between imbalanceRatio = 0.25 and 4 (1)"), summary);
        assertEquals(1, summary.lines().filter(x -> x.startsWith("  all, classes[0].variance")).count(), summary);

        // Finished sweep re-run: nothing computed, outputs up to date, nothing rewritten.
        int calls = FakeEvaluator.totalCalls("e2e");
        SweepOutcome again = Sweeps.run(out, s, fake, opt);
        assertEquals(0, again.computed());
        assertEquals(0, again.waves());
        assertFalse(again.outputsWritten());
        assertEquals(calls, FakeEvaluator.totalCalls("e2e"));
        assertEquals(4, Ledger.open(SparkSessions.hadoopConf(TestSpark.get()), out.toUri().toString()).maxWave());

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
        SweepOutcome resumed = Sweeps.run(out, s, fake, opt);
        assertEquals(5, resumed.computed());
        assertEquals(13, resumed.alreadyDone());
        assertFalse(Files.exists(out.resolve("ledger/wave=00005/_temporary")), "debris of the interrupted wave is cleaned");
        for (String id : gridIds(s.grid(), fake)) assertEquals(lost.contains(id) ? 2 : 1, FakeEvaluator.calls("e2e", id), id);
        List<Row> raw = ledger(out);
        assertTrue(raw.size() > 36);                                      // the duplicate part file is still there
        assertEquals(gridIds(s.grid(), fake), ids(raw));
        assertEquals(37, Files.readAllLines(out.resolve(Exports.RESULTS_CSV)).size());   // but the view has each row once

        // Incompatible spec change: refused, naming the field; additive change (one more seed): only new points.
        SweepRefusedException e = assertThrows(SweepRefusedException.class, () -> Sweeps.run(out, spec(2, 3), fake, opt));
        assertTrue(e.getMessage().contains("'base.psiN' changed from 2.0 to 3.0"), e.getMessage());
        SweepSpec three = spec(3, 2);
        SweepOutcome more = Sweeps.run(out, three, fake, opt.withWaveSize(100));
        assertEquals(9, more.computed());
        for (String id : gridIds(three.grid(), fake)) assertEquals(lost.contains(id) ? 2 : 1, FakeEvaluator.calls("e2e", id), id);
        assertEquals(1 + 2 * 27, Files.readAllLines(out.resolve(Exports.RESULTS_CSV)).size());

        // Another evaluator version never resumes silently: one line naming both versions and the way out.
        MixtureModel v2 = new MixtureModel(() -> new FakeEvaluator("e2e", false), "fake", "2");
        SweepRefusedException ev = assertThrows(SweepRefusedException.class, () -> Sweeps.run(out, three, v2, opt));
        assertTrue(ev.getMessage().contains("written by evaluator fake 1, this build has fake 2") && ev.getMessage().contains("new output folder"),
                ev.getMessage());
    }

    @Test
    void secondConcurrentRunIsRefusedByTheLock() throws IOException {
        Path out = tmp.resolve("lock");
        SparkSession s = TestSpark.get();
        FileSystem fs = FileSystem.getLocal(s.sparkContext().hadoopConfiguration());
        try (SweepLock held = SweepLock.acquire(fs, new org.apache.hadoop.fs.Path(out.toUri()), "other", Duration.ofMinutes(10), false)) {
            SweepRefusedException e = assertThrows(SweepRefusedException.class,
                    () -> Sweeps.run(out, spec(1, 2), FakeEvaluator.model("lock", false), SweepOptions.defaults()));
            assertTrue(e.getMessage().contains("is locked by run 'other'"), e.getMessage());
            assertTrue(e.getMessage().contains("--break-lock"), e.getMessage());
        }
        assertEquals(0, FakeEvaluator.totalCalls("lock"));
        assertFalse(Files.exists(out.resolve("ledger")));
    }

    @Test
    void injectedFirstAttemptFailuresAreRetriedAndEveryPointLandsExactlyOnce() throws IOException {
        SweepSpec s = spec(1, 2);
        Path out = tmp.resolve("faults");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        int thrownBefore = FakeEvaluator.THROWN.get();
        MixtureModel fake = FakeEvaluator.model("faults", true);
        SweepOutcome o = Sweeps.run(out, s, fake,
                SweepOptions.defaults().withWaveSize(9).withProgress(new PrintStream(progress, true, StandardCharsets.UTF_8), false));
        assertEquals(9, o.computed());
        assertTrue(FakeEvaluator.THROWN.get() > thrownBefore, "no fault was injected");
        List<Row> l = ledger(out);
        assertEquals(18, l.size());
        assertEquals(1, maxRowsPerKey(l));
        assertEquals(gridIds(s.grid(), fake), ids(l));
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
