package org.diffsweep.jobs.phase;

import java.io.Serializable;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Immutable running mean and sum of squared deviations (Welford's update; Chan et al.'s pairwise merge), so
 * partial aggregates computed on different executors combine exactly (up to rounding) into the one-pass result.
 *
 * @param count number of values
 * @param mean  their mean (0 when empty)
 * @param m2    sum of squared deviations from the mean
 */
public record RunningStats(long count, double mean, double m2) implements Serializable {
    /** The empty accumulator. */
    public static final RunningStats EMPTY = new RunningStats(0, 0.0, 0.0);

    public RunningStats {
        if (count < 0 || m2 < 0 || Double.isNaN(mean)) {
            throw new IllegalArgumentException("invalid stats: count=" + count + ", mean=" + mean + ", m2=" + m2);
        }
    }

    /** This accumulator with one more value (Welford). */
    public RunningStats plus(double x) {
        if (!Double.isFinite(x)) throw new IllegalArgumentException("value must be finite, got " + x);
        long n = count + 1;
        double delta = x - mean;
        double newMean = mean + delta / n;
        return new RunningStats(n, newMean, m2 + delta * (x - newMean));
    }

    /** The accumulator of the union of both samples (Chan, Golub & LeVeque pairwise formula). */
    public RunningStats merge(RunningStats o) {
        if (o.count == 0) return this;
        if (count == 0) return o;
        long n = count + o.count;
        double delta = o.mean - mean;
        double newMean = mean + delta * ((double) o.count / n);
        double newM2 = m2 + o.m2 + delta * delta * ((double) count * o.count / n);
        return new RunningStats(n, newMean, newM2);
    }

    /** Unbiased sample variance (n − 1 denominator); NaN when count &lt; 2. */
    public double variance() { return count < 2 ? Double.NaN : m2 / (count - 1); }

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
