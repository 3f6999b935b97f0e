package org.diffsweep.core.spectrum;

/**
 * One bulk of the asymptotic density of U: a maximal interval [lo, hi] where rho > 0 (support test of §12.11), with
 * its mass (fraction of the p eigenvalues). Eigenvalue units of U.
 *
 * @param lo    lower edge
 * @param hi    upper edge
 * @param mass  integral of rho over [lo, hi]
 * @param kind  role of the bulk (§3.4, §3.5)
 */
public record Bulk(double lo, double hi, double mass, Kind kind) {
    /** What a bulk is, from its position. */
    public enum Kind {
        /**
         * A memorization bulk lying entirely below half the asymptotic first-bulk edge min_c lambda_-^(c) (§3.4,
         * §5.4): the small cluster of about d eigenvalues (§3.5).
         */
        CLUSTER,
        /** The memorization bulk rho_1, or one of its separated per-class sub-bulks (§5.4). */
        MEMORIZATION,
        /** A bulk of rho_2 (generalization): above the asymptotic separator (it splits for anisotropic data). */
        GENERALIZATION,
        /** A bulk straddling the separator (or the only bulk): memorization and generalization are merged. */
        MERGED
    }
}
