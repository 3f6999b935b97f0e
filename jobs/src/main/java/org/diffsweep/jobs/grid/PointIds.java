package org.diffsweep.jobs.grid;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Point identity (design data-flow step 2):
 * {@code pointId = hex SHA-256( encode("diffsweep.pointId.v1") ‖ encode(tree) ‖ encode(evaluatorName) ‖
 * encode(evaluatorVersion) )}, with {@code encode} from {@link Canonical} and {@code tree} the point's canonical tree
 * (its model's {@code canonicalTree}: every component takes part, seed included), and every double is encoded
 * bit-exactly, so {@code -0.0} and {@code 0.0}, or {@code 0.1 + 0.2} and {@code 0.3}, give different ids. The
 * encoding is a format guarantee: changing it changes every id and breaks resume, so it is versioned by the
 * leading tag.
 */
public final class PointIds {
    private PointIds() {}

    /** Domain tag, the first field of every pointId pre-image. */
    public static final String FORMAT = "diffsweep.pointId.v1";

    /** The 64-character lower-case hex pointId of the point with canonical tree {@code tree} under the named, versioned evaluator. */
    public static String pointId(Object tree, String evaluatorName, String evaluatorVersion) {
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(evaluatorName, "evaluator name");
        Objects.requireNonNull(evaluatorVersion, "evaluator version");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Canonical.write(out, FORMAT);
            Canonical.write(out, tree);
            Canonical.write(out, evaluatorName);
            Canonical.write(out, evaluatorVersion);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Canonical.sha256Hex(bytes.toByteArray());
    }
}
