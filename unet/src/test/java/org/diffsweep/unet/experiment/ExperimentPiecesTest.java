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
