package org.diffsweep.core.point;

/**
 * Everything diffsweep reports for one class of one grid point. A quantity that was not computed, or whose
 * threshold was never reached, is {@code null}: never zero, never made up.
 *
 * <p>Times: {@code tau*} are training times in paper units (theory §12.1), {@code tS}, {@code tC} are diffusion
 * (OU) times.
 *
 * @param name          class name
 * @param weight        prior pi_c
 * @param nTrain        training points n_c
 * @param tauGen        measured generalization time: half-drop of E_score,c (§12.6)
 * @param tauMem        measured memorization time: first tau with L_gen,c >= deltaGen (§12.6)
 * @param window        tauMem - tauGen (negative: memorized before learned)
 * @param ambiguous     true when a per-class curve crossed its threshold more than once (§12.8)
 * @param tauGenPred    predicted tau_gen,c from class-resolved weights of the sampled pooled U (w, §5.3(3))
 * @param tauMemPred    predicted tau_mem,c from the same (w)
 * @param tauGenPredCw  predicted tau_gen,c from the spectrum of the sampled (n_c/n) U_c alone (cw)
 * @param tauMemPredCw  predicted tau_mem,c from the same (cw)
 * @param memEdgeLo     lower edge (2 % quantile) of the class's memorization sub-bulk, asymptotic theory (§5.4,
 *                      eigenvalue units of U)
 * @param memEdgeHi     upper edge (98 % quantile) of the same
 * @param tauGenTheory  predicted tau_gen,c from the asymptotic class-resolved spectrum of the reduced saddle point
 *                      (§5.4, the theory counterpart of w)
 * @param tauMemTheory  predicted tau_mem,c = psi_p / (Delta_t memEdgeLo) from the same
 * @param tS            per-class speciation time t_S^(c)(kappa), closed form / bisection (§6.2); null if pre-committed
 * @param tSMeasured    per-class speciation time measured by backward simulation (§6.2)
 * @param preCommitted  true when pi_c >= kappa (§12.12)
 * @param tC            per-class collapse time t_C^(c) (§6.2)
 */
public record ClassResult(String name, double weight, int nTrain,
                          Double tauGen, Double tauMem, Double window, boolean ambiguous,
                          Double tauGenPred, Double tauMemPred, Double tauGenPredCw, Double tauMemPredCw,
                          Double memEdgeLo, Double memEdgeHi, Double tauGenTheory, Double tauMemTheory,
                          Double tS, Double tSMeasured, Boolean preCommitted, Double tC) {
}
