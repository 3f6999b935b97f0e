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
 * Findings generated from the phase table: a table of where each order parameter is reversed, per slice, and for
 * each predictor a sentence saying in how many decided cells it agrees with the measurement.
 */
public final class ReversalSummary {
    private ReversalSummary() {
    }

    /**
     * One sentence per (slice, predictor): in how many decided cells the predictor's phase agrees with the
     * measurement.
     *
     * @param cells phase table rows (any slices and metrics; residuals are ignored)
     */
    public static List<String> describe(List<PhaseCell> cells) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Map<DMetric, List<PhaseCell>>> s : bySlice(cells).entrySet()) {
            for (Map.Entry<DMetric, List<PhaseCell>> m : s.getValue().entrySet()) {
                DMetric pred = m.getKey();
                if (pred.source() == DMetric.Source.MEASURED) continue;
                List<PhaseCell> meas = s.getValue().get(pred.measured());
                if (meas != null) out.add(agreement(s.getKey(), pred, meas, m.getValue()));
            }
        }
        return out;
    }

    /**
     * Where reversal occurs, as a table: per slice and order parameter, the number of cells in each phase and, for
     * each x with reversed cells, the range of y over which the order is reversed.
     */
    public static ReportTable reversalTable(List<PhaseCell> cells, String xName, String yName) {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, Map<DMetric, List<PhaseCell>>> s : bySlice(cells).entrySet()) {
            for (Map.Entry<DMetric, List<PhaseCell>> m : s.getValue().entrySet()) {
                Map<Phase, Integer> count = new EnumMap<>(Phase.class);
                for (PhaseCell c : m.getValue()) count.merge(c.phase(), 1, Integer::sum);
                List<String> row = new ArrayList<>(List.of(s.getKey(), m.getKey().label()));
                for (Phase p : COUNTED) row.add(Integer.toString(count.getOrDefault(p, 0)));
                row.add(yRanges(m.getValue().stream().filter(c -> c.phase() == Phase.REVERSED).toList()));
                rows.add(row);
            }
        }
        return new ReportTable("Where reversal occurs (cells per phase; reversed " + yName + " range at each " + xName + ")",
                header(xName, yName), rows);
    }

    /**
     * Where one class is memorized before the other has generalized: per slice and cross-class window (X_AB, X_BA,
     * measured and asymptotic), the cells whose sign is −1 (X &lt; 0 with its seed interval below 0), +1 and 0, and
     * for each x with X &lt; 0 the range of y where it holds.
     */
    public static ReportTable windowTable(List<PhaseCell> cells, String xName, String yName) {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, Map<DMetric, List<PhaseCell>>> s : bySlice(cells).entrySet()) {
            for (Map.Entry<DMetric, List<PhaseCell>> m : s.getValue().entrySet()) {
                DMetric.Quantity q = m.getKey().quantity();
                if (q != DMetric.Quantity.X_AB && q != DMetric.Quantity.X_BA) continue;
                List<PhaseCell> neg = m.getValue().stream().filter(c -> c.sign() < 0).toList();
                long pos = m.getValue().stream().filter(c -> c.sign() > 0).count();
                rows.add(List.of(s.getKey(), m.getKey().label(), Integer.toString(neg.size()), Long.toString(pos),
                        Long.toString(m.getValue().size() - neg.size() - pos), yRanges(neg)));
            }
        }
        return new ReportTable("Cross-class windows: where one class is memorized before the other has generalized (X < 0)",
                List.of("slice", "cross-class window", "cells X < 0", "cells X > 0", "undecided", "X < 0 at " + xName + ": " + yName), rows);
    }

    /** Per x of {@code cells}, the y range they cover ({@code "x: y"} or {@code "x: [y0, y1]"}); "none" without cells. */
    private static String yRanges(List<PhaseCell> cells) {
        TreeMap<Double, double[]> at = new TreeMap<>();
        for (PhaseCell c : cells) at.merge(c.x(), new double[] {c.y(), c.y()}, (a, b) -> new double[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        List<String> w = new ArrayList<>();
        for (Map.Entry<Double, double[]> e : at.entrySet()) {
            double[] r = e.getValue();
            w.add(PhaseTables.shortNumber(e.getKey()) + ": " + (r[0] == r[1] ? PhaseTables.shortNumber(r[0])
                    : "[" + PhaseTables.shortNumber(r[0]) + ", " + PhaseTables.shortNumber(r[1]) + "]"));
        }
        return w.isEmpty() ? "none" : String.join("; ", w);
    }

    /** The phases counted in the table, in column order. */
    private static final List<Phase> COUNTED = List.of(Phase.BASELINE, Phase.REVERSED, Phase.AMBIGUOUS, Phase.NO_BASELINE, Phase.CENSORED,
            Phase.MISSING);

    private static List<String> header(String xName, String yName) {
        List<String> h = new ArrayList<>(List.of("slice", "order parameter"));
        for (Phase p : COUNTED) h.add(p.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        h.add("reversed at " + xName + ": " + yName);
        return h;
    }

    private static Map<String, Map<DMetric, List<PhaseCell>>> bySlice(List<PhaseCell> cells) {
        Map<String, Map<DMetric, List<PhaseCell>>> bySlice = new TreeMap<>();
        for (PhaseCell c : cells) {
            if (!c.metric().isResidual()) {
                bySlice.computeIfAbsent(c.slice(), z -> new EnumMap<>(DMetric.class)).computeIfAbsent(c.metric(), z -> new ArrayList<>()).add(c);
            }
        }
        return bySlice;
    }

    private static String agreement(String slice, DMetric pred, List<PhaseCell> meas, List<PhaseCell> predicted) {
        Map<List<Double>, Phase> m = new LinkedHashMap<>();
        for (PhaseCell c : meas) m.put(List.of(c.x(), c.y()), c.phase());
        int both = 0;
        int agree = 0;
        for (PhaseCell c : predicted) {
            Phase pm = m.get(List.of(c.x(), c.y()));
            if (decided(pm) && decided(c.phase())) {
                both++;
                agree += pm == c.phase() ? 1 : 0;
            }
        }
        if (both == 0) return "Slice " + slice + ", " + pred.label() + " vs measured: no cell where both phases are decided.";
        return "Slice " + slice + ", " + pred.label() + " vs measured: same phase in " + agree + " of " + both
                + " cells where both are decided" + (both > agree ? " (disagreements are hatched in the phase maps)."
                : ".");
    }

    private static boolean decided(Phase p) { return p == Phase.BASELINE || p == Phase.REVERSED; }
}
