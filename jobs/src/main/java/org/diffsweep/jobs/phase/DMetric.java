package org.diffsweep.jobs.phase;

import org.diffsweep.core.evaluator.ClassField;
import org.diffsweep.core.evaluator.ClassResult;

/**
 * The order parameters of the phase diagram (theory.md §8, §12.8) and their residuals, as functions of one seed's
 * (A, B) class results.
 *
 * <ul>
 *   <li>D_gen = log(tau_gen,A / tau_gen,B), D_mem = log(tau_mem,A / tau_mem,B) (natural log, dimensionless);</li>
 *   <li>X_AB = log(tau_mem,A / tau_gen,B), X_BA = log(tau_mem,B / tau_gen,A): cross-class windows, negative when one
 *       class is memorized before the other has generalized (measured and asymptotic-curve times);</li>
 *   <li>D_S = t_S^(A) − t_S^(B) (difference of OU diffusion times).</li>
 * </ul>
 * Each exists in a measured variant (learning curves §12.6; backward simulation for t_S) and predicted variants
 * (asymptotic learning curves; spectral w and cw on the sampled U; asymptotic bulk edges; closed-form and exact-median
 * t_S, §6.2). A {@code RESID_*} metric is predicted − measured of the same
 * quantity for the same seed (paired), so its seed aggregate has an honest interval.
 *
 * <p>A seed's value ({@link #sample}) is exact, censored (a time off the tau grid: only the sign is known, see
 * {@link TimeCensoring}) or missing (a time not computed, or a pre-committed class whose closed-form t_S is
 * infinite).
 */
public enum DMetric {
    GEN_MEASURED(Quantity.GEN, Source.MEASURED, ClassField.TAU_GEN, null),
    GEN_ASYM(Quantity.GEN, Source.ASYM, ClassField.TAU_GEN_ASYM, null),
    GEN_SPEC_W(Quantity.GEN, Source.SPEC_W, ClassField.TAU_GEN_SPEC_W, null),
    GEN_SPEC_CW(Quantity.GEN, Source.SPEC_CW, ClassField.TAU_GEN_SPEC_CW, null),
    GEN_EDGE(Quantity.GEN, Source.EDGE, ClassField.TAU_GEN_EDGE, null),
    MEM_MEASURED(Quantity.MEM, Source.MEASURED, ClassField.TAU_MEM, null),
    MEM_ASYM(Quantity.MEM, Source.ASYM, ClassField.TAU_MEM_ASYM, null),
    MEM_SPEC_W(Quantity.MEM, Source.SPEC_W, ClassField.TAU_MEM_SPEC_W, null),
    MEM_SPEC_CW(Quantity.MEM, Source.SPEC_CW, ClassField.TAU_MEM_SPEC_CW, null),
    MEM_EDGE(Quantity.MEM, Source.EDGE, ClassField.TAU_MEM_EDGE, null),
    X_AB_MEASURED(Quantity.X_AB, Source.MEASURED, ClassField.TAU_MEM, ClassField.TAU_GEN, null),
    X_BA_MEASURED(Quantity.X_BA, Source.MEASURED, ClassField.TAU_MEM, ClassField.TAU_GEN, null),
    X_AB_ASYM(Quantity.X_AB, Source.ASYM, ClassField.TAU_MEM_ASYM, ClassField.TAU_GEN_ASYM, null),
    X_BA_ASYM(Quantity.X_BA, Source.ASYM, ClassField.TAU_MEM_ASYM, ClassField.TAU_GEN_ASYM, null),
    S_MEASURED(Quantity.S, Source.MEASURED, ClassField.T_S_MEASURED, null),
    S_CLOSED_FORM(Quantity.S, Source.CLOSED_FORM, ClassField.T_S, null),
    S_EXACT_MEDIAN(Quantity.S, Source.EXACT_MEDIAN, ClassField.T_S_EXACT_MEDIAN, null),
    RESID_GEN_ASYM(Quantity.GEN, Source.ASYM, null, GEN_MEASURED),
    RESID_GEN_SPEC_W(Quantity.GEN, Source.SPEC_W, null, GEN_MEASURED),
    RESID_GEN_SPEC_CW(Quantity.GEN, Source.SPEC_CW, null, GEN_MEASURED),
    RESID_GEN_EDGE(Quantity.GEN, Source.EDGE, null, GEN_MEASURED),
    RESID_MEM_ASYM(Quantity.MEM, Source.ASYM, null, MEM_MEASURED),
    RESID_MEM_SPEC_W(Quantity.MEM, Source.SPEC_W, null, MEM_MEASURED),
    RESID_MEM_SPEC_CW(Quantity.MEM, Source.SPEC_CW, null, MEM_MEASURED),
    RESID_MEM_EDGE(Quantity.MEM, Source.EDGE, null, MEM_MEASURED),
    RESID_X_AB_ASYM(Quantity.X_AB, Source.ASYM, null, X_AB_MEASURED),
    RESID_X_BA_ASYM(Quantity.X_BA, Source.ASYM, null, X_BA_MEASURED),
    RESID_S(Quantity.S, Source.CLOSED_FORM, null, S_MEASURED),
    RESID_S_MEDIAN(Quantity.S, Source.EXACT_MEDIAN, null, S_MEASURED);

    /** Which order parameter. */
    public enum Quantity {
        /** D_gen, log ratio of generalization times. */
        GEN("D_gen", "D_gen = ln(τ_gen,A / τ_gen,B)"),
        /** D_mem, log ratio of memorization times. */
        MEM("D_mem", "D_mem = ln(τ_mem,A / τ_mem,B)"),
        /**
         * X_AB = log(tau_mem,A / tau_gen,B), the cross-class window: negative when class A is memorized before class
         * B has generalized ("memorizes some classes while others remain insufficiently learned").
         */
        X_AB("X_AB", "X_AB = ln(τ_mem,A / τ_gen,B)"),
        /** X_BA = log(tau_mem,B / tau_gen,A), the mirror window. */
        X_BA("X_BA", "X_BA = ln(τ_mem,B / τ_gen,A)"),
        /** D_S, difference of per-class speciation times. */
        S("D_S", "D_S = t_S^(A) − t_S^(B) (OU time)");

        private final String symbol;
        private final String formula;

        Quantity(String symbol, String formula) {
            this.symbol = symbol;
            this.formula = formula;
        }

        /** {@code D_gen}, {@code D_mem}, {@code X_AB}, {@code X_BA} or {@code D_S}. */
        public String symbol() { return symbol; }

        /** The definition for figure labels, e.g. {@code D_gen = ln(τ_gen,A / τ_gen,B)}. */
        public String formula() { return formula; }
    }

    /** Where the times come from. */
    public enum Source {
        /** Learning curves (§12.6) or backward simulation (t_S, §6.2). */
        MEASURED,
        /** Thresholds of the asymptotic theory's learning curves, read off like the measured ones (no sampling). */
        ASYM,
        /** Spectral read-off with class-resolved weights of the sampled pooled U's eigenvectors (w, §5.3(3)). */
        SPEC_W,
        /** Spectral read-off of the sampled class-weighted matrix (n_c/n) U_c (cw). */
        SPEC_CW,
        /** Relaxation times at the edges of the asymptotic class-resolved spectrum (§5.4), no sampling. */
        EDGE,
        /** Closed form / bisection of §6.2. */
        CLOSED_FORM,
        /** The exact median time of §6.2 by quadrature: what the measurement estimates (two classes). */
        EXACT_MEDIAN
    }

    private final Quantity quantity;
    private final Source source;
    private final ClassField numTime;
    private final ClassField denTime;
    private final DMetric measuredPartner;

    DMetric(Quantity quantity, Source source, ClassField time, DMetric measuredPartner) {
        this(quantity, source, time, time, measuredPartner);
    }

    /** {@code numTime} is read from the numerator's class, {@code denTime} from the denominator's. */
    DMetric(Quantity quantity, Source source, ClassField numTime, ClassField denTime, DMetric measuredPartner) {
        this.quantity = quantity;
        this.source = source;
        this.numTime = numTime;
        this.denTime = denTime;
        this.measuredPartner = measuredPartner;
    }

    public Quantity quantity() { return quantity; }

    /** For a residual, the source of its predicted term. */
    public Source source() { return source; }

    /** True for predicted − measured residuals (no phase is assigned to those). */
    public boolean isResidual() { return measuredPartner != null; }

    /** The measured-times metric of the same quantity as this one (itself when measured). */
    public DMetric measured() {
        return switch (quantity) {
            case GEN -> GEN_MEASURED;
            case MEM -> MEM_MEASURED;
            case X_AB -> X_AB_MEASURED;
            case X_BA -> X_BA_MEASURED;
            case S -> S_MEASURED;
        };
    }

    /** The predicted metric a residual is built from; itself for non-residuals. */
    public DMetric predicted() {
        if (!isResidual()) return this;
        for (DMetric m : values()) {
            if (!m.isResidual() && m.quantity == quantity && m.source == source) return m;
        }
        throw new IllegalStateException("no predicted metric for " + this);
    }

    /**
     * True when the per-class "curves crossed more than once" flag (§12.8) applies: measured tau metrics and
     * residuals built on them. Predicted times and t_S do not come from those curves.
     */
    public boolean usesAmbiguityFlag() { return quantity != Quantity.S && (source == Source.MEASURED || isResidual()); }

    /** The metric's exact value for one seed, or {@code null} when a needed time is missing or censored. */
    public Double value(ClassResult a, ClassResult b) { return sample(a, b).value(); }

    /**
     * The metric for one seed of classes (A, B): exact when every time it needs is on the grid; censored with the
     * sign the grid implies when a log-ratio's time is off the grid ({@link TimeCensoring}); missing when a time was
     * not computed (or a class row is absent). A residual with a censored term is censored with unknown sign. D_S is
     * never censored (a null t_S is pre-committed or not computed: missing).
     */
    public SeedValue sample(ClassResult a, ClassResult b) {
        if (a == null || b == null) return SeedValue.MISSING;
        if (isResidual()) {
            SeedValue p = predicted().sample(a, b);
            SeedValue m = measuredPartner.sample(a, b);
            if (p.missing() || m.missing()) return SeedValue.MISSING;
            if (p.censored() || m.censored()) return SeedValue.censored(0);
            return SeedValue.exact(p.value() - m.value());
        }
        ClassResult num = quantity == Quantity.X_BA ? b : a;
        ClassResult den = quantity == Quantity.X_BA ? a : b;
        if (quantity == Quantity.S) {
            Double ta = num.number(numTime), tb = den.number(denTime);
            if (ta == null || tb == null || !Double.isFinite(ta) || !Double.isFinite(tb)) return SeedValue.MISSING;
            return SeedValue.exact(ta - tb);
        }
        TimeCensoring cn = TimeCensoring.of(num, numTime), cd = TimeCensoring.of(den, denTime);
        if (cn == TimeCensoring.MISSING || cd == TimeCensoring.MISSING) return SeedValue.MISSING;
        if (cn.censored() || cd.censored()) return SeedValue.censored(TimeCensoring.boundSign(cn, cd));
        return SeedValue.exact(Math.log(num.number(numTime) / den.number(denTime)));
    }

    /** Short human label, e.g. {@code "D_gen (measured)"}. */
    public String label() {
        String q = quantity.symbol();
        String s = switch (source) {
            case MEASURED -> "measured";
            case ASYM -> "asymptotic curves";
            case SPEC_W -> "spectral w";
            case SPEC_CW -> "spectral cw";
            case EDGE -> "asymptotic edges";
            case CLOSED_FORM -> "closed form";
            case EXACT_MEDIAN -> "exact median";
        };
        return isResidual() ? q + " residual (" + s + " − measured)" : q + " (" + s + ")";
    }
}
