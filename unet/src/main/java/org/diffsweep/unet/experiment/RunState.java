package org.diffsweep.unet.experiment;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.diffsweep.unet.model.DdpmModel;

/**
 * Where a run stands after a checkpoint, saved as {@code state.bin} in its folder so that an interrupted run goes on
 * from its last checkpoint instead of step 0: the stream key (a state for other settings is ignored), the step and
 * checkpoint index reached, the adaptive-stop counters, the cumulative wall and CPU seconds, and the model's
 * training state ({@link DdpmModel#saveState}). The curves up to that checkpoint are in {@code curves.csv}.
 *
 * @param key        the run's stream key ({@link FmnistPoint#defaultKey()} or a sweep's pointId)
 * @param step       training steps taken
 * @param checkpoint index of the last checkpoint evaluated (into the run's schedule)
 * @param aboveStopA consecutive checkpoints with f_mem,A at or above {@code stopFmem}
 * @param aboveStopB the same for class B
 * @param trainWall  wall seconds in training steps so far (all sessions)
 * @param evalWall   wall seconds in evaluations so far
 * @param trainCpu   CPU seconds in training steps so far
 * @param evalCpu    CPU seconds in evaluations so far
 */
record RunState(String key, int step, int checkpoint, int aboveStopA, int aboveStopB, double trainWall,
                double evalWall, double trainCpu, double evalCpu) {
    /** File name in the run folder. */
    static final String FILE = "state.bin";
    private static final int MAGIC = 0x46525354; // "FRST"

    /** Writes this state and the model's to {@code dir/state.bin}, atomically (a crash leaves the previous one). */
    void write(Path dir, DdpmModel model) {
        Path tmp = dir.resolve(FILE + ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp); DataOutputStream out = new DataOutputStream(os)) {
                out.writeInt(MAGIC);
                out.writeUTF(key);
                out.writeInt(step);
                out.writeInt(checkpoint);
                out.writeInt(aboveStopA);
                out.writeInt(aboveStopB);
                out.writeDouble(trainWall);
                out.writeDouble(evalWall);
                out.writeDouble(trainCpu);
                out.writeDouble(evalCpu);
                out.flush();
                model.saveState(os);
            }
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the training state in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The state in {@code dir} if there is one for {@code key}, with the model's state loaded into {@code model};
     * otherwise null (no file, or one written for another key: the run starts afresh).
     */
    static RunState read(Path dir, String key, DdpmModel model) {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) return null;
        try (InputStream is = Files.newInputStream(f); DataInputStream in = new DataInputStream(is)) {
            if (in.readInt() != MAGIC) throw new IOException("not a run state");
            String k = in.readUTF();
            if (!k.equals(key)) return null;
            RunState s = new RunState(k, in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readDouble(),
                    in.readDouble(), in.readDouble(), in.readDouble());
            model.loadState(is);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resume from " + f + " (" + e.getMessage() + "); delete it to start "
                    + "the run from step 0", e);
        }
    }
}
