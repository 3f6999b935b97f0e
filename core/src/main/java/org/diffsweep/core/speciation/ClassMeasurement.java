package org.diffsweep.core.speciation;

/**
 * One measured per-class speciation time (theory §6.2, §12.9): the time t at which, going backward from large t, the
 * median own-class posterior {@code p_c(x_t)} among trajectories ending in c first reaches kappa, with a 95 %
 * confidence interval. Times are OU diffusion times.
 *
 * <p>The interval inverts the distribution-free test for a median: with N effective trajectories and order
 * statistics {@code X_(1) <= ... <= X_(N)} of {@code p_c(x_t)}, l the largest rank with
 * {@code P(Binomial(N, 1/2) <= l - 1) <= 0.025}, {@code [X_(l), X_(N+1-l)]} covers the true median at every t with
 * probability >= 95 %. So {@code ciHi} is the first time at which {@code X_(N+1-l)} reaches kappa and {@code ciLo}
 * the first time at which {@code X_(l)} does; at the true crossing time the event that the interval misses it has
 * probability <= 5 % (the order-statistic curves rise with decreasing t near the crossing).
 *
 * @param tS        the measured crossing; null unless status is OK or TOO_FEW
 * @param ciLo      lower end of the 95 % interval; null when it could not be formed (N < 6) or X_(l) never reaches
 *                  kappa down to t = 0
 * @param ciHi      upper end of the 95 % interval; null when it could not be formed
 * @param effective effective number of trajectories (conditioned: N_c; unconditioned: the number ending in c)
 * @param status    outcome; see {@link MeasurementStatus}
 */
public record ClassMeasurement(Double tS, Double ciLo, Double ciHi, int effective, MeasurementStatus status) {
    /** A class that was not measured, with the given status (PRE_COMMITTED or NOT_SIMULATED). */
    static ClassMeasurement none(MeasurementStatus status) { return new ClassMeasurement(null, null, null, 0, status); }

    /** Half-width of the interval, {@code (ciHi - ciLo) / 2}; NaN when an end is missing. */
    public double halfWidth() {
        return ciLo == null || ciHi == null ? Double.NaN : 0.5 * (ciHi - ciLo);
    }

    /** True when {@code t} lies in {@code [ciLo, ciHi]}. */
    public boolean covers(double t) {
        return ciLo != null && ciHi != null && t >= ciLo && t <= ciHi;
    }
}
