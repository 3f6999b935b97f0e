package org.diffsweep.jobs.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diffsweep.jobs.cli.Main;
import org.diffsweep.jobs.ledger.MixtureModel;
import org.diffsweep.jobs.spec.SweepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diffsweep report DIR} regenerates every output from the ledger alone: after the tables and the report are
 * deleted, the command writes the tables back byte for byte (results.csv, phase.csv, boundary.csv) — what makes a
 * committed ledger, such as results/atlas, the one source of its outputs.
 */
class ReportRegenerationTest {
    static final List<String> TABLES = List.of("results.csv", "phase.csv", "boundary.csv");

    @TempDir Path tmp;

    /** Two report runs over a fake ledger (about a minute on a quiet machine, several under load). */
    @Test
    @org.junit.jupiter.api.Tag("slow")
    void reportRewritesTheTablesByteIdenticallyFromTheLedger() throws IOException {
        Path out = tmp.resolve("run");
        MixtureModel fake = FakeEvaluator.model("regen", false);
        SweepSpec s = Sweeps.spec("regen", "[0.25, 0.5, 1, 2, 4]", "[0.3, 0.6, 1, 1.7, 3]", 3, 2);
        // three seeds: a running mean of three values depends on their order in floating point, and the compaction
        // below changes the partitioning, so the tables stay identical only if the aggregation is order-free
        // one point per wave: 50 wave folders, more than Spark's parallel-listing threshold (32), and many for --compact-ledger
        Sweeps.run(out, s, fake, SweepOptions.defaults().withWaveSize(1));
        Map<String, byte[]> before = new LinkedHashMap<>();
        for (String t : TABLES) before.put(t, Files.readAllBytes(out.resolve(t)));
        assertTrue(new String(before.get("phase.csv")).lines().count() > 25, "phase table has rows");
        assertTrue(waveDirs(out).size() > 32, "waves: " + waveDirs(out).size());
        for (String t : TABLES) Files.delete(out.resolve(t));
        Files.delete(out.resolve("report.html"));

        StringWriter o = new StringWriter(), e = new StringWriter();
        int status = Main.execute(new PrintWriter(o), new PrintWriter(e), fake, new String[] {"report", out.toString()});
        assertEquals(0, status, o + "\n" + e);
        for (String t : TABLES) assertArrayEquals(before.get(t), Files.readAllBytes(out.resolve(t)), t + " differs after report");
        assertTrue(Files.size(out.resolve("report.html")) > 0);

        // --compact-ledger: one wave, one Parquet file, the same rows and the same tables (results.csv up to its wave column)
        assertTrue(waveDirs(out).size() > 1, "the sweep wrote several waves: " + waveDirs(out));
        o = new StringWriter();
        e = new StringWriter();
        status = Main.execute(new PrintWriter(o), new PrintWriter(e), fake, new String[] {"report", "--compact-ledger", out.toString()});
        assertEquals(0, status, o + "\n" + e);
        List<Path> waves = waveDirs(out);
        assertEquals(1, waves.size(), waves.toString());
        try (var files = Files.list(waves.get(0))) {
            assertEquals(1, files.filter(f -> f.toString().endsWith(".parquet")).count());
        }
        for (String t : List.of("phase.csv", "boundary.csv")) {
            assertArrayEquals(before.get(t), Files.readAllBytes(out.resolve(t)), t + " differs after compaction");
        }
        // _outputs.json names the compacted file, so the outputs count as current for the compacted ledger
        String state = Files.readString(out.resolve("_outputs.json"));
        assertEquals(1, state.split("\\.parquet:", -1).length - 1, state);
        assertTrue(state.contains(waves.get(0).getFileName().toString() + "/"), state);
        assertEquals(withoutLastColumn(before.get("results.csv")), withoutLastColumn(Files.readAllBytes(out.resolve("results.csv"))));
    }

    private static List<Path> waveDirs(Path out) throws IOException {
        try (var s = Files.list(out.resolve("ledger"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("wave=")).sorted().toList();
        }
    }

    /** The CSV lines without their last field (results.csv's last column is the wave). */
    private static List<String> withoutLastColumn(byte[] csv) {
        return new String(csv, java.nio.charset.StandardCharsets.UTF_8).lines().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }
}
