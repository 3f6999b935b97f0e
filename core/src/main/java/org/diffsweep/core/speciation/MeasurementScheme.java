package org.diffsweep.core.speciation;

/** How the trajectories behind a measured per-class speciation time were sampled. */
public enum MeasurementScheme {
    /**
     * Conditioned on the final class: given that a backward trajectory ends in class c, its state at time t is exactly
     * {@code N(e^{-t} mu_c, Gamma_{c,t} I)} (theory §6.2, the backward process is the reverse of the forward one), so
     * N_c class-c trajectories are drawn from that law, every class gets its own N_c whatever pi_c, and all have
     * weight 1 (effective number = N_c). See {@link ConditionedSampler}.
     */
    CONDITIONED,
    /**
     * Unconditioned: trajectories of the mixture's backward SDE / ODE started from P_T, class c read off the final
     * label; a class is seen by about pi_c N trajectories (effective number = how many ended in c).
     */
    UNCONDITIONED
}
