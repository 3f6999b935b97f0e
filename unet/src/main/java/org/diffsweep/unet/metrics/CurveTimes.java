package org.diffsweep.unet.metrics;

/**
 * Reading times off checkpoint curves y(tau) (theory §12.6 and §12.13, adapted to U-Net checkpoints; inferred for
 * §9.3). Crossings are interpolated in log tau between consecutive checkpoints with tau > 0, linearly in tau when
 * the earlier checkpoint is tau = 0. A threshold never reached inside the grid gives {@code null}.
 */
public final class CurveTimes {
    private CurveTimes() {}

    /**
     * First tau at which {@code y} rises to {@code threshold} (y(tau) >= threshold); NaN points are skipped. When the
     * first valid point already satisfies it, that point's tau is returned.
     */
    public static Double firstRise(double[] tau, double[] y, double threshold) {
        return first(tau, y, threshold, true);
    }

    /** First tau at which {@code y} falls to {@code threshold} (y(tau) <= threshold); NaN points are skipped. */
    public static Double firstFall(double[] tau, double[] y, double threshold) {
        return first(tau, y, threshold, false);
    }

    /**
     * Half-drop time (§12.6): first tau with y(tau) <= y_min + 0.5 (y(tau_0) - y_min), y_min the minimum over the
     * curve and tau_0 its first valid point; null if the curve never drops below its first value.
     */
    public static Double halfDrop(double[] tau, double[] y) {
        return drop(tau, y, 0.5);
    }

    /**
     * Drop time at fraction q in (0, 1): first tau with y(tau) <= y_min + (1 - q)(y(tau_0) - y_min) (q = 0.5 is
     * {@link #halfDrop}); null if the curve never drops below its first value.
     */
    public static Double drop(double[] tau, double[] y, double q) {
        if (!(q > 0 && q < 1)) throw new IllegalArgumentException("drop fraction must be in (0, 1): " + q);
        int first = -1;
        double min = Double.POSITIVE_INFINITY;
        for (int k = 0; k < y.length; k++) {
            if (Double.isNaN(y[k])) continue;
            if (first < 0) first = k;
            min = Math.min(min, y[k]);
        }
        if (first < 0 || !(y[first] > min)) return null;
        return firstFall(tau, y, min + (1 - q) * (y[first] - min));
    }

    private static Double first(double[] tau, double[] y, double thr, boolean rise) {
        if (tau.length != y.length) throw new IllegalArgumentException("tau and y lengths differ");
        int prev = -1;
        for (int k = 0; k < y.length; k++) {
            if (Double.isNaN(y[k])) continue;
            boolean hit = rise ? y[k] >= thr : y[k] <= thr;
            if (hit) {
                if (prev < 0 || y[k] == y[prev]) return tau[k];
                double w = (thr - y[prev]) / (y[k] - y[prev]);
                if (tau[prev] > 0) {
                    double l0 = Math.log(tau[prev]);
                    return Math.exp(l0 + w * (Math.log(tau[k]) - l0));
                }
                return tau[prev] + w * (tau[k] - tau[prev]);
            }
            prev = k;
        }
        return null;
    }
}
