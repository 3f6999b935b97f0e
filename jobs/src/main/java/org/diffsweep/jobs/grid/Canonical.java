package org.diffsweep.jobs.grid;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Canonical, bit-exact encoding of value trees, used for {@code specHash} and {@code pointId} (design data-flow
 * steps 1 and 2).
 *
 * <p>A tree is built from {@link Map} (keys are strings; encoded sorted by {@link String#compareTo}), {@link List},
 * {@link String}, {@link Integer}/{@link Long} (one integer type), {@link Double}, {@link Boolean} and {@code null}.
 * Encoding (big-endian, format version 1):
 * <pre>
 *   map     'M' int32 count, then per entry in sorted key order: string(key) value
 *   list    'L' int32 count, then each value
 *   string  'S' int32 byteLength, UTF-8 bytes
 *   integer 'I' int64
 *   double  'D' int64 = Double.doubleToRawLongBits(v)   (so -0.0 != 0.0, and 0.1+0.2 != 0.3)
 *   boolean 'B' one byte 0/1
 *   null    'N'
 * </pre>
 * Doubles are never written as decimal text, so the bytes do not depend on a JDK's number formatting.
 */
public final class Canonical {
    private Canonical() {}

    /** Canonical bytes of a tree (see the class comment for the format). */
    public static byte[] encode(Object tree) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out, tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Appends the canonical bytes of {@code tree} to {@code out}. */
    public static void write(DataOutputStream out, Object tree) throws IOException {
        if (tree == null) {
            out.writeByte('N');
        } else if (tree instanceof Map<?, ?> map) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) sorted.put((String) e.getKey(), e.getValue());
            out.writeByte('M');
            out.writeInt(sorted.size());
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                writeString(out, e.getKey());
                write(out, e.getValue());
            }
        } else if (tree instanceof List<?> list) {
            out.writeByte('L');
            out.writeInt(list.size());
            for (Object o : list) write(out, o);
        } else if (tree instanceof String s) {
            writeString(out, s);
        } else if (tree instanceof Integer || tree instanceof Long) {
            out.writeByte('I');
            out.writeLong(((Number) tree).longValue());
        } else if (tree instanceof Double d) {
            out.writeByte('D');
            out.writeLong(Double.doubleToRawLongBits(d));
        } else if (tree instanceof Boolean b) {
            out.writeByte('B');
            out.writeByte(b ? 1 : 0);
        } else {
            throw new IllegalArgumentException("not a canonical tree value: " + tree.getClass().getName());
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeByte('S');
        out.writeInt(b.length);
        out.write(b);
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
