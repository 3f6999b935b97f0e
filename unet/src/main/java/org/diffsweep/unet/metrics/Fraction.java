package org.diffsweep.unet.metrics;

import java.util.Arrays;
import org.diffsweep.core.random.SeededStream;

/**
 * A fraction with a bootstrap percentile confidence interval (theory §7: [CODE compute_fmem.py] bootstraps 1000
 * resamples of the per-sample outcomes).
 *
 * @param estimate fraction of true outcomes (NaN when count = 0)
 * @param lo       lower percentile bound of the bootstrap distribution (NaN when count = 0)
 * @param hi       upper percentile bound
 * @param count    number of outcomes
 */
public record Fraction(double estimate, double lo, double hi, int count) {

    /**
     * Estimate and percentile interval at level {@code level} (e.g. 0.95) from {@code resamples} bootstrap
     * resamples of the outcomes drawn with {@code rng}.
     */
    public static Fraction bootstrap(boolean[] outcomes, int resamples, double level, SeededStream rng) {
        int m = outcomes.length;
        if (m == 0) return new Fraction(Double.NaN, Double.NaN, Double.NaN, 0);
        if (resamples < 1) throw new IllegalArgumentException("resamples must be >= 1: " + resamples);
        if (!(level > 0 && level < 1)) throw new IllegalArgumentException("level must be in (0,1): " + level);
        int hits = 0;
        for (boolean b : outcomes) if (b) hits++;
        double[] f = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            int h = 0;
            for (int i = 0; i < m; i++) if (outcomes[rng.nextInt(m)]) h++;
            f[r] = (double) h / m;
        }
        Arrays.sort(f);
        double alpha = (1 - level) / 2;
        return new Fraction((double) hits / m, quantile(f, alpha), quantile(f, 1 - alpha), m);
    }

    /** Linear-interpolation quantile of sorted data (type 7). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
