package org.diffsweep.jobs.fit;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.diffsweep.core.evaluator.ClassResult;
import org.diffsweep.jobs.phase.AxisScale;
import org.diffsweep.jobs.phase.CellStats;
import org.diffsweep.jobs.phase.DMetric;
import org.diffsweep.jobs.phase.SeedValue;
import org.diffsweep.jobs.phase.SliceLayout;

/**
 * The fit's input (pure): per parameter point (one combination of the sweep's coordinates) the seed statistics of
 * every target order parameter, with censored and missing seeds counted ({@link CellStats}). A point enters the
 * regression of a target only when every seed has an exact value; its response is the seed mean (docs/science.md
 * "Censored times").
 */
public final class FitData {
    /** The targets fitted, in output order: the measured order parameters of classes 0 and 1. */
    public static final List<DMetric> TARGETS = List.of(DMetric.GEN_MEASURED, DMetric.MEM_MEASURED, DMetric.X_AB_MEASURED,
            DMetric.X_BA_MEASURED);

    private final List<String> names;
    private final Map<String, AxisScale> declared;
    private final Map<List<Double>, Map<DMetric, CellStats>> points = new LinkedHashMap<>();

    /** @param names the coordinate names (the sweep's axes and design ranges), in coordinate order */
    public FitData(List<String> names) { this(names, Map.of()); }

    /**
     * @param names    the coordinate names, in coordinate order
     * @param declared scales the spec declares (a design range's log or linear), which override the axis rule
     */
    public FitData(List<String> names, Map<String, AxisScale> declared) {
        this.names = List.copyOf(names);
        this.declared = Map.copyOf(declared);
    }

    public List<String> names() { return names; }

    /** Adds one seed of the point at {@code coordinates} (classes A, B; null = no row). */
    public void add(double[] coordinates, ClassResult a, ClassResult b) {
        if (coordinates.length != names.size()) {
            throw new IllegalArgumentException(coordinates.length + " coordinates for " + names.size() + " names");
        }
        List<Double> key = new ArrayList<>();
        for (double c : coordinates) key.add(c);
        Map<DMetric, CellStats> m = points.computeIfAbsent(key, k -> new EnumMap<>(DMetric.class));
        for (DMetric t : TARGETS) {
            SeedValue v = t.sample(a, b);
            m.merge(t, CellStats.EMPTY.plus(v, false), CellStats::merge);
        }
    }

    /** Parameter points seen. */
    public int points() { return points.size(); }

    /**
     * The features: every coordinate with at least two distinct finite values, on the scale the spec declares for it
     * (a design range), else on a log scale when all its values are positive and it is a ratio or spans a decade
     * (the slice axes' rule, {@link SliceLayout#axis}).
     */
    public List<FitFeature> features() {
        List<FitFeature> out = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            TreeSet<Double> v = new TreeSet<>();
            for (List<Double> k : points.keySet()) if (k.get(j) != null && Double.isFinite(k.get(j))) v.add(k.get(j));
            if (v.size() < 2) continue;
            AxisScale s = declared.containsKey(names.get(j)) ? declared.get(names.get(j)) : SliceLayout.axis(names.get(j), v).scale();
            out.add(new FitFeature(names.get(j), j, s, v.first(), v.last()));
        }
        return out;
    }

    /**
     * The regression table of one target.
     *
     * @param x        feature rows (internal coordinates: ln of log-scaled features)
     * @param y        seed means
     * @param censored points left out because a seed is censored
     * @param missing  points left out because a seed's value was not computed
     */
    public record Table(double[][] x, double[] y, int censored, int missing) {
        public int size() { return y.length; }
    }

    /** The table of {@code target} over {@code features}. */
    public Table table(DMetric target, List<FitFeature> features) {
        List<double[]> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        int censored = 0, missing = 0;
        for (Map.Entry<List<Double>, Map<DMetric, CellStats>> e : points.entrySet()) {
            CellStats c = e.getValue().get(target);
            if (c.missing() > 0 || c.stats().count() + c.censored() == 0) {
                missing++;
                continue;
            }
            if (c.censored() > 0) {
                censored++;
                continue;
            }
            double[] row = new double[features.size()];
            for (int f = 0; f < row.length; f++) row[f] = features.get(f).internal(e.getKey().get(features.get(f).column()));
            xs.add(row);
            ys.add(c.stats().mean());
        }
        return new Table(xs.toArray(new double[0][]), ys.stream().mapToDouble(Double::doubleValue).toArray(), censored, missing);
    }
}
