package org.diffsweep.jobs.phase;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a cell's baseline lives (theory §12.8): the cell of the same slice and the same x (the same geometry) whose
 * points are balanced, i.e. whose two classes have equal weights. When the slice's y axis is the imbalance ratio,
 * that is the cell at y = 1; when balance does not change along y, a balanced cell is its own baseline and an
 * unbalanced one has none. This is the one definition of the baseline cell.
 */
@FunctionalInterface
public interface BaselineRule {
    /** The baseline cell of {@code key} (same metric), or {@code null} when there is none. */
    CellKey baselineOf(CellKey key);

    /**
     * The rule for a set of balanced cells, each given as {@code List.of(slice, x, y)}: a balanced cell is its own
     * baseline; otherwise the baseline is the one balanced cell of its (slice, x) column, or none when that column
     * has no balanced cell or several.
     */
    static BaselineRule fromBalanced(Set<List<Object>> balanced) {
        Map<List<Object>, List<Object>> byColumn = new HashMap<>();
        Map<List<Object>, Integer> count = new HashMap<>();
        for (List<Object> c : balanced) {
            List<Object> col = List.of(c.get(0), c.get(1));
            byColumn.put(col, c);
            count.merge(col, 1, Integer::sum);
        }
        return k -> {
            if (balanced.contains(List.of(k.slice(), k.x(), k.y()))) return k;
            List<Object> col = List.of(k.slice(), k.x());
            if (count.getOrDefault(col, 0) != 1) return null;
            List<Object> b = byColumn.get(col);
            return new CellKey(k.slice(), k.metric(), (Double) b.get(1), (Double) b.get(2));
        };
    }

    /** Two class weights closer than this are equal: the point is balanced (theory §12.8). */
    double BALANCE_TOLERANCE = 1e-12;

    /** The cells, as {@code List.of(slice, x, y)}, of the samples whose two classes have equal weights. */
    static Set<List<Object>> balancedCells(List<PairSample> samples) {
        Set<List<Object>> out = new java.util.HashSet<>();
        for (PairSample q : samples) {
            if (q.a() != null && q.b() != null && Math.abs(q.a().weight() - q.b().weight()) <= BALANCE_TOLERANCE) {
                out.add(List.of(q.slice(), q.x(), q.y()));
            }
        }
        return out;
    }

    /** The slice's y axis is the imbalance ratio: the baseline is (x, {@code balancedY}) in the same slice (tests). */
    static BaselineRule alongY(double balancedY) { return k -> new CellKey(k.slice(), k.metric(), k.x(), balancedY); }
}
