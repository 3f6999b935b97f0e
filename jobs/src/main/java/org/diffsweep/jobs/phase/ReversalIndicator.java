package org.diffsweep.jobs.phase;

/**
 * The reversal indicator: the sign of an order parameter D (D_gen, D_mem or D_S, theory.md §8) that is resolved by
 * its seed confidence interval. It is kept separate from the aggregation loop, as Hipparchus keeps its sign
 * functions separate from solvers (design.md, house style).
 *
 * <p>{@code sign(mean, halfWidth)} is +1 when the whole interval [mean − h, mean + h] lies above 0, −1 when it lies
 * below 0, and 0 ("undetermined") when it contains 0, i.e. |mean| ≤ h. A NaN half-width (one seed: no spread
 * estimate) is treated as h = 0, so the sign of the single value is used. A NaN mean is undetermined.
 */
public final class ReversalIndicator {
    private ReversalIndicator() {
    }

    /**
     * @param mean      seed mean of D
     * @param halfWidth confidence half-width (≥ 0, or NaN for "no estimate")
     * @return +1, −1, or 0 when the interval straddles (or touches) zero
     */
    public static int sign(double mean, double halfWidth) {
        if (Double.isNaN(mean)) return 0;
        double h = Double.isNaN(halfWidth) ? 0.0 : halfWidth;
        if (h < 0) throw new IllegalArgumentException("half-width must be >= 0, got " + halfWidth);
        if (mean > h) return 1;
        if (mean < -h) return -1;
        return 0;
    }

    /**
     * True when the cell's determined sign differs from the baseline's determined sign (§12.8). Both signs must be
     * ±1; an undetermined sign is never a reversal.
     */
    public static boolean isReversed(int sign, int baselineSign) {
        return sign != 0 && baselineSign != 0 && sign != baselineSign;
    }
}
