package org.diffsweep.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FileSystem;
import org.diffsweep.core.evaluator.Evaluator;
import org.diffsweep.core.evaluator.PointResult;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.jobs.cli.Main;
import org.diffsweep.jobs.ledger.Exports;
import org.diffsweep.jobs.ledger.Ledger;
import org.diffsweep.jobs.ledger.MixtureModel;
import org.diffsweep.jobs.ledger.SweepLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 through the command line, with faults injected where real ones are impractical in a unit test (the real
 * signals, kills and a full disk: deploy/reliability-check.sh): --break-lock (failure 5), a failed first run that
 * must not pin its spec (4), SIGTERM during a wave (8), a corrupt ledger file and --repair (8).
 */
class ReliabilityCliTest {
    @TempDir Path tmp;

    record Result(int status, String out, String err) {
        List<String> errLines() { return err.lines().filter(l -> !l.contains("points (") && !l.startsWith("report:")).toList(); }
    }

    static Result cli(MixtureModel model, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = Main.execute(new PrintWriter(out), new PrintWriter(err), model, args);
        return new Result(status, out.toString(), err.toString());
    }

    Path spec(String name, String variances) throws IOException {
        Path f = tmp.resolve(name + ".yaml");
        Files.writeString(f, Sweeps.spec(name, variances, "[0.5, 1, 2]", 1, 2).rawText());
        return f;
    }

    String out(String name) { return tmp.resolve(name).toUri().toString(); }

    @AfterEach
    void forgetSignals() { Interrupts.reset(); }

    /** An evaluator bug on every point: the Spark job fails and nothing is committed. */
    static final class AlwaysFails implements Evaluator<PointParams, PointResult>, Serializable {
        @Override public String name() { return "fake"; }

        @Override public String version() { return "1"; }

        @Override public PointResult evaluate(PointParams p, String pointId) { throw new IllegalStateException("injected bug"); }
    }

    /** Delivers a SIGTERM (as the signal handler does) while evaluating the {@code at}-th point, then evaluates as the fake. */
    static final class SignalAt implements Evaluator<PointParams, PointResult>, Serializable {
        static final AtomicInteger CALLS = new AtomicInteger();
        final int at;
        final FakeEvaluator fake = new FakeEvaluator("signal", false);

        SignalAt(int at) { this.at = at; }

        @Override public String name() { return "fake"; }

        @Override public String version() { return "1"; }

        @Override public PointResult evaluate(PointParams p, String pointId) {
            if (CALLS.incrementAndGet() == at) {
                Interrupts.raise(143);
                try {
                    Thread.sleep(500); // the cancellation lands while this wave is in flight
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return fake.evaluate(p, pointId);
        }
    }

    @Test
    void breakLockIsWiredAndTheTakeOverIsOneLine() throws IOException {
        TestSpark.get();
        Path s = spec("lk", "[1, 2]");
        FileSystem fs = FileSystem.getLocal(TestSpark.get().sparkContext().hadoopConfiguration());
        MixtureModel fake = FakeEvaluator.model("lk", false);
        try (SweepLock held = SweepLock.acquire(fs, new org.apache.hadoop.fs.Path(tmp.resolve("lk").toUri()), "other", Duration.ofMinutes(10), false)) {
            Result refused = cli(fake, "run", s.toString(), "--output", out("lk"));
            assertEquals(2, refused.status(), refused.err());
            assertEquals(1, refused.errLines().size(), refused.err());
            assertTrue(refused.err().contains("locked by run 'other'") && refused.err().contains("--break-lock"), refused.err());
            Result broken = cli(fake, "run", s.toString(), "--output", out("lk"), "--break-lock");
            assertEquals(0, broken.status(), broken.err());
            assertTrue(broken.err().contains("lock: took over the lock of run 'other'") && broken.err().contains("--break-lock given"), broken.err());
        }
    }

    @Test
    void aFailedFirstRunDoesNotPinItsSpec() throws IOException {
        TestSpark.get();
        MixtureModel failing = new MixtureModel(AlwaysFails::new, "fake", "1");
        Result r = cli(failing, "run", spec("pin", "[1, 2]").toString(), "--output", out("pin"));
        assertEquals(1, r.status(), r.err());
        assertFalse(Files.exists(tmp.resolve("pin").resolve(Ledger.SPEC_FILE)), "nothing committed, nothing pinned");
        // The corrected spec (another grid) is accepted in the same folder.
        Result fixed = cli(FakeEvaluator.model("pin", false), "run", spec("pin", "[1, 4]").toString(), "--output", out("pin"));
        assertEquals(0, fixed.status(), fixed.err());
        assertTrue(Files.exists(tmp.resolve("pin").resolve(Ledger.SPEC_FILE)));
    }

    @Test
    void sigtermDuringAWaveStopsWithOneLineAndTheRerunResumes() throws IOException {
        TestSpark.get();
        Path s = spec("sig", "[0.25, 1, 2]");
        SignalAt.CALLS.set(0);
        Result r = cli(new MixtureModel(() -> new SignalAt(5), "fake", "1"), "run", s.toString(), "--output", out("sig"), "--wave-size", "3");
        assertEquals(143, r.status(), r.err());
        List<String> lines = r.errLines();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).matches("interrupted by SIGTERM: [36] of 9 points are committed in .*; run the same command again to resume"), lines.get(0));
        assertFalse(r.err().contains("Exception") || r.err().contains("bug"), r.err());
        Interrupts.reset();
        Result again = cli(FakeEvaluator.model("sig2", false), "run", s.toString(), "--output", out("sig"));
        assertEquals(0, again.status(), again.err());
        assertTrue(again.out().contains("already in the ledger") && !again.out().contains(" 0 already"), again.out());
        assertEquals(19, Files.readAllLines(tmp.resolve("sig").resolve(Exports.RESULTS_CSV)).size());
    }

    @Test
    void aCorruptLedgerFileIsOneLineAndRepairRecomputesItsPoints() throws IOException {
        TestSpark.get();
        Path s = spec("bad", "[1, 2]");
        MixtureModel fake = FakeEvaluator.model("bad", false);
        assertEquals(0, cli(fake, "run", s.toString(), "--output", out("bad")).status());
        Path part;
        try (var w = Files.walk(tmp.resolve("bad").resolve("ledger"))) {
            part = w.filter(p -> p.toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(part);
        Files.write(part, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // truncated, as by a full disk outside the committer
        for (String cmd : List.of("run", "report")) {
            Result r = cmd.equals("run") ? cli(fake, "run", s.toString(), "--output", out("bad")) : cli(fake, "report", tmp.resolve("bad").toString());
            assertEquals(2, r.status(), r.err());
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.err().startsWith("error: ledger file ") && r.err().contains(part.getFileName().toString())
                    && r.err().contains("no Parquet magic number at its end") && r.err().contains("--repair"), r.err());
        }
        Result repaired = cli(fake, "run", s.toString(), "--output", out("bad"), "--repair");
        assertEquals(0, repaired.status(), repaired.err());
        assertTrue(repaired.err().contains("repair: moved corrupt ledger file"), repaired.err());
        assertTrue(Files.exists(tmp.resolve("bad").resolve("quarantine").resolve(part.getParent().getFileName()).resolve(part.getFileName())));
        assertFalse(repaired.out().contains(" 0 computed"), repaired.out());
        assertEquals(13, Files.readAllLines(tmp.resolve("bad").resolve(Exports.RESULTS_CSV)).size());
    }
}
