package org.diffsweep.unet.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentPiecesTest {
    @Test
    void logScheduleStartsAtZeroEndsAtStepsAndIsGeometric() {
        int[] c = CheckpointSchedule.logSpaced(10, 10000, 4);
        assertArrayEquals(new int[] {0, 10, 100, 1000, 10000}, c);
        int[] d = CheckpointSchedule.logSpaced(1, 5, 20); // rounding duplicates removed
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, d);
    }

    @Test
    void cpuPresetResolvesEarlyTimesDedupesMirrorsAndStopsAdaptively() throws IOException {
        FmnistSpec spec = FmnistSpec.read(Path.of("..", "conf", "fmnist-cpu.yaml"));
        FmnistSettings s = spec.base();
        int[] c = CheckpointSchedule.logSpaced(s.firstCheckpoint(), s.steps(), s.checkpoints());
        // the first checkpoint after 0 is early (<= 10 steps: the test loss has not half-dropped yet, see
        // docs/fmnist-cpu.md), and consecutive checkpoints are at most 35 % apart (the preset's 31 checkpoints from 10
        // to 30,000 are 1.31x apart; the rounding to whole steps adds a little at the start), so a crossing is
        // bracketed within a factor 1.35 and interpolated in log steps inside it
        assertTrue(c[1] <= 10, "first checkpoint " + c[1]);
        for (int k = 2; k < c.length; k++) assertTrue(c[k] <= 1.35 * c[k - 1], c[k - 1] + " -> " + c[k]);
        assertTrue(s.stopFmem() > 0);
        // 3 pairs x 2 pi_A x 3 seeds, less the 3 mirrored Trouser/Bag runs at pi_A = 0.5
        List<FmnistPoint> pts = spec.points();
        assertEquals(15, pts.size());
        assertTrue(pts.stream().noneMatch(p -> p.classA() == 1 && p.piA() == 0.5));
        assertTrue(pts.stream().anyMatch(p -> p.classA() == 1 && p.piA() == 0.8));
        for (FmnistPoint q : pts) assertTrue(q.n() - q.nA() >= 6 && q.nA() >= 6, q.label());
    }

    @Test
    void halfDropBeforeTheFirstCheckpointIsReportedUnresolved() throws IOException {
        // The artefact: checkpoints 0, 500, 1000 with the test loss already at its floor at 500. A linear
        // interpolation from step 0 would print tau_gen = 250; the rule marks it unresolved instead. A loss that
        // half-drops between 500 and 1000 is resolved (log interpolation: 1 -> 0.2 halves at 0.6).
        FmnistSettings s = FmnistSpec.read(Path.of("..", "conf", "fmnist-cpu.yaml")).base();
        org.diffsweep.unet.data.ClassStatistics[] st = new org.diffsweep.unet.data.ClassStatistics[10];
        for (int c = 0; c < 10; c++) st[c] = new org.diffsweep.unet.data.ClassStatistics(c, 1, 0.05, 4);
        int[] steps = {0, 500, 1000, 2000};
        double[] lossA = {1, 0.2, 0.2, 0.2}, lossB = {1, 1, 0.2, 0.2};
        List<ClassCheckpoint> rows = new java.util.ArrayList<>();
        for (int k = 0; k < steps.length; k++) {
            rows.add(new ClassCheckpoint(steps[k], 8, "A", 16, 5, 0.5, 0, 0, 0, lossA[k], lossA[k], 0.1, 0, 0, 0));
            rows.add(new ClassCheckpoint(steps[k], 1, "B", 16, 5, 0.5, 0, 0, 0, lossB[k], lossB[k], 0.1, 0, 0, 0));
        }
        List<ClassTimes> t = FmnistExperiment.times(rows, s, new int[] {8, 1}, new String[] {"A", "B"}, new int[] {16, 16}, st);
        assertTrue(t.get(0).tauGenEarly());
        assertEquals(null, t.get(0).tauGen());
        assertTrue(!t.get(1).tauGenEarly());
        assertEquals(Math.exp(Math.log(500) + 0.5 * Math.log(2)), t.get(1).tauGen(), 1e-9);
        assertEquals(null, t.get(0).tauGen90()); // also before the first checkpoint
        assertEquals(Math.exp(Math.log(500) + 0.9 * Math.log(2)), t.get(1).tauGen90(), 1e-9);
    }

    @Test
    void shippedSpecsParseAndExpandToTheirGrids() throws IOException {
        for (String name : new String[] {"fmnist-small.yaml", "fmnist.yaml", "fmnist-cluster.yaml"}) {
            Path p = Path.of("..", "conf", name);
            assertTrue(Files.exists(p), p.toString());
            FmnistSpec spec = FmnistSpec.read(p);
            FmnistSpec.Grid g = spec.grid();
            List<FmnistPoint> pts = spec.points();
            assertEquals(g.classPairs().size() * g.piA().size() * g.n().size() * g.seeds(), pts.size(), name);
            for (FmnistPoint q : pts) assertTrue(q.nA() >= 1 && q.nA() < q.n());
        }
    }

    @Test
    void invalidSettingsNameTheField(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        String yaml = Files.readString(Path.of("..", "conf", "fmnist-small.yaml")).replace("width: 8", "width: 7");
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, yaml);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FmnistSpec.read(f));
        assertTrue(e.getMessage().contains("width"), e.getMessage());
    }
}
