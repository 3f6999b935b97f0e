/**
 * Speciation and collapse during backward diffusion (theory §1, §6, §12.9, §12.12); docs/speciation.md.
 *
 * <ul>
 *   <li>{@link org.diffsweep.core.speciation.SpeciationTheory}: global {@code t_S = ½ log Λ} (§6.1–6.2), its
 *       exact-SNR form, per-class {@code t_S^(c)(kappa)} (equal-variance closed form or bracketing root of the mean
 *       log-odds, §6.2), per-class collapse {@code t_C^(c)} (§6.2).</li>
 *   <li>{@link org.diffsweep.core.speciation.MedianTheory}: the exact median time of a two-class mixture, the
 *       quantity the measurement estimates (equal to the mean-log-odds root for equal variances only).</li>
 *   <li>{@link org.diffsweep.core.speciation.PosteriorQuadrature}: deterministic class-conditional expectations of
 *       posterior functionals (mean log-odds, cloning probabilities) for any C-class isotropic mixture.</li>
 *   <li>{@link org.diffsweep.core.speciation.ReducedSimulator}: the backward SDE (Euler–Maruyama) or
 *       probability-flow ODE with the exact mixture score in the exact reduced coordinates (y, R), cost per step
 *       independent of d; the production simulator. {@link org.diffsweep.core.speciation.BackwardSimulator} is the
 *       full d-dimensional reference it is tested against.</li>
 *   <li>{@link org.diffsweep.core.speciation.ConditionedSampler} (package-private): the per-class measurement
 *       with trajectories conditioned on their final class, and its 95 % interval
 *       ({@link org.diffsweep.core.speciation.ClassMeasurement}, {@link org.diffsweep.core.speciation.MeasurementStatus},
 *       {@link org.diffsweep.core.speciation.MeasurementScheme}).</li>
 *   <li>{@link org.diffsweep.core.speciation.Speciation}: the entry point, {@code analyse} and
 *       {@code closedForm}; {@link org.diffsweep.core.speciation.UnconditionedCheck} is its mixture-level check.</li>
 * </ul>
 *
 * All times are OU diffusion times t (§12.1); backward runs go from t = T down to t = 0.
 */
package org.diffsweep.core.speciation;
