package org.diffsweep.core.dynamics;

/**
 * Measured per-class times of one grid point (theory §5.3(4), §12.6, §12.13), tau in paper units. A null time means
 * the threshold was not crossed inside the tau grid.
 *
 * @param name          class name
 * @param tauGen        first tau with {@code E_score,c <= E_min,c + (E_score,c(0) - E_min,c)/2}, log-interpolated
 * @param tauMem        first tau with {@code L_gen,c >= deltaGen}, log-interpolated
 * @param window        {@code tauMem - tauGen} (null when either is null; negative: memorises before it has learned)
 * @param ambiguous     true when {@code genCrossings > 1} or {@code memCrossings > 1} (§12.8)
 * @param genCrossings  number of crossings of the E_score,c half-drop level up to the grid minimum of E_score,c
 *                      (the later rise with memorisation is not counted)
 * @param memCrossings  number of crossings of deltaGen by L_gen,c
 * @param scoreAtZero   {@code E_score,c(0) = E|s|^2_c / d}
 * @param scoreMin      {@code E_min,c}, the minimum of E_score,c over the grid
 */
public record MeasuredClassTimes(String name, Double tauGen, Double tauMem, Double window, boolean ambiguous,
                         int genCrossings, int memCrossings, double scoreAtZero, double scoreMin) {
}
