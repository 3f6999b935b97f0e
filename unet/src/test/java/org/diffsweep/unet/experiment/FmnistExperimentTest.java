package org.diffsweep.unet.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.diffsweep.core.random.RandomStreams;
import org.diffsweep.core.random.SeededStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole point on a tiny synthetic "Fashion-MNIST" written as IDX files: plumbing, counts and output files. */
public class FmnistExperimentTest {

    private static void idx(Path f, int[] dims, byte[] data) throws IOException {
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(new GZIPOutputStream(Files.newOutputStream(f)))) {
            out.writeInt(0x800 | dims.length);
            for (int d : dims) out.writeInt(d);
            out.write(data);
        }
    }

    /** Writes a tiny synthetic "Fashion-MNIST" (classes 3 and 5, 40 training and 10 test images) into {@code dir}. */
    public static void writeSyntheticDataset(Path dir) throws IOException {
        // Two classes: class 3 = bright square, class 5 = dark with a bright bar, plus pixel noise.
        SeededStream s = RandomStreams.forKey("fake").stream("img");
        int nTrain = 40, nTest = 10;
        byte[][] img = new byte[2][];
        byte[][] lab = new byte[2][];
        for (int split = 0; split < 2; split++) {
            int n = split == 0 ? nTrain : nTest;
            img[split] = new byte[n * 784];
            lab[split] = new byte[n];
            for (int j = 0; j < n; j++) {
                int c = j % 2 == 0 ? 3 : 5;
                lab[split][j] = (byte) c;
                for (int r = 0; r < 28; r++) for (int q = 0; q < 28; q++) {
                    boolean on = c == 3 ? (r > 6 && r < 22 && q > 6 && q < 22) : (q > 12 && q < 16);
                    int v = (on ? 200 : 20) + (int) (10 * s.nextGaussian());
                    img[split][j * 784 + r * 28 + q] = (byte) Math.max(0, Math.min(255, v));
                }
            }
        }
        idx(dir.resolve("train-images-idx3-ubyte.gz"), new int[] {nTrain, 28, 28}, img[0]);
        idx(dir.resolve("train-labels-idx1-ubyte.gz"), new int[] {nTrain}, lab[0]);
        idx(dir.resolve("t10k-images-idx3-ubyte.gz"), new int[] {nTest, 28, 28}, img[1]);
        idx(dir.resolve("t10k-labels-idx1-ubyte.gz"), new int[] {nTest}, lab[1]);

    }

    /** Classes 3 / 5 at pi_A 0.75, n = 12, a width-4 U-Net with Adam 1e-3, 6 samples of 2 DDIM steps per checkpoint. */
    private static FmnistPoint tinyPoint(int batch, int steps, int checkpoints) {
        return new FmnistPoint(3, 5, 0.75, 12, 0, new FmnistSettings(4, List.of(1, 2), "adam", 1e-3, 0, batch, steps,
                checkpoints, 1, 6, 2, 4, 0.01, 3, 1.0 / 3, 50, 0.1, 0.1, 0));
    }

    @Test
    void tinyPointRunsEndToEndAndWritesConsistentCurves(@TempDir Path dir) throws IOException {
        writeSyntheticDataset(dir);
        FmnistPoint p = tinyPoint(8, 3, 2);
        Path out = dir.resolve("out");
        int[] calls = {0};
        FmnistResult r = FmnistExperiment.run(p, "test-key", dir, out, (step, total, msg) -> calls[0]++);
        assertEquals("OK", r.status(), r.diagnostic());
        int[] ckpt = CheckpointSchedule.logSpaced(1, 3, 2); // 0, 1, 3
        assertEquals(ckpt.length, calls[0]);
        assertEquals(2 * ckpt.length, r.curves().size());
        assertEquals(41, r.lossStep()); // DDPM step nearest to OU time 0.01 (see BetaScheduleTest)
        for (int k = 0; k < ckpt.length; k++) {
            ClassCheckpoint a = r.curves().get(2 * k), b = r.curves().get(2 * k + 1);
            assertEquals(ckpt[k], a.step());
            assertEquals(9, a.nTrain()); // round(0.75 * 12)
            assertEquals(3, b.nTrain());
            assertEquals(6, a.assigned() + b.assigned()); // every sample goes to exactly one class
            assertEquals(1.0, a.sampleFraction() + b.sampleFraction(), 1e-12);
            assertTrue(a.trainLoss() > 0 && Double.isFinite(a.testLoss()));
        }
        assertEquals(2, r.times().size());
        // step 0 has no training step: its batch loss is an empty field, not "NaN"
        assertTrue(Files.readAllLines(out.resolve("curves.csv")).get(1).split(",", -1)[12].isEmpty());
        assertTrue(Files.exists(out.resolve("run.csv")));
        assertEquals(1 + 2 * ckpt.length, Files.readAllLines(out.resolve("curves.csv")).size());
        assertEquals(3, Files.readAllLines(out.resolve("times.csv")).size());
    }

    /** The first 13 columns of curves.csv (drops the retry count and the CPU seconds, which depend on the machine). */
    private static List<String> science(Path curves) throws IOException {
        return Files.readAllLines(curves).stream().map(l -> String.join(",",
                java.util.Arrays.copyOf(l.split(",", -1), 13))).toList();
    }

    /**
     * A run cut off after its second checkpoint and started again goes on from its saved state and ends with the
     * same curves and times as a run never interrupted (every loss and f_mem equal as printed, i.e. to the last
     * bit); a state saved under another key is ignored (the run starts afresh), and the state is removed at the end.
     * Without the state the second start would redo steps 0..2 and print a different number of progress lines; a
     * resume that restored the weights but replayed no batches would train on other batches and change the losses.
     */
    @Test
    void interruptedRunResumesFromItsStateWithIdenticalResults(@TempDir Path dir) throws IOException {
        writeSyntheticDataset(dir);
        FmnistPoint p = tinyPoint(4, 12, 4);
        int[] ckpt = CheckpointSchedule.logSpaced(1, 12, 4);
        Path whole = dir.resolve("whole");
        FmnistExperiment.run(p, "resume-key", dir, whole, FmnistProgress.NONE);

        Path cut = dir.resolve("cut");
        int[] calls = {0};
        RuntimeException stop = new RuntimeException("interrupted");
        RuntimeException thrown = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () ->
                FmnistExperiment.run(p, "resume-key", dir, cut, (step, total, msg) -> {
                    if (++calls[0] == 3) throw stop; // after the third checkpoint (steps 0, 1, then the next)
                }));
        assertEquals(stop, thrown);
        assertTrue(Files.exists(cut.resolve(RunState.FILE)));
        assertTrue(!Files.exists(cut.resolve("times.csv")));
        // The saved state evaluated with the run's own sampler settings reproduces the run's last rows (draw 0 uses
        // the run's sample stream); a second draw uses other initial noise; the folder is left as it was.
        List<String> before = Files.readAllLines(cut.resolve("curves.csv"));
        List<List<ClassCheckpoint>> ev = FmnistExperiment.evaluateState(p, "resume-key", dir, cut, 6, 2, 2);
        assertEquals(2, ev.size());
        for (int k = 0; k < 2; k++) {
            ClassCheckpoint saved = ClassCheckpoint.parse(before.get(before.size() - 2 + k)), again = ev.get(0).get(k);
            assertEquals(ckpt[2], again.step());
            assertEquals(saved.assigned(), again.assigned());
            assertEquals(saved.fMem(), again.fMem());
            assertEquals(saved.trainLoss(), again.trainLoss());
            assertEquals(saved.testLoss(), again.testLoss());
        }
        assertEquals(before, Files.readAllLines(cut.resolve("curves.csv")));
        IllegalArgumentException none = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> FmnistExperiment.evaluateState(p, "resume-key", dir, whole, 6, 2, 1));
        assertTrue(none.getMessage().contains(RunState.FILE), none.getMessage());
        List<String> messages = new java.util.ArrayList<>();
        FmnistResult r = FmnistExperiment.run(p, "resume-key", dir, cut, (step, total, msg) -> messages.add(msg));
        assertEquals("OK", r.status(), r.diagnostic());
        assertTrue(messages.get(0).startsWith("resumed at step " + ckpt[2]), messages.get(0));
        assertEquals(1 + ckpt.length - 3, messages.size()); // the resume line, then the remaining checkpoints only
        assertEquals(science(whole.resolve("curves.csv")), science(cut.resolve("curves.csv")));
        assertEquals(Files.readAllLines(whole.resolve("times.csv")), Files.readAllLines(cut.resolve("times.csv")));
        assertEquals(2 * ckpt.length, r.curves().size());
        assertTrue(!Files.exists(cut.resolve(RunState.FILE)), "state.bin removed when the run ends");

        // A state written under another key (other settings) is not used: the run starts from step 0.
        Path other = dir.resolve("other");
        calls[0] = 0;
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () ->
                FmnistExperiment.run(p, "another-key", dir, other, (step, total, msg) -> {
                    if (++calls[0] == 3) throw stop;
                }));
        messages.clear();
        FmnistExperiment.run(p, "resume-key", dir, other, (step, total, msg) -> messages.add(msg));
        assertEquals(ckpt.length, messages.size());
        assertEquals(science(whole.resolve("curves.csv")), science(other.resolve("curves.csv")));
    }
}
