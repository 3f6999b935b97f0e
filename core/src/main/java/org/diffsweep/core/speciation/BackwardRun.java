package org.diffsweep.core.speciation;

import org.apache.commons.math3.util.KthSelector;

/**
 * Result of {@link BackwardSimulator#run}: N trajectories integrated from t = T down to 0 with the exact mixture
 * score, every class posterior recorded along each trajectory at {@code times} (descending, {@code times[K-1] = 0}).
 * Flat arrays: {@code posterior[(j K + k) C + c]} is {@code p_c(x_j(t_k), t_k)} (float), class-major curves are
 * {@code [c K + k]}. Arrays are owned by the record; callers must not modify them.
 *
 * @param integrator   SDE (Euler–Maruyama) or probability-flow ODE
 * @param horizon      T
 * @param steps        number of integration steps (h = T / steps)
 * @param trajectories N
 * @param numClasses   C
 * @param times        recorded times, length K, from T down to 0
 * @param posterior    N x K x C own-and-other class posteriors (float)
 * @param labels       final class of each trajectory, drawn from its posterior at t = 0 (argmax when separated)
 * @param nanos        wall time of the integration in nanoseconds
 */
public record BackwardRun(Integrator integrator, double horizon, int steps, int trajectories, int numClasses,
                          double[] times, float[] posterior, int[] labels, long nanos) {

    /** Number of recorded times K. */
    public int recorded() { return times.length; }

    /** {@code p_c} of trajectory j at recorded time index k. */
    public double posterior(int j, int k, int c) {
        return posterior[(j * times.length + k) * numClasses + c];
    }

    /** Number of trajectories whose final class is c. */
    public int finalCount(int c) {
        int n = 0;
        for (int l : labels) if (l == c) n++;
        return n;
    }

    /**
     * Cloning probability from the martingale identity {@code phi(t_k) = E[sum_c p_c(x_t)^2]} (§6.2): the sample mean
     * over trajectories, length K.
     */
    public double[] phi() {
        int kk = times.length;
        double[] sq = moments()[1];
        double[] out = new double[kk];
        for (int k = 0; k < kk; k++) {
            double s = 0;
            for (int c = 0; c < numClasses; c++) s += sq[c * kk + k];
            out[k] = s / trajectories;
        }
        return out;
    }

    /**
     * Per-class cloning probability {@code phi_c(t_k) = E[p_c(x_t)^2] / pi_c} (§6.2), flat {@code [c K + k]}.
     *
     * @param priors pi_c
     */
    public double[] phiClass(double[] priors) {
        return phiClass(priors, moments());
    }

    /** As {@link #phiClass(double[])} from the sums of {@link #moments()}. */
    double[] phiClass(double[] priors, double[][] moments) {
        int kk = times.length;
        double[] out = moments[1].clone();
        for (int c = 0; c < numClasses; c++) {
            for (int k = 0; k < kk; k++) out[c * kk + k] /= trajectories * priors[c];
        }
        return out;
    }

    /** {@code phi(t_k)} from the sums of {@link #moments()}. */
    double[] phi(double[][] moments) {
        int kk = times.length;
        double[] out = new double[kk];
        for (int k = 0; k < kk; k++) {
            double s = 0;
            for (int c = 0; c < numClasses; c++) s += moments[1][c * kk + k];
            out[k] = s / trajectories;
        }
        return out;
    }

    /**
     * Sums over trajectories of {@code p_c} and {@code p_c^2} at each recorded time, flat {@code [c K + k]}: one pass
     * over the posteriors in storage order ({@code [0]} the sums, {@code [1]} the sums of squares).
     */
    double[][] moments() {
        int kk = times.length;
        double[] s1 = new double[numClasses * kk], s2 = new double[numClasses * kk];
        for (int j = 0; j < trajectories; j++) {
            for (int k = 0; k < kk; k++) {
                int o = (j * kk + k) * numClasses;
                for (int c = 0; c < numClasses; c++) {
                    double p = posterior[o + c];
                    s1[c * kk + k] += p;
                    s2[c * kk + k] += p * p;
                }
            }
        }
        return new double[][] {s1, s2};
    }

    /**
     * Median own-class posterior among trajectories whose final class is c, at each recorded time: flat
     * {@code [c K + k]}; NaN for a class no trajectory ended in.
     */
    public double[] medianOwnPosterior() {
        int kk = times.length;
        double[] out = new double[numClasses * kk];
        for (int c = 0; c < numClasses; c++) {
            int m = finalCount(c);
            if (m == 0) {
                java.util.Arrays.fill(out, c * kk, (c + 1) * kk, Double.NaN);
                continue;
            }
            double[] buf = new double[m];
            KthSelector sel = new KthSelector();
            for (int k = 0; k < kk; k++) {
                gather(c, k, buf);
                double hi = sel.select(buf, null, m / 2);
                out[c * kk + k] = (m % 2 == 1) ? hi : 0.5 * (sel.select(buf, null, m / 2 - 1) + hi);
            }
        }
        return out;
    }

    /** Own posteriors {@code p_c} at recorded time k of the trajectories ending in c, in trajectory order. */
    private void gather(int c, int k, double[] buf) {
        int kk = times.length, i = 0;
        for (int j = 0; j < trajectories; j++) {
            if (labels[j] == c) buf[i++] = posterior[(j * kk + k) * numClasses + c];
        }
    }

    /**
     * Measured t_S^(c) (§6.2): going backward from T, the first time at which the median own-class posterior of class
     * c reaches kappa, linearly interpolated between recorded times. Null when the class is pre-committed
     * ({@code pi_c >= kappa}, §12.12), when no trajectory ended in c, or when the median never reaches kappa; T itself
     * when the median is already at kappa at T (horizon too short: the crossing is censored).
     *
     * @param median the output of {@link #medianOwnPosterior()}
     */
    public Double measuredTs(double[] median, int c, double prior, double kappa) {
        if (prior >= kappa) return null;
        int kk = times.length;
        for (int k = 0; k < kk; k++) {
            double v = median[c * kk + k];
            if (Double.isNaN(v)) return null;
            if (v >= kappa) {
                if (k == 0) return times[0];
                double u = median[c * kk + k - 1];
                double f = (kappa - u) / (v - u);
                return times[k - 1] + f * (times[k] - times[k - 1]);
            }
        }
        return null;
    }

    /**
     * The unconditioned measurement of class c ({@link MeasurementScheme#UNCONDITIONED}): among the N_c trajectories
     * whose final class is c, the first time going backward at which the median own posterior reaches kappa (the
     * crossing of {@link #measuredTs}), and the 95 % interval of {@link ClassMeasurement} from the order statistics
     * {@code X_(l)} and {@code X_(N_c+1-l)}, each crossing interpolated linearly between recorded times. A crossing
     * already reached at T is censored ({@link MeasurementStatus#CENSORED}).
     *
     * @param minEffective below this N_c the status is {@link MeasurementStatus#TOO_FEW}
     */
    public ClassMeasurement measure(int c, double prior, double kappa, int minEffective) {
        if (prior >= kappa) return ClassMeasurement.none(MeasurementStatus.PRE_COMMITTED);
        int m = finalCount(c);
        if (m == 0) return new ClassMeasurement(null, null, null, 0, MeasurementStatus.TOO_FEW);
        float[] own = own(c, m);
        double tMed = medianCrossing(own, m, kappa);
        if (Double.isNaN(tMed)) return new ClassMeasurement(null, null, null, m, MeasurementStatus.NO_CROSSING);
        if (Double.isInfinite(tMed)) return new ClassMeasurement(null, null, null, m, MeasurementStatus.CENSORED);
        int l = MedianRanks.lower(m);
        Double ciLo = null, ciHi = null;
        boolean censored = false;
        if (l > 0) {
            double a = orderCrossing(own, m, l, kappa), b = orderCrossing(own, m, m + 1 - l, kappa);
            ciLo = Double.isFinite(a) ? a : null;
            ciHi = Double.isFinite(b) ? b : null;
            censored = Double.isInfinite(b);
        }
        MeasurementStatus st = censored ? MeasurementStatus.CENSORED
                : (m < minEffective ? MeasurementStatus.TOO_FEW : MeasurementStatus.OK);
        return new ClassMeasurement(tMed, ciLo, ciHi, m, st);
    }

    /** Own posteriors of the m trajectories ending in c, time-major: {@code [k m + i]}. */
    private float[] own(int c, int m) {
        int kk = times.length;
        float[] out = new float[kk * m];
        int i = 0;
        for (int j = 0; j < trajectories; j++) {
            if (labels[j] != c) continue;
            int o = j * kk * numClasses + c;
            for (int k = 0; k < kk; k++) out[k * m + i] = posterior[o + k * numClasses];
            i++;
        }
        return out;
    }

    /** Number of entries of {@code own} at recorded time k that are at least kappa. */
    private static int committed(float[] own, int m, int k, double kappa) {
        int cnt = 0;
        for (int i = k * m, e = i + m; i < e; i++) cnt += own[i] >= kappa ? 1 : 0;
        return cnt;
    }

    /** The crossing of {@link #measuredTs}, found by counting; the median is selected only where counts are tied. */
    private double medianCrossing(float[] own, int m, double kappa) {
        int kk = times.length;
        double[] buf = new double[m];
        KthSelector sel = new KthSelector();
        for (int k = 0; k < kk; k++) {
            int cnt = committed(own, m, k, kappa);
            // the median is >= kappa surely when X_(floor(m/2)) is (cnt >= floor(m/2) + 1), surely not when
            // X_(floor(m/2)+1) is below (cnt < ceil(m/2)); in between (m even, tie) select
            boolean reached;
            if (cnt >= m / 2 + 1) reached = true;
            else if (cnt < (m + 1) / 2) reached = false;
            else reached = medianAt(own, k, m, buf, sel) >= kappa;
            if (reached) {
                if (k == 0) return Double.POSITIVE_INFINITY;
                double u = medianAt(own, k - 1, m, buf, sel), v = medianAt(own, k, m, buf, sel);
                double f = (kappa - u) / (v - u);
                return times[k - 1] + f * (times[k] - times[k - 1]);
            }
        }
        return Double.NaN;
    }

    /** The median of {@code own} at recorded time k (mean of the middle two, m even). */
    private static double medianAt(float[] own, int k, int m, double[] buf, KthSelector sel) {
        for (int i = 0; i < m; i++) buf[i] = own[k * m + i];
        double hi = sel.select(buf, null, m / 2);
        return (m % 2 == 1) ? hi : 0.5 * (sel.select(buf, null, m / 2 - 1) + hi);
    }

    /**
     * {@link #crossing} of the curve of the order statistic {@code X_(i)} (1-based, ascending) of p_c among the m
     * trajectories ending in c: the first recorded time with at least {@code m + 1 - i} of them at kappa or above
     * (a count, no sorting), then the two bracketing values by selection.
     */
    private double orderCrossing(float[] own, int m, int i, double kappa) {
        int kk = times.length, need = m + 1 - i;
        for (int k = 0; k < kk; k++) {
            if (committed(own, m, k, kappa) >= need) {
                if (k == 0) return Double.POSITIVE_INFINITY;
                double[] buf = new double[m];
                KthSelector sel = new KthSelector();
                for (int r = 0; r < m; r++) buf[r] = own[(k - 1) * m + r];
                double u = sel.select(buf, null, i - 1);
                for (int r = 0; r < m; r++) buf[r] = own[k * m + r];
                double v = sel.select(buf, null, i - 1);
                double f = (kappa - u) / (v - u);
                return times[k - 1] + f * (times[k] - times[k - 1]);
            }
        }
        return Double.NaN;
    }

    /**
     * First time, going backward over the descending {@code times}, at which {@code curve} reaches kappa, linearly
     * interpolated between recorded times; NaN when never, +infinity when already at kappa at {@code times[0]}.
     */
    static double crossing(double[] times, double[] curve, double kappa) {
        for (int k = 0; k < times.length; k++) {
            double v = curve[k];
            if (Double.isNaN(v)) return Double.NaN;
            if (v >= kappa) {
                if (k == 0) return Double.POSITIVE_INFINITY;
                double u = curve[k - 1];
                double f = (kappa - u) / (v - u);
                return times[k - 1] + f * (times[k] - times[k - 1]);
            }
        }
        return Double.NaN;
    }
}
