package org.diffsweep.jobs.ledger;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.diffsweep.core.evaluator.ClassField;
import org.diffsweep.jobs.phase.BaselineRule;
import org.diffsweep.jobs.phase.CellKey;
import org.diffsweep.jobs.phase.CellStats;
import org.diffsweep.jobs.phase.PhaseAggregator;
import org.diffsweep.jobs.phase.PhaseCell;
import org.diffsweep.jobs.phase.SliceLayout;

/**
 * A Gaussian-mixture ledger reduced to what every output needs (no Spark types; built by {@link LedgerAggregation}):
 * the slice layout, the mergeable seed statistics of every order parameter per cell, which cells are balanced, the
 * per-cell class-time means, the problem points and the provenance. Driver memory is O(cells), not O(points).
 *
 * @param axes          swept axis names, spec order
 * @param axisValues    the distinct values of each axis present in the ledger
 * @param layout        the 2-D slicing of the axes
 * @param cells         seed statistics per (slice, metric, x, y); with C ≥ 3 classes every class pair has its own
 *                      slices ({@link org.diffsweep.jobs.phase.ClassPair})
 * @param balanced      cells whose points have equal class weights, as {@code List.of(slice, x, y)}
 * @param classMeans    per (axis values in {@code axes} order, then the class index) the seed means of every
 *                      aggregated {@link ClassField} (geometric or arithmetic as the field says) and of
 *                      {@link #GLOBAL_TS}; NaN when no seed has a value
 * @param problems      failed, partial and ambiguous points (capped)
 * @param statusCounts  points per status
 * @param codeVersions  distinct code versions in the ledger
 * @param specHashes    distinct spec hashes in the ledger
 */
public record AggregatedLedger(List<String> axes, Map<String, TreeSet<Double>> axisValues, SliceLayout layout,
                               Map<CellKey, CellStats> cells, Set<List<Object>> balanced,
                               Map<List<Double>, Map<String, Double>> classMeans, List<ProblemPoint> problems,
                               Map<String, Long> statusCounts, SortedSet<String> codeVersions,
                               SortedSet<String> specHashes) {
    /** Key of the global speciation time in {@link #classMeans}. */
    public static final String GLOBAL_TS = MixtureTable.GLOBAL_TS.name();

    /** Points in the ledger (deduplicated). */
    public long points() { return statusCounts.values().stream().mapToLong(Long::longValue).sum(); }

    /** The phase table: seed mean, interval, sign and phase of every (slice, metric, cell), at 95 % confidence. */
    public List<PhaseCell> phaseCells() {
        return PhaseAggregator.standard().summarise(cells, BaselineRule.fromBalanced(balanced));
    }

    /** Points whose status is not OK. */
    public long notOk() { return points() - statusCounts.getOrDefault("OK", 0L); }
}
