package org.diffsweep.core.speciation;

/**
 * Speciation and collapse of one class (theory §6.2, §12.9, §12.12). Times are OU diffusion times; null means
 * "not computed" or "no finite value" as stated per field.
 *
 * @param name                  class name
 * @param weight                prior pi_c
 * @param nTrain                training points n_c (PointParams.classSize)
 * @param preCommitted          pi_c >= kappa (§12.12): no t_S^(c), neither predicted nor measured
 * @param tS                    t_S^(c)(kappa) from the mean log-odds, {@code E[l_c | c] = logit kappa}: closed form
 *                              or bisection; null when pre-committed or never reached
 * @param method                how tS was obtained
 * @param tSExactMedian         the exact median time, {@code P(p_c >= kappa | c) = 1/2} ({@link MedianTheory}): the
 *                              quantity the measurement estimates, equal to tS for two classes of equal variance;
 *                              null when pre-committed, never reached, or C > 2 (not computed)
 * @param tSMeasured            measured t_S^(c): median own posterior among trajectories ending in c reaches kappa
 *                              (see {@code scheme}); null when not simulated, pre-committed, not reached or censored
 * @param tSMeasuredCiLo        lower end of the 95 % confidence interval of tSMeasured ({@link ClassMeasurement})
 * @param tSMeasuredCiHi        upper end of the 95 % confidence interval of tSMeasured
 * @param effectiveTrajectories effective number of trajectories behind tSMeasured (CONDITIONED: N_c drawn for this
 *                              class; UNCONDITIONED: the number ending in c); 0 when not measured
 * @param measurementStatus     outcome of the measurement; TOO_FEW below {@link SpeciationOptions#minEffective()}
 *                              effective trajectories (default 100)
 * @param scheme                how the trajectories behind tSMeasured were sampled; null when not simulated
 * @param tC                    collapse time t_C^(c); null when n_c = 1 (collapsed at every t)
 * @param finalFraction         fraction of the unconditioned check run's trajectories ending in c; null when not
 *                              simulated
 */
public record ClassSpeciation(String name, double weight, int nTrain, boolean preCommitted, Double tS,
                              SpeciationTheory.Method method, Double tSExactMedian, Double tSMeasured,
                              Double tSMeasuredCiLo, Double tSMeasuredCiHi, int effectiveTrajectories,
                              MeasurementStatus measurementStatus, MeasurementScheme scheme, Double tC,
                              Double finalFraction) {
    /** The theory value the measurement is compared with: tSExactMedian when computed, else tS. */
    public Double reference() { return tSExactMedian != null ? tSExactMedian : tS; }

    /** The measurement as one record. */
    public ClassMeasurement measurement() {
        return new ClassMeasurement(tSMeasured, tSMeasuredCiLo, tSMeasuredCiHi, effectiveTrajectories, measurementStatus);
    }
}
