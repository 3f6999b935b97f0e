package org.diffsweep.jobs.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.diffsweep.jobs.phase.DMetric;
import org.diffsweep.jobs.phase.Phase;
import org.diffsweep.jobs.phase.PhaseCell;
import org.diffsweep.jobs.phase.PhaseTables;

/**
 * Plain-text findings generated from the phase table: for each slice and order parameter, how many cells are in
 * each phase and, where the order is reversed, the range of the y axis over which it is reversed at each x value;
 * for each predictor, in how many decided cells it agrees with the measurement.
 */
public final class ReversalSummary {
    private ReversalSummary() {
    }

    /**
     * @param cells phase table rows (any slices and metrics; residuals are ignored)
     * @param xName name of the slices' x axis (e.g. "variance ratio")
     * @param yName name of the slices' y axis (e.g. "imbalance ratio")
     * @return one sentence per (slice, metric), then one per (slice, predictor) agreement
     */
    public static List<String> describe(List<PhaseCell> cells, String xName, String yName) {
        Map<String, Map<DMetric, List<PhaseCell>>> bySlice = new TreeMap<>();
        for (PhaseCell c : cells) {
            if (!c.metric().isResidual()) {
                bySlice.computeIfAbsent(c.slice(), z -> new EnumMap<>(DMetric.class))
                        .computeIfAbsent(c.metric(), z -> new ArrayList<>()).add(c);
            }
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Map<DMetric, List<PhaseCell>>> s : bySlice.entrySet()) {
            for (Map.Entry<DMetric, List<PhaseCell>> m : s.getValue().entrySet()) {
                out.add(sentence(s.getKey(), m.getKey(), m.getValue(), xName, yName));
            }
            for (Map.Entry<DMetric, List<PhaseCell>> m : s.getValue().entrySet()) {
                DMetric pred = m.getKey();
                if (pred.source() == DMetric.Source.MEASURED) {
                    continue;
                }
                List<PhaseCell> meas = s.getValue().get(pred.measured());
                if (meas != null) {
                    out.add(agreement(s.getKey(), pred, meas, m.getValue()));
                }
            }
        }
        return out;
    }

    private static String sentence(String slice, DMetric metric, List<PhaseCell> cells, String xName, String yName) {
        Map<Phase, Integer> count = new EnumMap<>(Phase.class);
        TreeMap<Double, double[]> reversedY = new TreeMap<>();
        for (PhaseCell c : cells) {
            count.merge(c.phase(), 1, Integer::sum);
            if (c.phase() == Phase.REVERSED) {
                reversedY.merge(c.x(), new double[] {c.y(), c.y()},
                        (a, b) -> new double[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Slice ").append(slice).append(", ").append(metric.label()).append(": ");
        int rev = count.getOrDefault(Phase.REVERSED, 0);
        int base = count.getOrDefault(Phase.BASELINE, 0);
        if (rev == 0 && base == 0) {
            sb.append("no cell has a decided phase");
        } else if (rev == 0) {
            sb.append("no reversal in the explored range (baseline order in ").append(base).append(" of ")
                    .append(cells.size()).append(" cells)");
        } else {
            sb.append("reversed in ").append(rev).append(" of ").append(cells.size()).append(" cells; ");
            List<String> parts = new ArrayList<>();
            for (Map.Entry<Double, double[]> e : reversedY.entrySet()) {
                double[] r = e.getValue();
                String range = r[0] == r[1] ? "= " + PhaseTables.shortNumber(r[0])
                        : "in [" + PhaseTables.shortNumber(r[0]) + ", " + PhaseTables.shortNumber(r[1]) + "]";
                parts.add("at " + xName + " = " + PhaseTables.shortNumber(e.getKey()) + " for " + yName + " " + range);
            }
            sb.append(String.join("; ", parts));
        }
        Map<Phase, Integer> other = new LinkedHashMap<>();
        for (Phase p : new Phase[] {Phase.AMBIGUOUS, Phase.NO_BASELINE, Phase.MISSING}) {
            if (count.getOrDefault(p, 0) > 0) {
                other.put(p, count.get(p));
            }
        }
        if (!other.isEmpty()) {
            List<String> o = new ArrayList<>();
            other.forEach((p, n) -> o.add(n + " " + p.name().toLowerCase().replace('_', ' ')));
            sb.append(" (").append(String.join(", ", o)).append(')');
        }
        return sb.append('.').toString();
    }

    private static String agreement(String slice, DMetric pred, List<PhaseCell> meas, List<PhaseCell> predicted) {
        Map<List<Double>, Phase> m = new LinkedHashMap<>();
        for (PhaseCell c : meas) {
            m.put(List.of(c.x(), c.y()), c.phase());
        }
        int both = 0;
        int agree = 0;
        for (PhaseCell c : predicted) {
            Phase pm = m.get(List.of(c.x(), c.y()));
            if (decided(pm) && decided(c.phase())) {
                both++;
                agree += pm == c.phase() ? 1 : 0;
            }
        }
        if (both == 0) {
            return "Slice " + slice + ", " + pred.label() + " vs measured: no cell where both phases are decided.";
        }
        return "Slice " + slice + ", " + pred.label() + " vs measured: same phase in " + agree + " of " + both
                + " cells where both are decided" + (both > agree ? " (disagreements are hatched in the phase maps)."
                : ".");
    }

    private static boolean decided(Phase p) {
        return p == Phase.BASELINE || p == Phase.REVERSED;
    }
}
