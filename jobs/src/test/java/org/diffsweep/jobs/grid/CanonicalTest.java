package org.diffsweep.jobs.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalTest {
    @Test
    void mapKeyOrderDoesNotMatter() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("x", 1.5);
        a.put("b", List.of("s", 2L));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("b", List.of("s", 2L));
        b.put("x", 1.5);
        assertArrayEquals(Canonical.encode(a), Canonical.encode(b));
    }

    @Test
    void typesAndListOrderMatter() {
        assertFalse(Arrays.equals(Canonical.encode(1L), Canonical.encode(1.0)));
        assertArrayEquals(Canonical.encode(1L), Canonical.encode(1));
        assertFalse(Arrays.equals(Canonical.encode(List.of(1L, 2L)), Canonical.encode(List.of(2L, 1L))));
        assertFalse(Arrays.equals(Canonical.encode("1"), Canonical.encode(1L)));
        assertFalse(Arrays.equals(Canonical.encode(0.0), Canonical.encode(-0.0)));
    }

    @Test
    void sha256OfKnownInput() {
        // FIPS 180-2 test vector: SHA-256("abc").
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Canonical.sha256Hex("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }
}
