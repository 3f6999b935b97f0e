package org.diffsweep.jobs.grid;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.diffsweep.core.point.PointParams;

/**
 * Point identity (design data-flow step 2):
 * {@code pointId = hex SHA-256( encode("diffsweep.pointId.v1") ‖ encode(tree(p)) ‖ encode(evaluatorName) ‖
 * encode(evaluatorVersion) )}, with {@code encode} and {@code tree} from {@link Canonical}. Every
 * {@link PointParams} component takes part (seed, tau grid and noise mode included), and every double is encoded
 * bit-exactly, so {@code -0.0} and {@code 0.0}, or {@code 0.1 + 0.2} and {@code 0.3}, give different ids. The
 * encoding is a format guarantee: changing it changes every id and breaks resume, so it is versioned by the
 * leading tag.
 */
public final class PointIds {
    private PointIds() {}

    /** Domain tag, the first field of every pointId pre-image. */
    public static final String FORMAT = "diffsweep.pointId.v1";

    /** The 64-character lower-case hex pointId of {@code p} evaluated by the named, versioned evaluator. */
    public static String pointId(PointParams p, String evaluatorName, String evaluatorVersion) {
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(evaluatorName, "evaluatorName");
        Objects.requireNonNull(evaluatorVersion, "evaluatorVersion");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Canonical.write(out, FORMAT);
            Canonical.write(out, Canonical.tree(p));
            Canonical.write(out, evaluatorName);
            Canonical.write(out, evaluatorVersion);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Canonical.sha256Hex(bytes.toByteArray());
    }
}
