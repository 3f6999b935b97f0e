package org.diffsweep.jobs.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.point.NoiseMode;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.point.TauGrid;
import org.diffsweep.jobs.ledger.MixtureModel;
import org.junit.jupiter.api.Test;

class PointIdsTest {
    private static PointParams point(double t, double angleB) {
        return new PointParams(100, 32, 4, t, 1, List.of(
                new ClassSpec("A", 0.5, 1.0, 0, 2.0),
                new ClassSpec("B", 0.5, 1.0, angleB, 0.5)), 0.01, 0.9, TauGrid.DEFAULT, NoiseMode.EXACT);
    }

    private static final PointParams BASE = point(0.01, 180);

    @Test
    void pinnedIdIsAFormatGuarantee() {
        // Pinned once from this implementation: ledgers written by earlier builds are keyed by these ids, so this
        // value may only change together with PointIds.FORMAT (which invalidates every ledger on purpose).
        assertEquals("ada1fc3bf3cc48d2a1531a13afa173f43fb8b8504b1a2b9cac0a4a213822a145",
                id(BASE, "unwired", "0"));
    }

    @Test
    void matchesAnIndependentEncodingOfTheDocumentedFormat() throws Exception {
        // Re-implements the byte format written in the Canonical / PointIds Javadoc, field by field.
        Bytes b = new Bytes();
        b.str("diffsweep.pointId.v1");
        b.tag('M').i32(10);
        b.str("classes").tag('L').i32(2);
        for (ClassSpec c : BASE.classes()) {
            b.tag('M').i32(5);
            b.str("angleDeg").dbl(c.angleDeg());
            b.str("name").str(c.name());
            b.str("radius").dbl(c.radius());
            b.str("variance").dbl(c.variance());
            b.str("weight").dbl(c.weight());
        }
        b.str("d").lng(100);
        b.str("deltaGen").dbl(0.01);
        b.str("kappa").dbl(0.9);
        b.str("noise").str("exact");
        b.str("psiN").dbl(4);
        b.str("psiP").dbl(32);
        b.str("seed").lng(1);
        b.str("t").dbl(0.01);
        b.str("tauGrid").tag('M').i32(3);
        b.str("max").dbl(1e7);
        b.str("min").dbl(1e-2);
        b.str("points").lng(200);
        b.str("evalX").str("v9");
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.out.toByteArray()));
        assertEquals(expected, id(BASE, "evalX", "v9"));
    }

    @Test
    void equalPointsGiveEqualIdsAndHexFormat() {
        String a = id(point(0.01, 180), "e", "1");
        String b = id(point(0.01, 180), "e", "1");
        assertEquals(a, b);
        assertTrue(a.matches("[0-9a-f]{64}"), a);
    }

    @Test
    void everyFieldTakesPart() {
        List<UnaryOperator<PointParams>> changes = List.of(
                p -> new PointParams(101, p.psiP(), p.psiN(), p.t(), p.seed(), p.classes(), p.deltaGen(), p.kappa(), p.tauGrid(), p.noise()),
                p -> new PointParams(p.d(), 33, p.psiN(), p.t(), p.seed(), p.classes(), p.deltaGen(), p.kappa(), p.tauGrid(), p.noise()),
                p -> new PointParams(p.d(), p.psiP(), 5, p.t(), p.seed(), p.classes(), p.deltaGen(), p.kappa(), p.tauGrid(), p.noise()),
                p -> new PointParams(p.d(), p.psiP(), p.psiN(), 0.02, p.seed(), p.classes(), p.deltaGen(), p.kappa(), p.tauGrid(), p.noise()),
                p -> new PointParams(p.d(), p.psiP(), p.psiN(), p.t(), 2, p.classes(), p.deltaGen(), p.kappa(), p.tauGrid(), p.noise()),
                p -> new PointParams(p.d(), p.psiP(), p.psiN(), p.t(), p.seed(), p.classes(), 0.02, p.kappa(), p.tauGrid(), p.noise()),
                p -> new PointParams(p.d(), p.psiP(), p.psiN(), p.t(), p.seed(), p.classes(), p.deltaGen(), 0.8, p.tauGrid(), p.noise()),
                p -> new PointParams(p.d(), p.psiP(), p.psiN(), p.t(), p.seed(), p.classes(), p.deltaGen(), p.kappa(), new TauGrid(2e-2, 1e7, 200), p.noise()),
                p -> new PointParams(p.d(), p.psiP(), p.psiN(), p.t(), p.seed(), p.classes(), p.deltaGen(), p.kappa(), new TauGrid(1e-2, 1e6, 200), p.noise()),
                p -> new PointParams(p.d(), p.psiP(), p.psiN(), p.t(), p.seed(), p.classes(), p.deltaGen(), p.kappa(), new TauGrid(1e-2, 1e7, 201), p.noise()),
                p -> new PointParams(p.d(), p.psiP(), p.psiN(), p.t(), p.seed(), p.classes(), p.deltaGen(), p.kappa(), p.tauGrid(), NoiseMode.monteCarlo(8)),
                p -> withClassB(p, new ClassSpec("C", 0.5, 1.0, 180, 0.5)),
                p -> withWeights(p, 0.25, 0.75),
                p -> withClassB(p, new ClassSpec("B", 0.5, 1.5, 180, 0.5)),
                p -> withClassB(p, new ClassSpec("B", 0.5, 1.0, 90, 0.5)),
                p -> withClassB(p, new ClassSpec("B", 0.5, 1.0, 180, 0.25)),
                p -> new PointParams(p.d(), p.psiP(), p.psiN(), p.t(), p.seed(), List.of(p.classes().get(1), p.classes().get(0)), p.deltaGen(), p.kappa(), p.tauGrid(), p.noise()));
        Set<String> ids = new HashSet<>();
        ids.add(id(BASE, "e", "1"));
        for (UnaryOperator<PointParams> c : changes) ids.add(id(c.apply(BASE), "e", "1"));
        assertEquals(changes.size() + 1, ids.size(), "every single-field change must give a new id");
    }

    @Test
    void evaluatorNameAndVersionTakePart() {
        Set<String> ids = new HashSet<>(List.of(id(BASE, "e", "1"), id(BASE, "f", "1"),
                id(BASE, "e", "2"),
                // the name/version boundary is length-prefixed: "e1"+"" is not "e"+"1"
                id(BASE, "e1", "")));
        assertEquals(4, ids.size());
    }

    @Test
    void doublesAreBitExact() {
        assertNotEquals(id(point(0.01, 0.0), "e", "1"), id(point(0.01, -0.0), "e", "1"));
        double sum = 0.1 + 0.2;
        assertNotEquals(0.3, sum); // the premise: the two doubles differ in their last bit
        assertNotEquals(id(point(sum, 180), "e", "1"), id(point(0.3, 180), "e", "1"));
    }

    /** The Gaussian-mixture pointId: the point's canonical tree under the named, versioned evaluator. */
    private static String id(PointParams p, String name, String version) {
        return PointIds.pointId(MixtureModel.tree(p), name, version);
    }

    private static PointParams withClassB(PointParams p, ClassSpec b) {
        return new PointParams(p.d(), p.psiP(), p.psiN(), p.t(), p.seed(), List.of(p.classes().get(0), b), p.deltaGen(), p.kappa(), p.tauGrid(), p.noise());
    }

    private static PointParams withWeights(PointParams p, double wa, double wb) {
        List<ClassSpec> cs = new ArrayList<>();
        ClassSpec a = p.classes().get(0), b = p.classes().get(1);
        cs.add(new ClassSpec(a.name(), wa, a.radius(), a.angleDeg(), a.variance()));
        cs.add(new ClassSpec(b.name(), wb, b.radius(), b.angleDeg(), b.variance()));
        return new PointParams(p.d(), p.psiP(), p.psiN(), p.t(), p.seed(), cs, p.deltaGen(), p.kappa(), p.tauGrid(), p.noise());
    }

    /** Big-endian writer for the documented format. */
    private static final class Bytes {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes tag(char c) { out.write(c); return this; }

        Bytes i32(int v) { out.writeBytes(ByteBuffer.allocate(4).putInt(v).array()); return this; }

        Bytes i64(long v) { out.writeBytes(ByteBuffer.allocate(8).putLong(v).array()); return this; }

        Bytes str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            tag('S').i32(b.length);
            out.writeBytes(b);
            return this;
        }

        Bytes lng(long v) { return tag('I').i64(v); }

        Bytes dbl(double v) { return tag('D').i64(Double.doubleToRawLongBits(v)); }
    }
}
