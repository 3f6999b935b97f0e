/**
 * The analytic side of a grid point (theory §3–4, §5.3(3)–5.5, §12.7, §12.11): per-class Gaussian-equivalence
 * coefficients by quadrature ({@link org.diffsweep.core.spectrum.ClassCoefficients}), the Stieltjes-transform
 * saddle-point equations of the random-features matrix U (general (E1)–(E3) for a covariance given as atoms, the
 * isotropic two-unknown reduction, and the C-class reduced system of §5.4) solved by continuation in the imaginary
 * part ({@link org.diffsweep.core.spectrum.StieltjesSolver}), the density, its bulks and the predicted per-class times
 * ({@link org.diffsweep.core.spectrum.SpectrumSolver} → {@link org.diffsweep.core.spectrum.SpectrumResult}), and the
 * class-resolved spectra of a sampled U in the two definitions (w) and (cw)
 * ({@link org.diffsweep.core.spectrum.ClassResolvedSpectrum}).
 *
 * <p>Eigenvalues are in the units of U (features are tanh outputs, U = (1/n) sum E_xi phi phi^T); times are paper
 * training times tau = psi_p / (Delta_t lambda) (§2.3, §12.1, §12.7).
 */
package org.diffsweep.core.spectrum;
