package org.diffsweep.core.evaluator;

/**
 * Every per-class quantity a grid point reports, in ledger column order: the one place a per-class field is
 * defined. The ledger, CSV, JSON and the seed aggregation iterate this enum, so adding a field is one constant here
 * plus the science that computes it. A value that was not computed, or a threshold never reached, is {@code null}.
 *
 * <p>Units: {@code tau*} are training times in paper units (theory §12.1); {@code tS}, {@code tC} are diffusion (OU)
 * times; {@code memEdge*} are eigenvalues of U.
 */
public enum ClassField {
    /** Measured generalization time: half-drop of E_score,c (§12.6). */
    TAU_GEN("tauGen", Type.DOUBLE, Aggregate.GEOMETRIC),
    /** Measured memorization time: first tau with L_gen,c >= deltaGen (§12.6). */
    TAU_MEM("tauMem", Type.DOUBLE, Aggregate.GEOMETRIC),
    /** tauMem - tauGen (negative: memorized before learned). */
    WINDOW("window", Type.DOUBLE, Aggregate.NONE),
    /** A per-class curve crossed its threshold more than once (§12.8). */
    AMBIGUOUS("ambiguous", Type.BOOLEAN, Aggregate.NONE),
    /** tau_gen,c of the asymptotic theory's learning curves, read off exactly like tauGen (docs/theory-curves.md). */
    TAU_GEN_ASYM("tauGenAsym", Type.DOUBLE, Aggregate.GEOMETRIC),
    /** tau_mem,c of the asymptotic theory's learning curves, read off exactly like tauMem. */
    TAU_MEM_ASYM("tauMemAsym", Type.DOUBLE, Aggregate.GEOMETRIC),
    /** Spectral tau_gen,c from class-resolved weights of the sampled pooled U (w, §5.3(3)). */
    TAU_GEN_SPEC_W("tauGenSpecW", Type.DOUBLE, Aggregate.GEOMETRIC),
    /** Spectral tau_mem,c from the same (w). */
    TAU_MEM_SPEC_W("tauMemSpecW", Type.DOUBLE, Aggregate.GEOMETRIC),
    /** Spectral tau_gen,c from the spectrum of the sampled (n_c/n) U_c alone (cw). */
    TAU_GEN_SPEC_CW("tauGenSpecCw", Type.DOUBLE, Aggregate.GEOMETRIC),
    /** Spectral tau_mem,c from the same (cw). */
    TAU_MEM_SPEC_CW("tauMemSpecCw", Type.DOUBLE, Aggregate.GEOMETRIC),
    /** Lower edge (2 % quantile) of the class's memorization sub-bulk, asymptotic spectrum (§5.4). */
    MEM_EDGE_LO("memEdgeLo", Type.DOUBLE, Aggregate.NONE),
    /** Upper edge (98 % quantile) of the same. */
    MEM_EDGE_HI("memEdgeHi", Type.DOUBLE, Aggregate.NONE),
    /** Asymptotic relaxation time at the generalization bulk, psi_p / (Delta_t harmonic mean of rho_c there) (§5.4). */
    TAU_GEN_EDGE("tauGenEdge", Type.DOUBLE, Aggregate.GEOMETRIC),
    /** Asymptotic relaxation time at the memorization edge, psi_p / (Delta_t memEdgeLo). */
    TAU_MEM_EDGE("tauMemEdge", Type.DOUBLE, Aggregate.GEOMETRIC),
    /** Per-class speciation time t_S^(c)(kappa), closed form / bisection (§6.2); null if pre-committed. */
    T_S("tS", Type.DOUBLE, Aggregate.ARITHMETIC),
    /** Exact median speciation time, P(p_c >= kappa | c) = 1/2: what the measurement estimates (§6.2); null for C > 2. */
    T_S_EXACT_MEDIAN("tSExactMedian", Type.DOUBLE, Aggregate.ARITHMETIC),
    /** Per-class speciation time measured by backward simulation (§6.2), conditioned on the final class. */
    T_S_MEASURED("tSMeasured", Type.DOUBLE, Aggregate.ARITHMETIC),
    /** Lower end of the 95 % confidence interval of tSMeasured. */
    T_S_MEASURED_CI_LO("tSMeasuredCiLo", Type.DOUBLE, Aggregate.NONE),
    /** Upper end of the 95 % confidence interval of tSMeasured. */
    T_S_MEASURED_CI_HI("tSMeasuredCiHi", Type.DOUBLE, Aggregate.NONE),
    /** Effective number of backward trajectories behind tSMeasured. */
    T_S_TRAJECTORIES("tSTrajectories", Type.INT, Aggregate.NONE),
    /** Outcome of the measurement: OK, TOO_FEW (< 100 effective trajectories), NO_CROSSING, CENSORED, PRE_COMMITTED. */
    T_S_STATUS("tSStatus", Type.STRING, Aggregate.NONE),
    /** How the trajectories were sampled: CONDITIONED on the final class, or UNCONDITIONED. */
    T_S_SCHEME("tSScheme", Type.STRING, Aggregate.NONE),
    /** pi_c >= kappa (§12.12). */
    PRE_COMMITTED("preCommitted", Type.BOOLEAN, Aggregate.NONE),
    /** Per-class collapse time t_C^(c) (§6.2). */
    T_C("tC", Type.DOUBLE, Aggregate.NONE);

    /** Value type of a field. */
    public enum Type {
        DOUBLE(Double.class), BOOLEAN(Boolean.class), INT(Integer.class), STRING(String.class);

        private final Class<?> javaType;

        Type(Class<?> javaType) { this.javaType = javaType; }

        /** The Java type of a value of this field. */
        public Class<?> javaType() { return javaType; }
    }

    /** How seeds of one cell are averaged in reports: geometric mean (times on log scales), arithmetic, or not at all. */
    public enum Aggregate { GEOMETRIC, ARITHMETIC, NONE }

    private final String column;
    private final Type type;
    private final Aggregate aggregate;

    ClassField(String column, Type type, Aggregate aggregate) {
        this.column = column;
        this.type = type;
        this.aggregate = aggregate;
    }

    /** The field's name in the ledger, CSV and JSON. */
    public String column() { return column; }

    public Type type() { return type; }

    public Aggregate aggregate() { return aggregate; }
}
