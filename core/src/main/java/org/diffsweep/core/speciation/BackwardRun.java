package org.diffsweep.core.speciation;

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
        double[] out = new double[kk];
        for (int j = 0; j < trajectories; j++) {
            for (int k = 0; k < kk; k++) {
                int o = (j * kk + k) * numClasses;
                double s = 0;
                for (int c = 0; c < numClasses; c++) s += (double) posterior[o + c] * posterior[o + c];
                out[k] += s;
            }
        }
        for (int k = 0; k < kk; k++) out[k] /= trajectories;
        return out;
    }

    /**
     * Per-class cloning probability {@code phi_c(t_k) = E[p_c(x_t)^2] / pi_c} (§6.2), flat {@code [c K + k]}.
     *
     * @param priors pi_c
     */
    public double[] phiClass(double[] priors) {
        int kk = times.length;
        double[] out = new double[numClasses * kk];
        for (int j = 0; j < trajectories; j++) {
            for (int k = 0; k < kk; k++) {
                int o = (j * kk + k) * numClasses;
                for (int c = 0; c < numClasses; c++) out[c * kk + k] += (double) posterior[o + c] * posterior[o + c];
            }
        }
        for (int c = 0; c < numClasses; c++) {
            for (int k = 0; k < kk; k++) out[c * kk + k] /= trajectories * priors[c];
        }
        return out;
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
            float[] buf = new float[m];
            for (int k = 0; k < kk; k++) {
                int i = 0;
                for (int j = 0; j < trajectories; j++) {
                    if (labels[j] == c) buf[i++] = posterior[(j * kk + k) * numClasses + c];
                }
                java.util.Arrays.sort(buf);
                out[c * kk + k] = (m % 2 == 1) ? buf[m / 2] : 0.5 * ((double) buf[m / 2 - 1] + buf[m / 2]);
            }
        }
        return out;
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
}
