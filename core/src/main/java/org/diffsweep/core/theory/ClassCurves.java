package org.diffsweep.core.theory;

import org.diffsweep.core.dynamics.MeasuredClassTimes;

/**
 * The asymptotic learning curves of one class on the point's tau grid (docs/theory-curves.md; losses divided by d,
 * tau in paper units, theory §12.1) and the times read off them by the same rule as the measured ones
 * ({@link org.diffsweep.core.dynamics.MeasuredTimes}, theory §12.6, §12.13).
 *
 * @param name        class name
 * @param trainLoss   L_train,c(tau) on the n_c training points of class c
 * @param testLoss    L_test,c(tau) on fresh class-c data
 * @param genLoss     L_gen,c = L_test,c - L_train,c
 * @param scoreError  E_score,c(tau) = 1/Gamma_c^2 + (L_test,c - 1)/Delta_t
 * @param times       tauGen (half-drop of E_score,c) and tauMem (first tau with L_gen,c >= deltaGen) of these
 *                    curves, with crossing counts; {@code scoreAtZero = 1/Gamma_c^2}
 */
public record ClassCurves(String name, double[] trainLoss, double[] testLoss, double[] genLoss, double[] scoreError,
                          MeasuredClassTimes times) {

    /** tau_gen,c of the asymptotic curves (null when not reached inside the grid). */
    public Double tauGenAsym() { return times.tauGen(); }

    /** tau_mem,c of the asymptotic curves (null when not reached inside the grid). */
    public Double tauMemAsym() { return times.tauMem(); }
}
