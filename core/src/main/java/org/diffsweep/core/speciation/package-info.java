/**
 * Speciation and collapse during backward diffusion (theory §1, §6, §12.9, §12.12).
 *
 * <ul>
 *   <li>{@link org.diffsweep.core.speciation.SpeciationTheory}: global {@code t_S = ½ log Λ} (§6.1–6.2), its
 *       exact-SNR form, per-class {@code t_S^(c)(kappa)} (equal-variance closed form or bracketing root of the mean
 *       log-odds, §6.2), per-class collapse {@code t_C^(c)} (§6.2).</li>
 *   <li>{@link org.diffsweep.core.speciation.PosteriorQuadrature}: deterministic class-conditional expectations of
 *       posterior functionals (mean log-odds, cloning probabilities) for any C-class isotropic mixture.</li>
 *   <li>{@link org.diffsweep.core.speciation.BackwardSimulator}: the backward SDE (Euler–Maruyama) or
 *       probability-flow ODE with the exact mixture score, vectorised over trajectories, recording every class
 *       posterior.</li>
 *   <li>{@link org.diffsweep.core.speciation.Speciation}: the entry point, {@code analyse} and
 *       {@code closedForm}.</li>
 * </ul>
 *
 * All times are OU diffusion times t (§12.1); backward runs go from t = T down to t = 0.
 */
package org.diffsweep.core.speciation;
