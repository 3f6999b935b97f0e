package org.diffsweep.core.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class RandomStreamsTest {
    @Test
    void sameKeyAndNameGiveIdenticalStreamsDifferentNamesDiffer() {
        double[] a = new double[1000], b = new double[1000], c = new double[1000];
        RandomStreams.forKey("point-1").stream("W").fillGaussian(a);
        RandomStreams.forKey("point-1").stream("W").fillGaussian(b);
        RandomStreams.forKey("point-1").stream("data").fillGaussian(c);
        assertArrayEquals(a, b, 0.0);
        assertNotEquals(a[0], c[0]);
        assertNotEquals(RandomStreams.seedOf("point-1", "W"), RandomStreams.seedOf("point-2", "W"));
    }

    /** Sample mean, variance and fourth moment of 200k normals within 5 standard errors of 0, 1, 3. */
    @Test
    void gaussianMomentsAreRight() {
        SeededStream s = new SeededStream(42);
        int n = 200_000;
        double m1 = 0, m2 = 0, m4 = 0;
        for (int i = 0; i < n; i++) {
            double z = s.nextGaussian();
            m1 += z;
            m2 += z * z;
            m4 += z * z * z * z;
        }
        m1 /= n; m2 /= n; m4 /= n;
        assertEquals(0.0, m1, 5 / Math.sqrt(n));
        assertEquals(1.0, m2, 5 * Math.sqrt(2.0 / n));
        assertEquals(3.0, m4, 5 * Math.sqrt(96.0 / n));
    }
}
