package org.diffsweep.jobs.phase;

import org.diffsweep.core.evaluator.ClassField;
import org.diffsweep.core.evaluator.ClassResult;

/**
 * Where one per-class time lies relative to the point's tau grid (docs/science.md, "Censored times"). A threshold
 * time is read off a learning curve on a finite grid [tau_min, tau_max] (theory §12.6); when the crossing is not
 * on the grid, the time is not unknown, it is <em>censored</em>: it lies below or above the grid, and every observed
 * time of the same point lies on the other side.
 *
 * <ul>
 *   <li>tau_gen (half-drop of E_score,c, relative to the curve's own minimum on the grid) is always reached by the
 *       grid minimum, so a null tau_gen of a computed curve means the half-drop was already passed at tau_min:
 *       {@link #BELOW_GRID};</li>
 *   <li>tau_mem (first tau with L_gen,c &ge; delta_gen, with L_gen,c = 0 at initialisation) null means the level was
 *       never reached up to tau_max: {@link #ABOVE_GRID};</li>
 *   <li>a time that was not computed at all (point failed, theory-only evaluation, predictor undefined) is
 *       {@link #MISSING}, never censored.</li>
 * </ul>
 * Whether a curve was computed is read from the class row: the measured curves set the ambiguity flag (true or
 * false); the asymptotic curves set at least one of their two times. A class whose two asymptotic times are both
 * off the grid is therefore counted missing (conservative; no such case in the validation runs).
 */
public enum TimeCensoring {
    /** Strictly below tau_min: earlier than any observed time of the point. */
    BELOW_GRID(-1),
    /** On the grid: the value is known. */
    OBSERVED(0),
    /** Strictly above tau_max: later than any observed time of the point. */
    ABOVE_GRID(1),
    /** Not computed: says nothing about the order. */
    MISSING(0);

    private final int position;

    TimeCensoring(int position) { this.position = position; }

    /** True when the time is off the grid (below or above). */
    public boolean censored() { return this == BELOW_GRID || this == ABOVE_GRID; }

    /** The censoring of {@code field} of class {@code c} ({@link #MISSING} for a null class row). */
    public static TimeCensoring of(ClassResult c, ClassField field) {
        if (c == null) return MISSING;
        Double v = c.number(field);
        if (v != null) return Double.isFinite(v) && v > 0 ? OBSERVED : MISSING;
        return switch (field) {
            case TAU_GEN -> c.get(ClassField.AMBIGUOUS) != null ? BELOW_GRID : MISSING;
            case TAU_MEM -> c.get(ClassField.AMBIGUOUS) != null ? ABOVE_GRID : MISSING;
            case TAU_GEN_ASYM -> c.number(ClassField.TAU_MEM_ASYM) != null ? BELOW_GRID : MISSING;
            case TAU_MEM_ASYM -> c.number(ClassField.TAU_GEN_ASYM) != null ? ABOVE_GRID : MISSING;
            default -> MISSING;
        };
    }

    /**
     * The sign of log(t_num / t_den) implied by where the two times lie when at least one is censored: +1, −1, or 0
     * when both are censored on the same side (the order is then unknown).
     */
    public static int boundSign(TimeCensoring num, TimeCensoring den) {
        return Integer.signum(num.position - den.position);
    }
}
