package org.diffsweep.unet.report;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.diffsweep.core.random.SeededStream;

/**
 * The two interval estimators of the campaign report.
 * <ul>
 * <li>{@link #pooledFraction}: a fraction pooled over seeds, sum k_r / sum m_r, with a two-level (cluster)
 *     percentile bootstrap: resample the runs with replacement, then each resampled run's m_r outcomes from its own
 *     fraction k_r / m_r (a parametric resample of its samples). Seeds vary the subset, the initialisation and the
 *     samples, so both levels of variation enter the interval.</li>
 * <li>{@link #meanInterval}: mean of per-seed values with the Student-t interval, mean ± t_{0.975, R-1} s / sqrt(R).
 *     Used for log-times and their differences D_gen, D_mem: with R = 3 seeds a bootstrap over seeds has only 10
 *     distinct resamples and understates the spread; the t interval is the standard small-sample choice (it assumes
 *     roughly normal per-seed values, which log-times are closer to than times).</li>
 * </ul>
 */
public final class CampaignStats {
    private CampaignStats() {}

    /**
     * An estimate with a 95 % interval.
     *
     * @param estimate the point estimate (NaN when there is nothing to estimate)
     * @param lo       lower bound (NaN when undefined, e.g. one seed for a t interval)
     * @param hi       upper bound
     * @param count    how many values (runs) entered
     */
    public record Interval(double estimate, double lo, double hi, int count) {
        /** NaN everywhere, count 0. */
        public static final Interval NONE = new Interval(Double.NaN, Double.NaN, Double.NaN, 0);

        /** exp of every bound (log-scale estimates back to steps). */
        public Interval exp() { return new Interval(Math.exp(estimate), Math.exp(lo), Math.exp(hi), count); }
    }

    /**
     * Pooled fraction sum k / sum m over runs (k[r] successes out of m[r]) with the cluster percentile bootstrap
     * described in the class comment ({@code resamples} resamples, 95 %). Runs with m = 0 carry no information and
     * are dropped; none left gives {@link Interval#NONE}.
     */
    public static Interval pooledFraction(int[] k, int[] m, int resamples, SeededStream rng) {
        if (k.length != m.length) throw new IllegalArgumentException("k and m lengths differ");
        int runs = 0;
        for (int x : m) if (x > 0) runs++;
        if (runs == 0) return Interval.NONE;
        int[] kk = new int[runs], mm = new int[runs];
        long ks = 0, ms = 0;
        for (int i = 0, j = 0; i < k.length; i++) {
            if (m[i] <= 0) continue;
            if (k[i] < 0 || k[i] > m[i]) throw new IllegalArgumentException("need 0 <= k <= m: " + k[i] + ", " + m[i]);
            kk[j] = k[i];
            mm[j] = m[i];
            ks += k[i];
            ms += m[i];
            j++;
        }
        double[] f = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            long hit = 0, tot = 0;
            for (int r = 0; r < runs; r++) {
                int pick = rng.nextInt(runs);
                double p = (double) kk[pick] / mm[pick];
                for (int q = 0; q < mm[pick]; q++) if (rng.nextDouble() < p) hit++;
                tot += mm[pick];
            }
            f[b] = (double) hit / tot;
        }
        Arrays.sort(f);
        return new Interval((double) ks / ms, quantile(f, 0.025), quantile(f, 0.975), runs);
    }

    /**
     * Mean of the finite values with the 95 % Student-t interval; one value gives NaN bounds, none gives
     * {@link Interval#NONE}.
     */
    public static Interval meanInterval(List<Double> values) {
        double[] v = values.stream().filter(x -> x != null && Double.isFinite(x)).mapToDouble(Double::doubleValue).toArray();
        int r = v.length;
        if (r == 0) return Interval.NONE;
        double mean = Arrays.stream(v).average().orElseThrow();
        if (r == 1) return new Interval(mean, Double.NaN, Double.NaN, 1);
        double ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        double half = new TDistribution(null, r - 1).inverseCumulativeProbability(0.975) * Math.sqrt(ss / (r - 1) / r);
        return new Interval(mean, mean - half, mean + half, r);
    }

    /** Type-7 quantile of sorted data. */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
