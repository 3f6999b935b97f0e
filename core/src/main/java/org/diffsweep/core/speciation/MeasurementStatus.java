package org.diffsweep.core.speciation;

/** Outcome of a per-class measured speciation time (theory §6.2, §12.9, §12.12). */
public enum MeasurementStatus {
    /** Crossing found with at least {@link SpeciationOptions#minEffective()} effective trajectories. */
    OK,
    /**
     * Fewer than {@link SpeciationOptions#minEffective()} effective trajectories (default 100): whatever was computed
     * (crossing, CI) is reported, but it is not to be trusted as a measurement.
     */
    TOO_FEW,
    /** The median own posterior stays below kappa for every t down to 0. */
    NO_CROSSING,
    /** The median own posterior is already at kappa at the largest time examined (the crossing lies beyond it). */
    CENSORED,
    /** pi_c >= kappa: committed from the start, not measured (§12.12). */
    PRE_COMMITTED,
    /** No simulation was run. */
    NOT_SIMULATED
}
