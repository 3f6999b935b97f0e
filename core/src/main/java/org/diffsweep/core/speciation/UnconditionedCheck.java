package org.diffsweep.core.speciation;

import java.util.List;

/**
 * The one unconditioned backward run kept per point as the mixture-level check (theory §6.2): N trajectories of the
 * mixture's backward SDE (or ODE) with the exact score, started from P_T and simulated in the reduced coordinates of
 * {@link ReducedSimulator}. With the exact score the final class fractions are Binomial(N, pi_c)/N and the posterior
 * is a martingale, {@code E[p_c(x_t)] = pi_c} at every t; both are reported as z-scores. Each class is also measured
 * from this run alone ({@link MeasurementScheme#UNCONDITIONED}, about pi_c N effective trajectories), to be set
 * against its theory value.
 *
 * @param trajectories   N
 * @param steps          Euler steps from T to 0
 * @param integrator     SDE or ODE
 * @param horizon        T
 * @param maxFractionZ   {@code max_c |f_c - pi_c| / sqrt(pi_c (1 - pi_c) / N)}, f_c the final fraction
 * @param maxMartingaleZ {@code max_{c,k} |mean_j p_c(x_j(t_k)) - pi_c| / sqrt(pi_c (1 - pi_c) / N)} over recorded
 *                       times: against the largest standard error a mean of [0, 1] values with mean pi_c can have
 *                       (conservative at large t, where the posteriors vary little)
 * @param classes        the per-class unconditioned measurements, in class order
 * @param covered        per class: the theory value ({@link ClassSpeciation#reference()}) lies in the unconditioned
 *                       95 % interval; null when either is missing or the class has fewer than
 *                       {@link SpeciationOptions#minEffective()} trajectories
 */
public record UnconditionedCheck(int trajectories, int steps, Integrator integrator, double horizon,
                                 double maxFractionZ, double maxMartingaleZ, List<ClassMeasurement> classes,
                                 List<Boolean> covered) {
    /** z-score limit of {@link #consistent()}: 4 (two-sided probability 6e-5 per score under the exact law). */
    public static final double Z_LIMIT = 4;

    public UnconditionedCheck {
        classes = List.copyOf(classes);
        covered = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(covered));
    }

    /** Final fractions and posterior means agree with the priors within {@link #Z_LIMIT} standard errors. */
    public boolean consistent() { return maxFractionZ <= Z_LIMIT && maxMartingaleZ <= Z_LIMIT; }
}
