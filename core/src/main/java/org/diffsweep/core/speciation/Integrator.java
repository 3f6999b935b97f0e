package org.diffsweep.core.speciation;

/** Discretisation of the backward dynamics (theory §1), step h going from t to t - h. */
public enum Integrator {
    /** Euler–Maruyama for the backward SDE: {@code x <- x + h [x + 2 s(x,t)] + sqrt(2h) zeta}. */
    SDE,
    /** Euler for the probability-flow ODE: {@code x <- x + h [x + s(x,t)]} (same marginals, no noise). */
    ODE
}
