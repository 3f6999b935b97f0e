package org.diffsweep.core.dynamics;

/**
 * Threshold crossings on a log tau grid (theory §12.6, §12.13): the first crossing is interpolated linearly in
 * log tau between the grid points that bracket it, and every crossing is counted so that curves crossing more than
 * once can be flagged ambiguous (§12.8).
 */
public final class MeasuredTimes {
    private MeasuredTimes() {}

    /**
     * Per-class times from the curves: tau_gen from the half-drop of {@code score} (with {@code score0} its value
     * at tau = 0) and tau_mem from {@code gen >= deltaGen}.
     */
    public static MeasuredClassTimes of(String name, double[] tau, double[] score, double score0, double[] gen,
                                double deltaGen) {
        double min = Double.POSITIVE_INFINITY;
        int argMin = 0;
        for (int k = 0; k < score.length; k++) {
            if (score[k] < min) {
                min = score[k];
                argMin = k;
            }
        }
        double half = min + 0.5 * (score0 - min);
        // The descent phase only: after its minimum E_score,c rises again with memorisation, which is tau_mem's
        // business, so crossings of the half-drop level are counted up to the minimum.
        double[] neg = new double[argMin + 1];
        for (int k = 0; k < neg.length; k++) neg[k] = -score[k];
        Double tauGen = firstUpCrossing(tau, neg, -half);
        int genX = crossings(neg, -half);
        Double tauMem = firstUpCrossing(tau, gen, deltaGen);
        int memX = crossings(gen, deltaGen);
        Double window = tauGen != null && tauMem != null ? tauMem - tauGen : null;
        return new MeasuredClassTimes(name, tauGen, tauMem, window, genX > 1 || memX > 1, genX, memX, score0, min);
    }

    /**
     * First tau at which {@code f >= level}, interpolated in log tau between the last grid point below and the
     * first at or above the level. Null when f never reaches it, or already does at the first grid point (the
     * crossing is then not resolved by the grid).
     */
    public static Double firstUpCrossing(double[] tau, double[] f, double level) {
        if (f.length == 0 || f[0] >= level) return null;
        for (int k = 1; k < f.length; k++) {
            if (f[k] >= level) {
                double a = Math.log(tau[k - 1]), b = Math.log(tau[k]);
                double w = (level - f[k - 1]) / (f[k] - f[k - 1]);
                return Math.exp(a + w * (b - a));
            }
        }
        return null;
    }

    /** Number of grid intervals on which f passes from one side of the level ({@code f >= level} or not) to the other. */
    public static int crossings(double[] f, double level) {
        int n = 0;
        for (int k = 1; k < f.length; k++) {
            if ((f[k] >= level) != (f[k - 1] >= level)) n++;
        }
        return n;
    }
}
