package org.diffsweep.unet.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.diffsweep.unet.experiment.ClassCheckpoint;
import org.diffsweep.unet.experiment.FmnistExperimentTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The campaign loop on a tiny synthetic dataset: one run per call, resume, a killed run redone, the report. */
class FmnistCampaignTest {
    @Test
    void campaignRunsOnePerCallResumesAndRedoesAnInterruptedRun(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        FmnistExperimentTest.writeSyntheticDataset(data);
        Path spec = dir.resolve("c.yaml");
        Files.writeString(spec, """
                name: c
                dedupeMirrors: true
                grid: {classPairs: [[3, 5], [5, 3]], piA: [0.5, 0.75], n: [12], seeds: 1}
                base: {width: 4, mults: [1, 2], optimizer: adam, lr: 1.0e-3, momentum: 0, batch: 8, steps: 3,
                       checkpoints: 2, firstCheckpoint: 1, samples: 6, ddimSteps: 2, sampleBatch: 4, lossTime: 0.01,
                       testPerClass: 3, memRatio: 0.3333333333333333, bootstrap: 50, fmemThreshold: 0.1,
                       gapThreshold: 0.1}
                """);
        Path out = dir.resolve("out");
        String[] args = {spec.toString(), "--out", out.toString(), "--data", data.toString(), "--limit", "1"};
        // (5, 3, 0.5) mirrors (3, 5, 0.5): three runs, not four
        assertEquals(FmnistCampaign.MORE, FmnistCampaign.run(args, quiet()));
        List<Path> done = finished(out);
        assertEquals(1, done.size());
        assertTrue(Files.exists(out.resolve("report.md")) && Files.exists(out.resolve("pairs.csv")));
        String first = Files.readString(done.get(0).resolve("curves.csv"));

        // a run killed mid-way: curves.csv with one checkpoint, no times.csv
        Path killed = out.resolve("points").resolve("A3_B5_pi0.75_n12_s0");
        Files.createDirectories(killed);
        Files.writeString(killed.resolve("curves.csv"), ClassCheckpoint.HEADER + "\n0,3,A,9,6,1.0,0.0,0.0,0.0,1,1,0,,0,0,0\n");
        assertEquals(FmnistCampaign.MORE, FmnistCampaign.run(args, quiet()));
        assertEquals(0, FmnistCampaign.run(args, quiet()));
        assertEquals(3, finished(out).size());
        assertFalse(Files.exists(out.resolve("points").resolve("A5_B3_pi0.5_n12_s0")));
        // the finished run was not redone; the killed one was redone from step 0 (checkpoints 0, 1, 3, two classes)
        assertEquals(first, Files.readString(done.get(0).resolve("curves.csv")));
        assertEquals(1 + 2 * 3, Files.readAllLines(killed.resolve("curves.csv")).size());
        // the report covers the three configurations, with the theory's mapping filled
        List<String> pairs = Files.readAllLines(out.resolve("pairs.csv"));
        assertEquals(1 + 3, pairs.size());
        assertTrue(pairs.get(1).endsWith("OK") || pairs.get(1).contains("PARTIAL"), pairs.get(1));

        // the spec changed (another step cap): its runs would carry other keys, so the old folders are refused, in
        // one line naming a folder and the way out, rather than skipped as done or mixed into the report
        Files.writeString(spec, Files.readString(spec).replace("steps: 3,", "steps: 4,"));
        for (String[] a : new String[][] {args, {spec.toString(), "--out", out.toString(), "--data", data.toString(),
                "--report-only"}}) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> FmnistCampaign.run(a, quiet()));
            assertTrue(e.getMessage().contains("other settings") && e.getMessage().contains("--out"), e.getMessage());
        }
    }

    private static List<Path> finished(Path out) throws Exception {
        try (var s = Files.list(out.resolve("points"))) {
            return s.filter(p -> Files.exists(p.resolve("times.csv"))).sorted().toList();
        }
    }

    private static PrintStream quiet() { return new PrintStream(new ByteArrayOutputStream()); }

    @Test
    void shardIsKOfNWithOneLineErrors() {
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {1, 2}, FmnistCampaign.shard("1/2"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {0, 1}, FmnistCampaign.shard("0/1"));
        for (String bad : new String[] {"2/2", "-1/2", "1", "a/b", "1/0", "1/2/3"}) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> FmnistCampaign.shard(bad), bad);
            org.junit.jupiter.api.Assertions.assertEquals("--shard " + bad + ": expected K/N with 0 <= K < N, e.g. --shard 0/2", e.getMessage());
        }
    }
}
