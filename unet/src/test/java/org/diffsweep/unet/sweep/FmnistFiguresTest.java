package org.diffsweep.unet.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.diffsweep.unet.experiment.ClassCheckpoint;
import org.diffsweep.unet.report.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FmnistFiguresTest {
    /**
     * Curves written in the experiment's own CSV format are read back exactly (bootstrap band included) and plotted
     * once per pair, n and pi_A; a figure of an older naming is deleted, other files are left alone.
     */
    @Test
    void readsThePointCurvesAndWritesOneFigurePairPerClassPairSizeAndPi(@TempDir Path dir) throws Exception {
        Path points = dir.resolve("points");
        for (double pi : new double[] {0.5, 0.9}) {
            Path p = Files.createDirectories(points.resolve("A8_B1_pi" + pi + "_n64_s0"));
            StringBuilder sb = new StringBuilder(ClassCheckpoint.HEADER).append('\n');
            for (int step : new int[] {0, 10, 100, 1000}) {
                double fm = step / 2000.0 * pi;
                sb.append(new ClassCheckpoint(step, 8, "A", 32, 10, 0.5, fm, fm / 2, 2 * fm, 0.3, 0.3 + fm, Double.NaN, 0, 0, 0).csv()).append('\n');
                sb.append(new ClassCheckpoint(step, 1, "B", 32, 10, 0.5, fm / 2, 0, 1, 0.2, 0.25, Double.NaN, 0, 0, 0).csv()).append('\n');
            }
            Files.writeString(p.resolve("curves.csv"), sb);
        }
        List<RunRecord> runs = RunRecord.readAll(points);
        List<FmnistFigures.Curve> curves = FmnistFigures.curves(runs);
        assertEquals(4, curves.size(), "2 points x 2 classes");
        FmnistFigures.Curve a09 = curves.stream().filter(c -> c.config().piA() == 0.9 && c.role().equals("A")).findFirst().orElseThrow();
        assertArrayEquals(new double[] {0, 10, 100, 1000}, a09.step(), 0.0);
        assertArrayEquals(new double[] {0, 0.0045, 0.045, 0.45}, a09.fMem(), 1e-15);
        assertArrayEquals(new double[] {0, 0.00225, 0.0225, 0.225}, a09.fMemLo(), 1e-15);
        assertArrayEquals(new double[] {0, 0.009, 0.09, 0.9}, a09.fMemHi(), 1e-15);
        assertArrayEquals(new double[] {0, 0.0045, 0.045, 0.45}, a09.lossGap(), 1e-12);
        assertEquals(8, a09.label());

        Path figures = Files.createDirectories(dir.resolve("figures"));
        Files.writeString(figures.resolve("fmem-A8_B1-n64.png"), "older naming: stale");
        Files.writeString(figures.resolve("notes.txt"), "not a figure of this class");
        List<Path> pngs = FmnistFigures.write(runs, figures);
        assertEquals(List.of("fmem-A8_B1-n64-pi0.5.png", "gap-A8_B1-n64-pi0.5.png", "fmem-A8_B1-n64-pi0.9.png",
                "gap-A8_B1-n64-pi0.9.png"), pngs.stream().map(p -> p.getFileName().toString()).toList(),
                "f_mem and loss gap for each (pair, n, pi_A) group");
        assertFalse(Files.exists(figures.resolve("fmem-A8_B1-n64.png")), "a figure this call did not write is stale");
        assertTrue(Files.exists(figures.resolve("notes.txt")));
        for (Path png : pngs) {
            assertTrue(Files.size(png) > 5_000, png + " is a real image");
            assertTrue(Files.exists(Path.of(png.toString().replace(".png", ".svg"))));
        }
    }
}
