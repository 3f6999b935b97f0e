package org.diffsweep.unet.sweep;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.jobs.grid.Canonical;
import org.diffsweep.jobs.sweep.PointIdFunction;
import org.diffsweep.unet.experiment.FmnistSettings;

/**
 * Point identity of a Fashion-MNIST sweep: {@code hex SHA-256( encode("diffsweep.fmnist.pointId.v1") ‖
 * encode(tree(params)) ‖ encode(settingsTree) ‖ encode(evaluatorName) ‖ encode(evaluatorVersion) )}, with
 * {@link Canonical}'s encoding. {@code params} (from {@link FmnistGrid#params}) carries the class pair, pi_A, n and
 * seed; the settings tree carries every {@link FmnistSettings} component (width, optimiser, steps, samples,
 * thresholds, ...), so two points that would train or measure differently never share an id, and the same point gets
 * the same id on every machine and run (resume).
 */
public final class FmnistPointIds implements PointIdFunction {
    private static final long serialVersionUID = 1L;

    /** Domain tag, the first field of every pre-image. */
    public static final String FORMAT = "diffsweep.fmnist.pointId.v1";

    private final FmnistSettings settings;

    public FmnistPointIds(FmnistSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String pointId(PointParams params, String evaluatorName, String evaluatorVersion) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Canonical.write(out, FORMAT);
            Canonical.write(out, Canonical.tree(params));
            Canonical.write(out, tree(settings));
            Canonical.write(out, Objects.requireNonNull(evaluatorName, "evaluatorName"));
            Canonical.write(out, Objects.requireNonNull(evaluatorVersion, "evaluatorVersion"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Canonical.sha256Hex(bytes.toByteArray());
    }

    /** Canonical tree of every {@link FmnistSettings} component (keys = component names). */
    public static Map<String, Object> tree(FmnistSettings s) {
        Map<String, Object> m = new TreeMap<>();
        m.put("width", (long) s.width());
        m.put("mults", new ArrayList<Object>(s.mults()));
        m.put("optimizer", s.optimizer());
        m.put("lr", s.lr());
        m.put("momentum", s.momentum());
        m.put("batch", (long) s.batch());
        m.put("steps", (long) s.steps());
        m.put("checkpoints", (long) s.checkpoints());
        m.put("firstCheckpoint", (long) s.firstCheckpoint());
        m.put("samples", (long) s.samples());
        m.put("ddimSteps", (long) s.ddimSteps());
        m.put("sampleBatch", (long) s.sampleBatch());
        m.put("lossTime", s.lossTime());
        m.put("testPerClass", (long) s.testPerClass());
        m.put("memRatio", s.memRatio());
        m.put("bootstrap", (long) s.bootstrap());
        m.put("fmemThreshold", s.fmemThreshold());
        m.put("gapThreshold", s.gapThreshold());
        return m;
    }
}
