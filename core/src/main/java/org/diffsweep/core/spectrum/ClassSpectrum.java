package org.diffsweep.core.spectrum;

/**
 * Predicted per-class spectral quantities of one class from the reduced saddle point (theory §5.3(3), §5.4, §12.7),
 * using the class-resolved density {@code rho_c(lambda) = Im T_c(lambda + i0) / (pi lambda)} (see
 * {@link ReducedSystem}), the analytic counterpart of the weights w_c(k) of the sampled U. Eigenvalues in units of U,
 * times in paper units tau = psi_p / (Delta_t lambda). A quantity that does not exist is NaN.
 *
 * @param name               class name
 * @param memMass            mass of rho_c on all memorization bulks (cluster included)
 * @param genMass            mass of rho_c on the generalization bulk
 * @param memEdgeLo          2 % quantile of rho_c on the main memorization bulk rho_1
 * @param memEdgeHi          98 % quantile of rho_c on rho_1
 * @param memEdgeLoAll       2 % quantile of rho_c on all memorization bulks (small cluster included)
 * @param genHarmonicMean    rho_c-weighted harmonic mean of lambda on the generalization bulk
 * @param tauMemEdge         psi_p / (Delta_t memEdgeLo)
 * @param tauMemEdgeAll      psi_p / (Delta_t memEdgeLoAll) (counts the small cluster, §11 question 7)
 * @param tauGenEdge         psi_p / (Delta_t genHarmonicMean)
 * @param memEdgeLoAsym      asymptotic sub-bulk edge s̄^2 + v_c^2 (sqrt(psi_p/psi_n) - sqrt(pi_c))^2 (§5.4)
 * @param memEdgeHiAsym      asymptotic sub-bulk edge s̄^2 + v_c^2 (sqrt(psi_p/psi_n) + sqrt(pi_c))^2 (§5.4)
 * @param tauMemEdgeCw       (cw) from the spectrum of (n_c/n) U_c alone: pi_c times the one-class spectrum with
 *                           psi_n -> pi_c psi_n; psi_p / (Delta_t x 2 % quantile of its rho_1)
 * @param tauGenEdgeCw       (cw) psi_p / (Delta_t x harmonic mean of its generalization part)
 * @param cwMerged           (cw) its bulks are merged, or n_c <= d
 */
public record ClassSpectrum(String name, double memMass, double genMass,
                            double memEdgeLo, double memEdgeHi, double memEdgeLoAll, double genHarmonicMean,
                            double tauMemEdge, double tauMemEdgeAll, double tauGenEdge,
                            double memEdgeLoAsym, double memEdgeHiAsym,
                            double tauMemEdgeCw, double tauGenEdgeCw, boolean cwMerged) {

    /** A copy with the (cw) predictions set. */
    public ClassSpectrum withCw(double tauMemCw, double tauGenCw, boolean merged) {
        return new ClassSpectrum(name, memMass, genMass, memEdgeLo, memEdgeHi, memEdgeLoAll, genHarmonicMean,
                tauMemEdge, tauMemEdgeAll, tauGenEdge, memEdgeLoAsym, memEdgeHiAsym, tauMemCw, tauGenCw, merged);
    }
}
