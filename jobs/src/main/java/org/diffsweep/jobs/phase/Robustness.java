package org.diffsweep.jobs.phase;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.diffsweep.core.evaluator.ClassField;
import org.diffsweep.core.evaluator.ClassResult;
import org.diffsweep.jobs.json.Csv;

/**
 * Robustness of the orders to the definition of the times (docs/science.md §16): every point's per-class times are
 * re-read from its stored curves under each {@link TimeDefinition}, the measured order parameters (D_gen, D_mem,
 * X_AB, X_BA) are aggregated over seeds exactly as the phase table does ({@link PhaseAggregator}, same cells, same
 * baseline rule), and each cell's sign and phase under a variant are compared with {@link TimeDefinition#BASE}'s.
 * Pure: the caller supplies the curves.
 */
public final class Robustness {
    private Robustness() {}

    /** The order parameters compared. */
    public static final Set<DMetric> METRICS = Set.of(DMetric.GEN_MEASURED, DMetric.MEM_MEASURED, DMetric.X_AB_MEASURED,
            DMetric.X_BA_MEASURED);

    /**
     * One seed of one point: its cell, its classes' results, and per class the stored curves.
     *
     * @param slice     plain slice label (class pairs are added here, {@link ClassPair})
     * @param x         x coordinate of the cell
     * @param y         y coordinate
     * @param seedIndex seed replica
     * @param pointId   point identity
     * @param classes   class results in class order (weights are read for the baseline)
     * @param curves    per class {tau, E_score, L_gen, L_test} (null when the class has no stored simulation curves)
     * @param deltaGen  the point's δ_gen
     */
    public record Sample(String slice, double x, double y, int seedIndex, String pointId, List<ClassResult> classes,
                        List<double[][]> curves, double deltaGen) {}

    /** Whether a cell's order (and phase) under a variant matches the base definition's. */
    public enum Verdict {
        /** The base sign is decided and the variant's is the same. */
        SURVIVES,
        /** The variant's decided sign is the opposite. */
        FLIPS,
        /** The base sign is decided, the variant's is not (interval contains 0, censored of unknown sign, ...). */
        UNDECIDED,
        /** The base sign is not decided: nothing to survive. */
        NO_ORDER
    }

    /**
     * One row of robustness.csv.
     *
     * @param slice         slice (with the class pair for C ≥ 3)
     * @param metric        order parameter
     * @param x             cell x
     * @param y             cell y
     * @param variant       the time definition
     * @param baseSign      sign under the base definition (from the stored curves)
     * @param basePhase     phase under the base definition
     * @param sign          sign under the variant
     * @param phase         phase under the variant
     * @param mean          seed mean under the variant (NaN when censored or missing)
     * @param order         does the sign survive
     * @param phaseSurvives for a base phase BASELINE or REVERSED: is the variant's phase the same (null otherwise)
     */
    public record Row(String slice, DMetric metric, double x, double y, TimeDefinition variant, int baseSign, Phase basePhase,
                      int sign, Phase phase, double mean, Verdict order, Boolean phaseSurvives) {}

    /** Every cell × metric × variant (the base included, which survives itself), sorted by slice, metric, y, x, variant. */
    public static List<Row> evaluate(List<Sample> samples) {
        Map<TimeDefinition, Map<List<Object>, PhaseCell>> byVariant = new EnumMap<>(TimeDefinition.class);
        PhaseAggregator agg = PhaseAggregator.of(0.95, METRICS);
        for (TimeDefinition v : TimeDefinition.values()) {
            List<PairSample> ps = new ArrayList<>();
            Set<List<Object>> balanced = new HashSet<>();
            for (Sample s : samples) {
                List<ClassResult> cs = new ArrayList<>();
                for (int c = 0; c < s.classes().size(); c++) cs.add(retimed(s.classes().get(c), c < s.curves().size() ? s.curves().get(c) : null, v, s.deltaGen()));
                List<PairSample> p = ClassPair.samples(s.slice(), s.x(), s.y(), s.seedIndex(), s.pointId(), cs);
                balanced.addAll(BaselineRule.balancedCells(p));
                ps.addAll(p);
            }
            Map<List<Object>, PhaseCell> cells = new HashMap<>();
            for (PhaseCell c : agg.summarise(agg.accumulate(ps), BaselineRule.fromBalanced(balanced))) {
                cells.put(List.of(c.slice(), c.metric(), c.x(), c.y()), c);
            }
            byVariant.put(v, cells);
        }
        TreeMap<List<Object>, PhaseCell> base = new TreeMap<>((a, b) -> {
            int k = ((String) a.get(0)).compareTo((String) b.get(0));
            if (k == 0) k = ((DMetric) a.get(1)).compareTo((DMetric) b.get(1));
            if (k == 0) k = Double.compare((Double) a.get(3), (Double) b.get(3));
            if (k == 0) k = Double.compare((Double) a.get(2), (Double) b.get(2));
            return k;
        });
        base.putAll(byVariant.get(TimeDefinition.BASE));
        List<Row> out = new ArrayList<>();
        for (Map.Entry<List<Object>, PhaseCell> e : base.entrySet()) {
            PhaseCell b = e.getValue();
            for (TimeDefinition v : TimeDefinition.values()) {
                PhaseCell c = byVariant.get(v).get(e.getKey());
                int sign = c == null ? 0 : c.sign();
                Phase phase = c == null ? Phase.MISSING : c.phase();
                Verdict o = b.sign() == 0 ? Verdict.NO_ORDER : sign == b.sign() ? Verdict.SURVIVES : sign == 0 ? Verdict.UNDECIDED : Verdict.FLIPS;
                Boolean ps = b.phase() == Phase.BASELINE || b.phase() == Phase.REVERSED ? phase == b.phase() : null;
                out.add(new Row(b.slice(), b.metric(), b.x(), b.y(), v, b.sign(), b.phase(), sign, phase, c == null ? Double.NaN : c.mean(), o, ps));
            }
        }
        return out;
    }

    /** The class result with tauGen, tauMem and the ambiguity flag of definition {@code v} (null curves: times unset). */
    static ClassResult retimed(ClassResult r, double[][] curves, TimeDefinition v, double deltaGen) {
        if (r == null) return null;
        Map<ClassField, Object> f = new EnumMap<>(ClassField.class);
        for (ClassField k : ClassField.values()) if (r.get(k) != null) f.put(k, r.get(k));
        f.remove(ClassField.TAU_GEN);
        f.remove(ClassField.TAU_MEM);
        f.remove(ClassField.WINDOW);
        f.remove(ClassField.AMBIGUOUS);
        if (curves != null && curves[1] != null && curves[2] != null) {
            TimeDefinition.Times t = v.times(curves[0], curves[1], curves[2], curves[3], deltaGen);
            if (t.tauGen() != null) f.put(ClassField.TAU_GEN, t.tauGen());
            if (t.tauMem() != null) f.put(ClassField.TAU_MEM, t.tauMem());
            f.put(ClassField.AMBIGUOUS, t.ambiguous());
        }
        return ClassResult.of(r.name(), r.weight(), r.nTrain(), f);
    }

    /**
     * Per (slice, metric, variant): cells whose base order is decided, and how many of them survive, flip or become
     * undecided; cells whose base phase is REVERSED and how many stay reversed. Keys in row order.
     */
    public static Map<List<Object>, int[]> summary(List<Row> rows) {
        Map<List<Object>, int[]> out = new LinkedHashMap<>();
        for (Row r : rows) {
            int[] c = out.computeIfAbsent(List.of(r.slice(), r.metric(), r.variant()), k -> new int[6]);
            if (r.order() != Verdict.NO_ORDER) c[0]++;
            if (r.order() == Verdict.SURVIVES) c[1]++;
            if (r.order() == Verdict.FLIPS) c[2]++;
            if (r.order() == Verdict.UNDECIDED) c[3]++;
            if (r.basePhase() == Phase.REVERSED) {
                c[4]++;
                if (r.phase() == Phase.REVERSED) c[5]++;
            }
        }
        return out;
    }

    /** robustness.csv. */
    public static String csv(List<Row> rows) {
        StringBuilder b = new StringBuilder("slice,metric,x,y,variant,baseSign,basePhase,sign,phase,mean,order,phaseSurvives\n");
        for (Row r : rows) {
            b.append(Csv.line(r.slice(), r.metric().name(), r.x(), r.y(), r.variant().name(), r.baseSign(), r.basePhase().name(), r.sign(),
                    r.phase().name(), r.mean(), r.order().name(), r.phaseSurvives()));
        }
        return b.toString();
    }

    /** robustness-summary.csv: the {@link #summary} as CSV. */
    public static String summaryCsv(List<Row> rows) {
        StringBuilder b = new StringBuilder("slice,metric,variant,decidedCells,survive,flip,undecided,reversedCells,stayReversed\n");
        for (Map.Entry<List<Object>, int[]> e : summary(rows).entrySet()) {
            int[] c = e.getValue();
            b.append(Csv.line(e.getKey().get(0), ((DMetric) e.getKey().get(1)).name(), ((TimeDefinition) e.getKey().get(2)).name(),
                    c[0], c[1], c[2], c[3], c[4], c[5]));
        }
        return b.toString();
    }
}
