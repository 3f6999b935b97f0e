package org.diffsweep.core.speciation;

/**
 * Speciation and collapse of one class (theory §6.2, §12.9, §12.12). Times are OU diffusion times; null means
 * "not computed" or "no finite value" as stated per field.
 *
 * @param name          class name
 * @param weight        prior pi_c
 * @param nTrain        training points n_c (PointParams.classSize)
 * @param preCommitted  pi_c >= kappa (§12.12): no t_S^(c), neither predicted nor measured
 * @param tS            t_S^(c)(kappa), closed form or bisection; null when pre-committed or never reached
 * @param method        how tS was obtained
 * @param tSMeasured    measured t_S^(c) from the backward simulation; null when not simulated, pre-committed, no
 *                      trajectory ended in c, or the median own posterior never reached kappa
 * @param tC            collapse time t_C^(c); null when n_c = 1 (collapsed at every t)
 * @param finalFraction fraction of simulated trajectories ending in c; null when not simulated
 */
public record ClassSpeciation(String name, double weight, int nTrain, boolean preCommitted, Double tS,
                              SpeciationTheory.Method method, Double tSMeasured, Double tC, Double finalFraction) {
}
