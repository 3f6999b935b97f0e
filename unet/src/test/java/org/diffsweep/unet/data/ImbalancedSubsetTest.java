package org.diffsweep.unet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.diffsweep.core.random.RandomStreams;
import org.junit.jupiter.api.Test;

class ImbalancedSubsetTest {
    /** Disjoint pools: class A = even numbers below 2000, class B = odd numbers below 200. */
    private static final int[] POOL_A = java.util.stream.IntStream.range(0, 1000).map(i -> 2 * i).toArray();
    private static final int[] POOL_B = java.util.stream.IntStream.range(0, 100).map(i -> 2 * i + 1).toArray();

    private static ImbalancedSubset draw(String key, int n, double pi) {
        return ImbalancedSubset.draw(POOL_A, POOL_B, 3, 7, n, pi, RandomStreams.forKey(key).stream("subset"));
    }

    @Test
    void exactCountsFromRoundingAndClassMembership() {
        for (double pi : new double[] {0.5, 0.7, 0.9, 0.97, 0.03}) {
            for (int n : new int[] {64, 100, 101}) {
                ImbalancedSubset s = draw("k", n, pi);
                long nA = Math.round(pi * n);
                assertEquals(nA, s.nA());
                assertEquals(n - nA, s.nB());
                assertEquals(n, s.indices().length);
                for (int j = 0; j < n; j++) {
                    // class A indices are even (pool A), class B odd (pool B)
                    assertEquals(j < s.nA() ? 0 : 1, s.indices()[j] % 2, "position " + j);
                    assertEquals(j < s.nA() ? 3 : 7, s.labelAt(j));
                }
            }
        }
    }

    @Test
    void noDuplicatesAndWholePoolWhenAllIsRequested() {
        ImbalancedSubset s = draw("k", 200, 0.5); // n_B = 100 = the whole pool B
        Set<Integer> seen = new HashSet<>();
        for (int i : s.indices()) assertTrue(seen.add(i), "duplicate " + i);
        int[] b = Arrays.copyOfRange(s.indices(), s.nA(), s.n());
        Arrays.sort(b);
        assertArrayEquals(POOL_B, b);
    }

    @Test
    void deterministicFromTheKeyAndDifferentAcrossKeys() {
        assertArrayEquals(draw("point-1", 128, 0.9).indices(), draw("point-1", 128, 0.9).indices());
        // Two keys pick the same 115 of 1000 class-A images with probability ~ 0, so a difference must show.
        assertFalse(Arrays.equals(draw("point-1", 128, 0.9).indices(), draw("point-2", 128, 0.9).indices()));
    }

    @Test
    void rejectsEmptyClassesAndOversizedRequests() {
        assertThrows(IllegalArgumentException.class, () -> draw("k", 10, 0.99)); // n_A = 10, n_B = 0
        assertThrows(IllegalArgumentException.class, () -> draw("k", 10, 0.01)); // n_A = 0
        assertThrows(IllegalArgumentException.class, () -> draw("k", 300, 0.5)); // n_B = 150 > 100
        assertThrows(IllegalArgumentException.class, () -> draw("k", 10, 1.0));
    }
}
