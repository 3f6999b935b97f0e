package org.diffsweep.core.spectrum;

import java.util.List;

/**
 * The asymptotic spectrum of U at one point (theory §3.3–3.5, §5.4): the delta peak at s̄^2 and its weight, the
 * bulks (support and mass), per-class predictions, and the density on the adaptive lambda grid.
 *
 * @param deltaLocation  s̄^2, where the delta peak sits
 * @param deltaMass      weight of the delta peak, {@code lim eps Im q(s̄^2 + i eps)}
 * @param totalMass      deltaMass + sum of bulk masses (1 up to quadrature error: the mass check)
 * @param bulks          bulks in increasing lambda
 * @param classes        per-class predictions (empty for the general atoms system)
 * @param lambda         grid, increasing (all bulks, each from its lower to its upper edge)
 * @param rho            density at eps = 1e-11 on the grid
 * @param rhoClass       class-resolved densities rho_c on the grid, [class][point] (empty for the atoms system)
 * @param solves         number of lambda points solved (scan, edge bisection, grid)
 * @param failures       number of lambda points where every fallback failed (NaN density; 0 on success)
 * @param cpuNanos       CPU time of the whole solve
 */
public record SpectrumResult(double deltaLocation, double deltaMass, double totalMass, List<Bulk> bulks,
                             List<ClassSpectrum> classes, double[] lambda, double[] rho, double[][] rhoClass,
                             int solves, int failures, long cpuNanos) {

    /** The top bulk (generalization, or merged). */
    public Bulk generalizationBulk() { return bulks.get(bulks.size() - 1); }

    /** The largest-mass memorization bulk (rho_1), or null when merged. */
    public Bulk memorizationBulk() {
        Bulk best = null;
        for (Bulk b : bulks) if (b.kind() == Bulk.Kind.MEMORIZATION && (best == null || b.mass() > best.mass())) best = b;
        return best;
    }

    /** True when memorization and generalization eigenvalues share a bulk. */
    public boolean merged() {
        for (Bulk b : bulks) if (b.kind() == Bulk.Kind.MERGED) return true;
        return false;
    }
}
