package org.diffsweep.core.point;

/**
 * How the noise expectation {@code E_xi} in U and V is taken (theory §2.5, §12.4).
 *
 * @param monteCarloDraws 0 for the exact (Stein + Mehler) average, otherwise m noise draws per training point
 */
public record NoiseMode(int monteCarloDraws) {
    public static final NoiseMode EXACT = new NoiseMode(0);

    public NoiseMode {
        if (monteCarloDraws < 0) throw new IllegalArgumentException("monteCarloDraws must be >= 0, got " + monteCarloDraws);
    }

    public static NoiseMode monteCarlo(int draws) {
        if (draws < 1) throw new IllegalArgumentException("monteCarlo draws must be >= 1, got " + draws);
        return new NoiseMode(draws);
    }

    public boolean exact() { return monteCarloDraws == 0; }

    /** Spec spelling: {@code exact} or {@code monteCarlo:m}. */
    @Override public String toString() { return exact() ? "exact" : "monteCarlo:" + monteCarloDraws; }
}
