package org.diffsweep.jobs.phase;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Immutable, mergeable count, sum and sum of squares of a sample, held <em>exactly</em> (every finite double is a
 * finite decimal, and decimal addition and multiplication are exact). Partial aggregates computed on different
 * executors therefore merge to the same value in any order and any grouping, so a report regenerated from the same
 * ledger is bit-identical whatever order Spark's shuffle delivers the rows in. Mean and variance are rounded to
 * double once, from the exact sums (no cancellation: the variance numerator n Σx² − (Σx)² is exact).
 *
 * @param count        number of values
 * @param sum          their exact sum
 * @param sumOfSquares the exact sum of their squares
 */
public record RunningStats(long count, BigDecimal sum, BigDecimal sumOfSquares) implements Serializable {
    /** The empty accumulator. */
    public static final RunningStats EMPTY = new RunningStats(0, BigDecimal.ZERO, BigDecimal.ZERO);

    public RunningStats {
        Objects.requireNonNull(sum);
        Objects.requireNonNull(sumOfSquares);
        if (count < 0 || sumOfSquares.signum() < 0) {
            throw new IllegalArgumentException("invalid stats: count=" + count + ", sum of squares=" + sumOfSquares);
        }
    }

    /** This accumulator with one more value. */
    public RunningStats plus(double x) {
        if (!Double.isFinite(x)) throw new IllegalArgumentException("value must be finite, got " + x);
        BigDecimal b = new BigDecimal(x);
        return new RunningStats(count + 1, sum.add(b), sumOfSquares.add(b.multiply(b)));
    }

    /** The accumulator of the union of both samples (exact, so associative and commutative). */
    public RunningStats merge(RunningStats o) {
        return new RunningStats(count + o.count, sum.add(o.sum), sumOfSquares.add(o.sumOfSquares));
    }

    /** The mean, rounded once (0 when empty). */
    public double mean() {
        return count == 0 ? 0.0 : sum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL128).doubleValue();
    }

    /** Unbiased sample variance (n − 1 denominator), rounded once; NaN when count &lt; 2. */
    public double variance() {
        return count < 2 ? Double.NaN
                : numerator().divide(BigDecimal.valueOf(count).multiply(BigDecimal.valueOf(count - 1)),
                        MathContext.DECIMAL128).doubleValue();
    }

    /** n Σx² − (Σx)², exact and ≥ 0. */
    private BigDecimal numerator() {
        return BigDecimal.valueOf(count).multiply(sumOfSquares).subtract(sum.multiply(sum));
    }

    /** Sample standard deviation; NaN when count &lt; 2. */
    public double sd() { return Math.sqrt(variance()); }

    /**
     * Half-width of the two-sided Student-t confidence interval of the mean at {@code level} (e.g. 0.95):
     * t_{(1+level)/2, n−1} · sd / sqrt(n). NaN when count &lt; 2 (no spread estimate).
     */
    public double ciHalfWidth(double level) {
        if (!(level > 0 && level < 1)) throw new IllegalArgumentException("confidence level must be in (0,1), got " + level);
        if (count < 2) return Double.NaN;
        double t = new TDistribution(null, count - 1).inverseCumulativeProbability(0.5 * (1 + level));
        return t * sd() / Math.sqrt(count);
    }
}
