package org.diffsweep.core.random;

import java.util.SplittableRandom;

/**
 * A deterministic stream of uniform and standard normal variates, bit-identical across JVMs and platforms:
 * uniforms come from {@link SplittableRandom} (SplitMix64, fixed by its specification) and normals from the
 * Box–Muller transform evaluated with {@link StrictMath}. Not thread-safe; use one stream per thread.
 */
public final class SeededStream {
    private final SplittableRandom rng;
    private double spare;
    private boolean hasSpare;

    public SeededStream(long seed) { this.rng = new SplittableRandom(seed); }

    /** Uniform on [0, 1). */
    public double nextDouble() { return rng.nextDouble(); }

    /** Uniform integer in [0, bound). */
    public int nextInt(int bound) { return rng.nextInt(bound); }

    /** Standard normal N(0, 1). */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u1 = 1.0 - rng.nextDouble(); // in (0, 1]
        double u2 = rng.nextDouble();
        double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
        double a = 2.0 * StrictMath.PI * u2;
        spare = r * StrictMath.sin(a);
        hasSpare = true;
        return r * StrictMath.cos(a);
    }

    /** Fills {@code out[from, to)} with standard normals. */
    public void fillGaussian(double[] out, int from, int to) {
        for (int i = from; i < to; i++) out[i] = nextGaussian();
    }

    /** Fills all of {@code out} with standard normals. */
    public void fillGaussian(double[] out) { fillGaussian(out, 0, out.length); }
}
