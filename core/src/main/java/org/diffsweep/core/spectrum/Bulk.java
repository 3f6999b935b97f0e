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
        /** The small cluster of d eigenvalues below rho_1 (§3.5), when separated from it. */
        CLUSTER,
        /** The memorization bulk rho_1, or one of its separated per-class sub-bulks (§5.4). */
        MEMORIZATION,
        /** A bulk of rho_2 (generalization): together the top d eigenvalues (it splits for anisotropic data). */
        GENERALIZATION,
        /** A bulk holding both generalization and memorization eigenvalues (they are not separated). */
        MERGED
    }
}
