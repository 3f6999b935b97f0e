package org.diffsweep.core.speciation;

import java.util.List;

/**
 * Speciation analysis of one mixture (theory §6, §12.9). Times are OU diffusion times.
 *
 * @param lambda          top eigenvalue Λ of the centred data covariance (§6.2)
 * @param tS              global speciation time ½ log Λ (§6.1–6.2)
 * @param tSExactSnr      exact-SNR form ½ log(Λ_mu + 1 - sigma^2) (§6.1); null unless all variances are equal and
 *                        it is positive
 * @param kappa           posterior level of the per-class times
 * @param classes         per-class results, in the mixture's class order
 * @param run             the unconditioned check run ({@link ReducedSimulator}), null when not simulated
 * @param phi             measured cloning probability phi(t_k) at {@code run.times()} (§6.2), null when not simulated
 * @param phiClass        measured phi_c(t_k), flat {@code [c K + k]}, null when not simulated
 * @param check           the mixture-level check of the unconditioned run, null when not simulated
 * @param closedFormNanos wall time of the closed-form / bisection / exact-median part
 * @param simulationNanos wall time of all simulation and read-out, check run and conditioned measurement (0 when
 *                        not simulated)
 * @param conditionedNanos the conditioned measurement's part of simulationNanos
 */
public record SpeciationResult(double lambda, double tS, Double tSExactSnr, double kappa,
                               List<ClassSpeciation> classes, BackwardRun run, double[] phi, double[] phiClass,
                               UnconditionedCheck check, long closedFormNanos,
                               long simulationNanos, long conditionedNanos) {
    public SpeciationResult {
        classes = List.copyOf(classes);
    }

    /**
     * Median own-class posterior among the check run's trajectories ending in c, flat {@code [c K + k]} (computed on
     * demand from {@link #run()}); null when not simulated.
     */
    public double[] medianOwn() { return run == null ? null : run.medianOwnPosterior(); }

    /** Measured phi linearly interpolated at time t (within the recorded range). */
    public double phiAt(double t) {
        if (run == null) throw new IllegalStateException("not simulated");
        return Speciation.interpolate(run.times(), phi, 0, t);
    }

    /** Measured phi_c linearly interpolated at time t. */
    public double phiClassAt(int c, double t) {
        if (run == null) throw new IllegalStateException("not simulated");
        return Speciation.interpolate(run.times(), phiClass, c * run.recorded(), t);
    }
}
