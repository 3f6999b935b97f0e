package org.diffsweep.core.dynamics;

import java.util.List;

/**
 * Output of {@link RfDynamics#run}: measured per-class times, the curves they were read from, and where the time
 * went.
 *
 * @param classes  per-class times, in spec order
 * @param curves   L_train,c, L_test,c, L_gen,c, E_score,c on the tau grid
 * @param timings  wall time per stage
 * @param p        number of features
 * @param n        training points
 * @param linAlg   the linear-algebra implementation used ({@link org.diffsweep.core.linalg.LinAlg#name()})
 */
public record DynamicsResult(List<MeasuredClassTimes> classes, Curves curves, StageTimings timings, int p, int n,
                             String linAlg) {
    public DynamicsResult {
        classes = List.copyOf(classes);
    }

    /**
     * Wall time per stage, milliseconds.
     *
     * @param featuresMs    W, data and population draws, noise-averaged U_c, V_c, Ũ_c, Ṽ_c, score moments
     * @param eigenMs       eigendecomposition of the pooled U and {@code Q^T V}
     * @param projectionMs  {@code Q^T U_c Q}, {@code Q^T Ũ_c Q} and the Hadamard-weighted matrices (O(p^3) gemms)
     * @param curvesMs      all curves on the tau grid (O(p^2) per tau) and the measured times
     */
    public record StageTimings(double featuresMs, double eigenMs, double projectionMs, double curvesMs) {
        public double totalMs() { return featuresMs + eigenMs + projectionMs + curvesMs; }
    }
}
