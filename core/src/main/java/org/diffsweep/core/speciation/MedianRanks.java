package org.diffsweep.core.speciation;

import org.apache.commons.math3.distribution.BinomialDistribution;

/** Ranks of the distribution-free 95 % confidence interval for a median (see {@link ClassMeasurement}). */
final class MedianRanks {
    /** Two-sided level of the interval. */
    static final double ALPHA = 0.05;

    private MedianRanks() {}

    /**
     * The largest rank l with {@code P(Binomial(n, 1/2) <= l - 1) <= ALPHA / 2}, so that {@code [X_(l), X_(n+1-l)]}
     * covers the median with probability >= 1 - ALPHA; 0 when no such l exists (n < 6).
     */
    static int lower(int n) {
        if (n < 1) return 0;
        BinomialDistribution b = new BinomialDistribution(null, n, 0.5);
        // smallest x with P(X <= x) >= ALPHA/2; then P(X <= x - 1) < ALPHA/2, so l = x qualifies
        int x = b.inverseCumulativeProbability(ALPHA / 2);
        int l = b.cumulativeProbability(x) <= ALPHA / 2 ? x + 1 : x;
        return Math.max(0, Math.min(l, (n + 1) / 2));
    }
}
