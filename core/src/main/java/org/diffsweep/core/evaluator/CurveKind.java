package org.diffsweep.core.evaluator;

/**
 * The per-class learning curves a grid point stores ({@link PointCurves}; docs/results.md "curves"): the four curves
 * of the finite-size simulation (theory §2.2, §5.3(2)) and the two of the asymptotic theory that the measured times
 * are read from (docs/theory-curves.md), for a theory-vs-simulation overlay. Losses are divided by d; tau is in
 * paper units (theory §12.1). The ledger stores one column per kind, named {@link #column()}.
 */
public enum CurveKind {
    /** L_train,c: loss on the n_c training points of class c (simulation). */
    TRAIN("curveTrain", false),
    /** L_test,c: loss on fresh class-c data (simulation, population estimate). */
    TEST("curveTest", false),
    /** L_gen,c = L_test,c - L_train,c (simulation); tauMem is its first crossing of deltaGen. */
    GEN("curveGen", false),
    /** E_score,c against the exact mixture score (simulation); tauGen is its half-drop. */
    SCORE("curveScore", false),
    /** L_gen,c of the asymptotic theory (tauMemAsym is read off it). */
    GEN_ASYM("curveGenAsym", true),
    /** E_score,c of the asymptotic theory (tauGenAsym is read off it). */
    SCORE_ASYM("curveScoreAsym", true);

    private final String column;
    private final boolean asymptotic;

    CurveKind(String column, boolean asymptotic) {
        this.column = column;
        this.asymptotic = asymptotic;
    }

    /** The ledger column of this curve (an array of float32, one value per stored tau). */
    public String column() { return column; }

    /** Whether the curve comes from the asymptotic theory rather than the simulation. */
    public boolean asymptotic() { return asymptotic; }
}
