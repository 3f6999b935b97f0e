package org.diffsweep.jobs.sweep;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.diffsweep.core.mixture.ClassSpec;
import org.diffsweep.core.point.PointParams;

/** Stand-in for PointIds.pointId in tests: SHA-256 over the bit patterns of the coordinates and the evaluator. */
final class TestIds {
    private TestIds() {}

    static final PointIdFunction ID = TestIds::id;

    static String id(PointParams p, String name, String version) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer b = ByteBuffer.allocate(64 + 40 * p.numClasses());
            b.putInt(p.d()).putDouble(p.psiP()).putDouble(p.psiN()).putDouble(p.t()).putLong(p.seed());
            for (ClassSpec c : p.classes()) {
                b.putDouble(c.weight()).putDouble(c.radius()).putDouble(c.angleDeg()).putDouble(c.variance());
            }
            md.update(b.array(), 0, b.position());
            md.update((name + "\u0000" + version).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
