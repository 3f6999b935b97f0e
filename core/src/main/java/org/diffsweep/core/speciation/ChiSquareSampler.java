package org.diffsweep.core.speciation;

import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.diffsweep.core.random.SeededStream;

/**
 * Chi-square variates with a fixed number of degrees of freedom drawn from a {@link SeededStream}: commons-math's
 * Gamma sampler (Marsaglia–Tsang for shape >= 1, Ahrens–Dieter below; it uses only the stream's uniforms and
 * normals and the pure-Java {@code FastMath}, so the draws are bit-identical on every machine) with shape
 * {@code dof / 2} and scale 2. Zero degrees of freedom give 0 without consuming the stream. Not thread-safe.
 */
final class ChiSquareSampler {
    private final GammaDistribution gamma;

    ChiSquareSampler(SeededStream rng, int dof) {
        if (dof < 0) throw new IllegalArgumentException("dof must be >= 0, got " + dof);
        this.gamma = dof == 0 ? null : new GammaDistribution(new StreamGenerator(rng), 0.5 * dof, 2.0);
    }

    /** One chi-square variate. */
    double next() { return gamma == null ? 0.0 : gamma.sample(); }

    /** The stream seen as a commons-math generator: only the two draws the Gamma sampler uses are supported. */
    private static final class StreamGenerator implements RandomGenerator {
        private final SeededStream s;

        StreamGenerator(SeededStream s) { this.s = s; }

        @Override public double nextDouble() { return s.nextDouble(); }

        @Override public double nextGaussian() { return s.nextGaussian(); }

        @Override public int nextInt(int n) { return s.nextInt(n); }

        @Override public void setSeed(int seed) { throw new UnsupportedOperationException(); }

        @Override public void setSeed(int[] seed) { throw new UnsupportedOperationException(); }

        @Override public void setSeed(long seed) { throw new UnsupportedOperationException(); }

        @Override public void nextBytes(byte[] bytes) { throw new UnsupportedOperationException(); }

        @Override public int nextInt() { throw new UnsupportedOperationException(); }

        @Override public long nextLong() { throw new UnsupportedOperationException(); }

        @Override public boolean nextBoolean() { throw new UnsupportedOperationException(); }

        @Override public float nextFloat() { throw new UnsupportedOperationException(); }
    }
}
