package org.diffsweep.bench;

import java.util.Arrays;

/** Repeated wall-clock timings of one action: median, min, max and the relative spread (max-min)/median. */
public record Stats(double median, double min, double max, int repeats) {

    /** One untimed warm-up, then {@code repeats} timed runs. */
    public static Stats time(int repeats, Runnable action) {
        action.run();
        double[] s = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t0 = Clock.nanos();
            action.run();
            s[r] = (Clock.nanos() - t0) * 1e-9;
        }
        return of(s);
    }

    public static Stats of(double[] samples) {
        double[] s = samples.clone();
        Arrays.sort(s);
        int n = s.length;
        double med = n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
        return new Stats(med, s[0], s[n - 1], n);
    }

    /** (max - min) / median: the noise of this measurement on a shared machine. */
    public double spread() { return median > 0 ? (max - min) / median : 0; }
}
