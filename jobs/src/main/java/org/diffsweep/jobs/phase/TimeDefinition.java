package org.diffsweep.jobs.phase;

import org.diffsweep.core.dynamics.MeasuredTimes;

/**
 * Alternative definitions of the measured per-class times (docs/science.md §16, robustness), applied to the
 * stored learning curves of a point (float32 on at most 64 tau of its grid). {@link #BASE} is the definition of
 * theory §12.6 recomputed from the stored curves, so every variant is read off the same samples:
 *
 * <ul>
 *   <li>tau_gen,c: first tau at which E_score,c has dropped a fraction q of the way from its first stored value
 *       (tau_min, where the curve has not yet moved: the stored curves do not keep tau = 0) to its minimum over the
 *       grid, counted up to that minimum; q = 1/2 is the half-drop;</li>
 *   <li>tau_mem,c: first tau at which L_gen,c ≥ m δ_gen, or, for {@link #MEM_RELATIVE}, at which
 *       L_gen,c ≥ {@value #RELATIVE} · L_test,c (the generalization gap reaches a tenth of the class's own test
 *       loss, whatever its scale).</li>
 * </ul>
 * A crossing is interpolated in log tau between the bracketing stored points (core's {@link MeasuredTimes}); a
 * level never crossed gives null (censored, {@link TimeCensoring}); more than one crossing flags the class ambiguous.
 */
public enum TimeDefinition {
    BASE("half-drop, L_gen ≥ δ_gen (the definition, from the stored curves)", 0.5, 1.0, false),
    DELTA_X0_3("L_gen ≥ 0.3 δ_gen", 0.5, 0.3, false),
    DELTA_X3("L_gen ≥ 3 δ_gen", 0.5, 3.0, false),
    MEM_RELATIVE("L_gen ≥ 0.1 L_test (relative to the class's own test loss)", 0.5, Double.NaN, true),
    GEN_QUARTER("quarter-drop of E_score (q = 1/4)", 0.25, 1.0, false),
    GEN_THREE_QUARTERS("three-quarter drop of E_score (q = 3/4)", 0.75, 1.0, false);

    /** The relative memorization level of {@link #MEM_RELATIVE}: L_gen,c / L_test,c. */
    public static final double RELATIVE = 0.1;

    private final String label;
    private final double genFraction;
    private final double deltaFactor;
    private final boolean relative;

    TimeDefinition(String label, double genFraction, double deltaFactor, boolean relative) {
        this.label = label;
        this.genFraction = genFraction;
        this.deltaFactor = deltaFactor;
        this.relative = relative;
    }

    public String label() { return label; }

    /**
     * One class's times under this definition.
     *
     * @param tauGen    tau_gen,c (null: below the stored grid)
     * @param tauMem    tau_mem,c (null: above it)
     * @param ambiguous a curve crossed its level more than once
     */
    public record Times(Double tauGen, Double tauMem, boolean ambiguous) {}

    /**
     * The times of one class from its stored curves.
     *
     * @param tau      stored training times (ascending)
     * @param score    E_score,c
     * @param gen      L_gen,c
     * @param test     L_test,c (only {@link #MEM_RELATIVE} reads it)
     * @param deltaGen the point's δ_gen
     */
    public Times times(double[] tau, double[] score, double[] gen, double[] test, double deltaGen) {
        int argMin = 0;
        for (int k = 1; k < score.length; k++) if (score[k] < score[argMin]) argMin = k;
        double level = score[0] - genFraction * (score[0] - score[argMin]);
        double[] neg = new double[argMin + 1];
        for (int k = 0; k < neg.length; k++) neg[k] = -score[k];
        Double tg = argMin == 0 ? null : MeasuredTimes.firstUpCrossing(tau, neg, -level);
        int gx = MeasuredTimes.crossings(neg, -level);
        double[] f;
        double lv;
        if (relative) {
            f = new double[gen.length];
            for (int k = 0; k < f.length; k++) f[k] = test[k] > 0 ? gen[k] / test[k] : 0;
            lv = RELATIVE;
        } else {
            f = gen;
            lv = deltaFactor * deltaGen;
        }
        Double tm = MeasuredTimes.firstUpCrossing(tau, f, lv);
        int mx = MeasuredTimes.crossings(f, lv);
        return new Times(tg, tm, gx > 1 || mx > 1);
    }
}
