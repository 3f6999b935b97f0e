package org.diffsweep.jobs.phase;

/**
 * One row of the phase table: the seed aggregate of one metric at one cell, with its phase (theory.md §12.8).
 *
 * @param slice        slice name
 * @param metric       order parameter (or residual)
 * @param x            x coordinate (axis units)
 * @param y            y coordinate (axis units)
 * @param seeds        seeds seen (missing and censored ones included)
 * @param missing      seeds whose value was not computed
 * @param censored     seeds whose value is censored (a time off the tau grid)
 * @param ambiguous    seeds flagged ambiguous (curves crossing more than once)
 * @param mean         seed mean of the metric (NaN when no value or any seed censored); D_gen, D_mem, X
 *                     dimensionless (natural log), D_S in OU time units
 * @param sd           seed standard deviation (NaN with fewer than 2 values)
 * @param halfWidth    Student-t confidence half-width of the mean (NaN with fewer than 2 values)
 * @param sign         {@link ReversalIndicator#sign} of (mean, halfWidth): +1, −1 or 0; for a censored cell the sign
 *                     every seed shares ({@link CellStats#commonSign})
 * @param baselineSign the sign at the baseline cell (pi_A = pi_B, same geometry), 0 when unavailable
 * @param phase        the cell's phase
 */
public record PhaseCell(String slice, DMetric metric, double x, double y, long seeds, long missing, long censored, long ambiguous,
                        double mean, double sd, double halfWidth, int sign, int baselineSign, Phase phase) {

    /** Lower end of the confidence interval (the mean itself when no interval is available). */
    public double ciLow() { return Double.isNaN(halfWidth) ? mean : mean - halfWidth; }

    /** Upper end of the confidence interval (the mean itself when no interval is available). */
    public double ciHigh() { return Double.isNaN(halfWidth) ? mean : mean + halfWidth; }
}
