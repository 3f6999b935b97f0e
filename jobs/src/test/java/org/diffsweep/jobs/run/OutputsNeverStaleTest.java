package org.diffsweep.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.diffsweep.jobs.ledger.Exports;
import org.diffsweep.jobs.ledger.MixtureModel;
import org.diffsweep.jobs.ledger.OutputState;
import org.diffsweep.jobs.report.SweepReport;
import org.diffsweep.jobs.spec.SweepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, failure 1: outputs are never left stale. Faults are injected at the two moments a real kill or a full
 * disk hits: after a wave commits but before any output is written, and in the middle of writing the outputs.
 */
class OutputsNeverStaleTest {
    @TempDir Path tmp;

    static SweepSpec spec(int seeds) { return Sweeps.spec("stale", "[0.25, 1]", "[0.5, 2]", seeds, 2); }

    static long csvRows(Path out) throws IOException { return Files.readAllLines(out.resolve(Exports.RESULTS_CSV)).size() - 1; }

    @Test
    void killAfterCommitBeforeOutputsThenRerunRewritesEverything() throws IOException {
        Path out = tmp.resolve("kill");
        MixtureModel fake = FakeEvaluator.model("stale-kill", false);
        assertEquals(4, Sweeps.run(out, spec(1), fake, SweepOptions.defaults()).computed());
        assertEquals(8, csvRows(out));
        // Second seed committed, then "killed" before the output step (outputs = null is exactly that state).
        SweepSpec two = spec(2);
        SweepOutcome o = new SweepRunner(TestSpark.get()).run(Sweeps.request(two, two.grid(), out, fake), SweepOptions.defaults(), null);
        assertEquals(4, o.computed());
        assertEquals(8, csvRows(out), "outputs still show the old state");
        // Re-run: nothing to compute, but the outputs are stale, so they are rewritten.
        SweepOutcome again = Sweeps.run(out, two, fake, SweepOptions.defaults());
        assertEquals(0, again.computed());
        assertTrue(again.outputsWritten(), "stale outputs must be rewritten");
        assertEquals(16, csvRows(out));
        assertTrue(Files.readString(out.resolve(SweepReport.SUMMARY)).contains("8 in the grid (seeds included), 8 in the ledger"));
        assertFalse(Sweeps.run(out, two, fake, SweepOptions.defaults()).outputsWritten(), "current outputs are left alone");
    }

    @Test
    void failureWhileWritingOutputsLeavesThemMarkedStale() throws IOException {
        Path out = tmp.resolve("disk");
        MixtureModel fake = FakeEvaluator.model("stale-disk", false);
        SweepSpec s = spec(1);
        SweepRunner runner = new SweepRunner(TestSpark.get());
        // The output step dies after results.csv (as a full disk would): the run fails, the state is not recorded.
        IOException e = assertThrows(IOException.class, () -> runner.run(Sweeps.request(s, s.grid(), out, fake), SweepOptions.defaults(),
                ledger -> {
                    Exports.resultsCsv(ledger, org.diffsweep.jobs.ledger.LedgerAggregation.view(TestSpark.get(), ledger, s.grid().axisNames()));
                    throw new IOException("No space left on device (injected)");
                }));
        assertTrue(e.getMessage().contains("injected"));
        assertFalse(Files.exists(out.resolve(OutputState.FILE)));
        assertFalse(Files.exists(out.resolve(SweepReport.SUMMARY)));
        SweepOutcome again = Sweeps.run(out, s, fake, SweepOptions.defaults());
        assertEquals(0, again.computed());
        assertTrue(again.outputsWritten());
        assertTrue(Files.size(out.resolve(SweepReport.REPORT_HTML)) > 0 && Files.exists(out.resolve(OutputState.FILE)));
        try (var files = Files.list(out)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList(), "no temporary files left");
        }
    }

    @Test
    void aLedgerFileRemovedFromAWaveMakesTheOutputsStale() throws IOException {
        Path out = tmp.resolve("removed");
        MixtureModel fake = FakeEvaluator.model("stale-removed", false);
        SweepSpec s = spec(1);
        Sweeps.run(out, s, fake, SweepOptions.defaults().withWaveSize(4));
        Path wave = out.resolve("ledger/wave=00001");
        List<Path> parts;
        try (var l = Files.list(wave)) { parts = l.filter(p -> p.toString().endsWith(".parquet")).sorted().toList(); }
        assertTrue(parts.size() >= 2, "the wave has several files: " + parts);
        Files.move(parts.get(0), tmp.resolve("aside.parquet"));
        // Same set of waves, one file fewer (as after quarantining a corrupt file): the outputs no longer match the
        // ledger, so even a plain (unforced) output step rewrites them.
        long before = csvRows(out);
        assertTrue(new SweepRunner(TestSpark.get()).writeOutputs(Sweeps.request(s, s.grid(), out, fake), SweepOptions.defaults(),
                ledger -> MixtureOutputs.write(TestSpark.get(), ledger, s, "local[2,3]")));
        assertTrue(csvRows(out) < before, "results.csv follows the ledger");
    }

    @Test
    void aReportDeletesTheFiguresAndCellPagesItNoLongerWritesButKeepsTheFitsFigures() throws IOException {
        Path out = tmp.resolve("pruned");
        MixtureModel fake = FakeEvaluator.model("stale-pruned", false);
        Sweeps.run(out, spec(1), fake, SweepOptions.defaults());
        // what an earlier report of a differently shaped ledger (another slice set) left behind, and a fit figure
        List<Path> gone = List.of(out.resolve("figures/phase-D_gen-a_slice_that_is_gone.png"),
                out.resolve("cells/a_slice_that_is_gone.html"), out.resolve("cells/a_slice_that_is_gone/x_1_y_1.png"));
        Path fit = out.resolve("figures/pd-D_gen.png");
        for (Path p : List.of(gone.get(0), gone.get(1), gone.get(2), fit)) {
            Files.createDirectories(p.getParent());
            Files.writeString(p, "old");
        }
        java.io.StringWriter o = new java.io.StringWriter(), e = new java.io.StringWriter();
        assertEquals(0, org.diffsweep.jobs.cli.Main.execute(new java.io.PrintWriter(o), new java.io.PrintWriter(e), fake,
                new String[] {"report", out.toString()}), o + "\n" + e);
        for (Path p : gone) assertFalse(Files.exists(p), p + " is stale and must be gone");
        assertFalse(Files.exists(out.resolve("cells/a_slice_that_is_gone")), "emptied folders go too");
        assertTrue(Files.exists(fit), "the fit's figures belong to ./diffsweep fit, not to the report");
        try (var f = Files.list(out.resolve("figures"))) {
            assertTrue(f.anyMatch(p -> p.getFileName().toString().startsWith("phase-")), "the report's own figures stay");
        }
        // phase.parquet: one data file under a fixed name (a regeneration replaces the same file), the rows of phase.csv
        try (var f = Files.list(out.resolve(Exports.PHASE_PARQUET))) {
            assertEquals(List.of("part-00000.snappy.parquet"), f.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("_") && !n.startsWith(".")).toList());
        }
        assertEquals(Files.readAllLines(out.resolve("phase.csv")).size() - 1,
                TestSpark.get().read().parquet(out.resolve(Exports.PHASE_PARQUET).toString()).count());
    }
}
