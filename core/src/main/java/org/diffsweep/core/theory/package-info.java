/**
 * Asymptotic (d, p, n → ∞ at fixed psi_p, psi_n, pi_c) per-class learning curves of the random-features score model
 * and the per-class times read off them (issue "theory that predicts the measured times"; science in
 * docs/theory-curves.md). From the reduced saddle point of theory §5.4 ({@link org.diffsweep.core.spectrum}) it
 * computes, under the closed-form gradient flow of theory §2.3 and with the per-class losses of §5.3(2),
 * L_train,c(tau), L_test,c(tau), L_gen,c(tau) and E_score,c(tau) on the point's tau grid, and tauGenAsym /
 * tauMemAsym with the same threshold rules as the measured times (§12.6, §12.13).
 *
 * <p>The method: conditional on W the Gaussian-equivalent U is a sample covariance plus a deterministic shift, both
 * polynomials in {@code W W^T/d}; one-resolvent traces are the saddle-point unknowns q and s, and the two-resolvent
 * traces that the quadratic loss terms need follow from a leave-one-out expansion as a C x C linear system
 * ({@link org.diffsweep.core.theory.TwoResolventKernel}); the losses are then double integrals over the spectrum
 * ({@link org.diffsweep.core.theory.AsymptoticCurves}). Units: losses divided by d, tau in paper units (§12.1),
 * eigenvalues in units of U.
 */
package org.diffsweep.core.theory;
