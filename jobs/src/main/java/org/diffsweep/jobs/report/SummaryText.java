package org.diffsweep.jobs.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.diffsweep.jobs.ledger.AggregatedLedger;
import org.diffsweep.jobs.phase.DMetric;
import org.diffsweep.jobs.phase.Phase;
import org.diffsweep.jobs.phase.PhaseCell;
import org.diffsweep.jobs.phase.PhaseTables;

/**
 * {@code summary.txt}: provenance, point counts and, per slice, the measured D_gen phase counts and where D_gen
 * changes sign along y (interpolated zero), all from the same aggregated tables as the report.
 */
final class SummaryText {
    /** Most sign changes listed. */
    static final int MAX_SIGN_CHANGES = 40;

    private SummaryText() {}

    /**
     * @param name       sweep name
     * @param evaluator  "name version"
     * @param gridPoints points of the spec's grid (seeds included), or -1 when unknown
     */
    static String render(String name, String evaluator, long gridPoints, AggregatedLedger agg, List<PhaseCell> cells) {
        StringBuilder s = new StringBuilder();
        s.append("sweep: ").append(name).append('\n');
        s.append("specHash: ").append(String.join(", ", agg.specHashes())).append('\n');
        s.append("code version: ").append(String.join(", ", agg.codeVersions())).append('\n');
        s.append("evaluator: ").append(evaluator).append('\n');
        s.append("points: ").append(gridPoints >= 0 ? gridPoints + " in the grid (seeds included), " : "")
                .append(agg.points()).append(" in the ledger\n");
        s.append("failures: ").append(agg.notOk()).append(" points with status other than OK");
        if (agg.notOk() > 0) s.append(' ').append(agg.statusCounts());
        s.append('\n');
        if (!agg.layout().hasMap()) {
            s.append("phase diagram: not drawn (needs two swept axes)\n");
            return s.toString();
        }
        String xName = agg.layout().x().name(), yName = agg.layout().y().name();
        List<String> changes = new ArrayList<>();
        for (String slice : new java.util.TreeSet<>(cells.stream().map(PhaseCell::slice).toList())) {
            int neg = 0, pos = 0, none = 0;
            double[][] v = new double[agg.layout().x().size()][agg.layout().y().size()];
            for (double[] row : v) java.util.Arrays.fill(row, Double.NaN);
            for (PhaseCell c : cells) {
                if (c.metric() != DMetric.GEN_MEASURED || !c.slice().equals(slice)) continue;
                int i = agg.layout().x().indexOf(c.x()), j = agg.layout().y().indexOf(c.y());
                if (c.phase() == Phase.MISSING || Double.isNaN(c.mean())) none++;
                else if (c.mean() < 0) neg++;
                else pos++;
                if (i >= 0 && j >= 0 && c.phase() != Phase.MISSING) v[i][j] = c.mean();
            }
            s.append(String.format(Locale.ROOT, "D_gen = ln(tau_gen,A / tau_gen,B), measured seed mean, slice %s over %s x %s:"
                    + " %d cells < 0, %d >= 0, %d missing%n", slice, xName, yName, neg, pos, none));
            for (int i = 0; i < v.length; i++) {
                int prev = -1;
                for (int k = 0; k < v[i].length; k++) {
                    if (Double.isNaN(v[i][k]) || v[i][k] == 0) continue;
                    if (prev >= 0 && Math.signum(v[i][prev]) != Math.signum(v[i][k])) {
                        double f = v[i][prev] / (v[i][prev] - v[i][k]);
                        double y0 = agg.layout().y().internal(prev), y1 = agg.layout().y().internal(k);
                        double z = agg.layout().y().scale().fromInternal(y0 + f * (y1 - y0));
                        changes.add(slice + ", " + xName + " = " + PhaseTables.shortNumber(agg.layout().x().value(i)) + ": between "
                                + yName + " = " + PhaseTables.shortNumber(agg.layout().y().value(prev)) + " and "
                                + PhaseTables.shortNumber(agg.layout().y().value(k)) + " (" + PhaseTables.shortNumber(z) + ")");
                    }
                    prev = k;
                }
            }
        }
        if (changes.isEmpty()) {
            s.append("D_gen sign changes: none along ").append(yName).append('\n');
        } else {
            s.append("D_gen changes sign (along ").append(yName).append(", interpolated zero in parentheses):\n");
            for (int k = 0; k < Math.min(MAX_SIGN_CHANGES, changes.size()); k++) s.append("  ").append(changes.get(k)).append('\n');
            if (changes.size() > MAX_SIGN_CHANGES) s.append("  ... ").append(changes.size() - MAX_SIGN_CHANGES).append(" more\n");
        }
        return s.toString();
    }
}
