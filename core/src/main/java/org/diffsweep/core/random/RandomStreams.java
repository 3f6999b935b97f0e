package org.diffsweep.core.random;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Named, independent random streams derived from one identity key (theory §12.10, design §4).
 *
 * <p>The seed of stream {@code name} is the first 8 bytes (big-endian) of
 * {@code SHA-256(UTF-8(key) || 0x00 || UTF-8(name))}. The key is a grid point's {@code pointId}; the same key and
 * name give the same stream on every machine, partition and attempt.
 */
public final class RandomStreams {
    private final String key;

    private RandomStreams(String key) { this.key = key; }

    /** Streams for the identity {@code key} (typically a pointId). */
    public static RandomStreams forKey(String key) {
        return new RandomStreams(Objects.requireNonNull(key, "key"));
    }

    public String key() { return key; }

    /** A fresh stream; calling twice with the same name returns two identical, independent copies. */
    public SeededStream stream(String name) {
        return new SeededStream(seedOf(key, name));
    }

    /** The 64-bit seed of stream {@code name} under {@code key}. */
    public static long seedOf(String key, String name) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(key.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            byte[] h = sha.digest();
            long s = 0;
            for (int i = 0; i < 8; i++) s = (s << 8) | (h[i] & 0xffL);
            return s;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
