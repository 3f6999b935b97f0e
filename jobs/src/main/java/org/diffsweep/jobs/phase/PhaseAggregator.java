package org.diffsweep.jobs.phase;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seed aggregation of the order parameters and phase classification (theory.md §8, §12.8; design step 6).
 *
 * <p>Use it in two halves: {@link #accumulate} reduces any partition of {@link PairSample}s to mergeable
 * {@link CellStats} (run it per executor partition and combine with {@link #merge}); {@link #summarise} turns the
 * merged statistics into {@link PhaseCell} rows. The merged map has one entry per (slice, metric, cell), so driver
 * memory scales with the number of cells, not with the number of seeds or points.
 *
 * <p>Phase rules, in order: any seed missing → {@link Phase#MISSING}; any seed ambiguous (for metrics that use the
 * flag) → {@link Phase#AMBIGUOUS}; any seed censored → {@link Phase#CENSORED} (no mean, no interval: averaging only
 * the seeds on the grid would bias the cell; the sign column carries the sign every seed shares, exact or censored,
 * or 0); the interval contains 0 → {@link Phase#AMBIGUOUS}; baseline cell absent or undetermined (a censored
 * baseline counts as undetermined) → {@link Phase#NO_BASELINE}; sign equal to the baseline sign →
 * {@link Phase#BASELINE}; else {@link Phase#REVERSED}.
 */
public final class PhaseAggregator {
    private static final double COORD_RTOL = 1e-9;

    private final double level;
    private final Set<DMetric> metrics;

    private PhaseAggregator(double level, Set<DMetric> metrics) {
        this.level = level;
        this.metrics = metrics;
    }

    /**
     * @param confidenceLevel two-sided confidence level of the seed interval, in (0, 1), e.g. 0.95
     * @param metrics         which metrics to aggregate (empty = all)
     */
    public static PhaseAggregator of(double confidenceLevel, Set<DMetric> metrics) {
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidenceLevel must be in (0,1), got " + confidenceLevel);
        }
        Set<DMetric> m = metrics.isEmpty() ? EnumSet.allOf(DMetric.class) : EnumSet.copyOf(metrics);
        return new PhaseAggregator(confidenceLevel, m);
    }

    /** All metrics at 95 % confidence. */
    public static PhaseAggregator standard() { return of(0.95, Set.of()); }

    /** Reduces one partition of samples to per-(slice, metric, cell) accumulators. */
    public Map<CellKey, CellStats> accumulate(Iterable<PairSample> samples) {
        Map<CellKey, CellStats> out = new HashMap<>();
        for (PairSample s : samples) {
            boolean amb = (s.a() != null && s.a().ambiguous()) || (s.b() != null && s.b().ambiguous());
            for (DMetric m : metrics) {
                CellKey k = new CellKey(s.slice(), m, s.x(), s.y());
                out.merge(k, CellStats.EMPTY.plus(m.sample(s.a(), s.b()), amb && m.usesAmbiguityFlag()), CellStats::merge);
            }
        }
        return out;
    }

    /** Combines two partial aggregates (neither argument is modified). */
    public static Map<CellKey, CellStats> merge(Map<CellKey, CellStats> a, Map<CellKey, CellStats> b) {
        Map<CellKey, CellStats> out = new HashMap<>(a);
        b.forEach((k, v) -> out.merge(k, v, CellStats::merge));
        return out;
    }

    /**
     * Seed mean, interval, sign and phase of every cell, sorted by slice, metric, y, x.
     *
     * @param merged   the fully merged accumulators
     * @param baseline where each cell's baseline (pi_A = pi_B) lives
     */
    public List<PhaseCell> summarise(Map<CellKey, CellStats> merged, BaselineRule baseline) {
        Map<CellKey, int[]> signs = new HashMap<>();
        Map<CellKey, Boolean> determined = new HashMap<>();
        Map<List<Object>, java.util.TreeMap<Double, java.util.TreeMap<Double, CellKey>>> bySliceMetric =
                new HashMap<>();
        for (Map.Entry<CellKey, CellStats> e : merged.entrySet()) {
            CellKey k = e.getKey();
            CellStats c = e.getValue();
            int sign = c.censored() > 0 ? c.commonSign() : ReversalIndicator.sign(c.stats().count() == 0 ? Double.NaN
                    : c.stats().mean(), c.stats().ciHalfWidth(level));
            signs.put(k, new int[] {sign});
            determined.put(k, c.missing() == 0 && c.ambiguous() == 0 && c.censored() == 0 && c.stats().count() > 0 && sign != 0);
            bySliceMetric.computeIfAbsent(List.of(k.slice(), k.metric()), z -> new java.util.TreeMap<>())
                    .computeIfAbsent(k.x(), z -> new java.util.TreeMap<>()).put(k.y(), k);
        }
        List<PhaseCell> out = new ArrayList<>(merged.size());
        for (Map.Entry<CellKey, CellStats> e : merged.entrySet()) {
            CellKey k = e.getKey();
            CellStats c = e.getValue();
            RunningStats s = c.stats();
            boolean censored = c.censored() > 0;
            double mean = s.count() == 0 || censored ? Double.NaN : s.mean();
            double sd = censored ? Double.NaN : s.sd();
            double hw = censored ? Double.NaN : s.ciHalfWidth(level);
            int sign = signs.get(k)[0];
            int baseSign = 0;
            Phase phase;
            CellKey bk = null;
            if (!k.metric().isResidual()) {
                CellKey target = baseline.baselineOf(k);
                bk = target == null ? null : find(bySliceMetric.get(List.of(target.slice(), target.metric())), target);
                if (bk != null && determined.get(bk)) baseSign = signs.get(bk)[0];
            }
            if (k.metric().isResidual()) {
                phase = Phase.NOT_APPLICABLE;
            } else if (c.missing() > 0 || s.count() + c.censored() == 0) {
                phase = Phase.MISSING;
            } else if (c.ambiguous() > 0) {
                phase = Phase.AMBIGUOUS;
            } else if (censored) {
                phase = Phase.CENSORED;
            } else if (sign == 0) {
                phase = Phase.AMBIGUOUS;
            } else if (baseSign == 0) {
                phase = Phase.NO_BASELINE;
            } else {
                phase = ReversalIndicator.isReversed(sign, baseSign) ? Phase.REVERSED : Phase.BASELINE;
            }
            out.add(new PhaseCell(k.slice(), k.metric(), k.x(), k.y(), c.seeds(), c.missing(), c.censored(), c.ambiguous(),
                    mean, sd, hw, sign, baseSign, phase));
        }
        out.sort(Comparator.comparing(PhaseCell::slice).thenComparing(PhaseCell::metric)
                .thenComparingDouble(PhaseCell::y).thenComparingDouble(PhaseCell::x));
        return out;
    }

    private static CellKey find(java.util.TreeMap<Double, java.util.TreeMap<Double, CellKey>> grid, CellKey target) {
        if (grid == null) return null;
        java.util.TreeMap<Double, CellKey> column = nearest(grid, target.x());
        return column == null ? null : nearest(column, target.y());
    }

    /** The value whose key is within the relative tolerance of {@code key}, or null. */
    private static <V> V nearest(java.util.TreeMap<Double, V> map, double key) {
        Map.Entry<Double, V> lo = map.floorEntry(key);
        Map.Entry<Double, V> hi = map.ceilingEntry(key);
        if (lo != null && close(lo.getKey(), key)) return lo.getValue();
        if (hi != null && close(hi.getKey(), key)) return hi.getValue();
        return null;
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= COORD_RTOL * Math.max(Math.abs(a), Math.abs(b)) || a == b;
    }

    /**
     * Cells where the predictor and the measurement disagree on the phase: both phases are BASELINE or REVERSED and
     * differ. Keys are {@code List.of(slice, x, y)}.
     */
    public static Set<List<Object>> disagreements(List<PhaseCell> cells, DMetric measured, DMetric predicted) {
        Map<List<Object>, Phase> m = new LinkedHashMap<>();
        for (PhaseCell c : cells) {
            if (c.metric() == measured) m.put(List.of(c.slice(), c.x(), c.y()), c.phase());
        }
        Set<List<Object>> out = new HashSet<>();
        for (PhaseCell c : cells) {
            if (c.metric() != predicted) continue;
            List<Object> key = List.of(c.slice(), c.x(), c.y());
            Phase pm = m.get(key);
            if (decided(pm) && decided(c.phase()) && pm != c.phase()) out.add(key);
        }
        return out;
    }

    private static boolean decided(Phase p) { return p == Phase.BASELINE || p == Phase.REVERSED; }
}
