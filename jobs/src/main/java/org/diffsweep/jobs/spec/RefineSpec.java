package org.diffsweep.jobs.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.diffsweep.jobs.phase.DMetric;

/**
 * The sweep spec's optional {@code refine:} block (design step 7; off when absent): after the base grid, each wave
 * adds the points that {@link org.diffsweep.jobs.phase.RefinementPlanner} asks for in every 2-D slice, until no cell
 * above the tolerance is flagged, the budget is reached, or {@code maxWaves} refinement waves have run.
 *
 * <pre>refine: {metric: GEN_MEASURED, tolerance: 0.05, budget: 500, maxWaves: 6}</pre>
 *
 * @param metric    the order parameter whose sign is refined (a non-residual {@link DMetric}; default GEN_MEASURED)
 * @param tolerance finest cell width in the axes' internal coordinates (natural-log units on ratio axes), > 0
 *                  (default 0.05)
 * @param budget    most evaluated points per slice and seed, base grid included (default 500)
 * @param maxWaves  most refinement waves after the base grid, >= 1 (default 6)
 */
public record RefineSpec(DMetric metric, double tolerance, long budget, int maxWaves) {
    public static final List<String> KEYS = List.of("metric", "tolerance", "budget", "maxWaves");

    /** Parses and validates the block; {@code xyPoints} = base points per slice (budget must cover them). */
    static RefineSpec fromNode(JsonNode n, int sweptAxes, long xyPoints) {
        String path = "refine";
        if (!n.isObject()) {
            throw SpecException.of(path, Yaml.show(n), "must be a mapping {" + String.join(", ", KEYS) + "}");
        }
        Yaml.checkKeys(n, path, KEYS);
        if (sweptAxes < 2) {
            throw SpecException.of(path, Yaml.show(n), "refinement needs at least two axes (a 2-D slice); the spec has "
                    + sweptAxes);
        }
        DMetric metric = DMetric.GEN_MEASURED;
        if (n.has("metric")) {
            String m = Yaml.text(n.get("metric"), "refine.metric", "a metric name");
            try {
                metric = DMetric.valueOf(m);
            } catch (IllegalArgumentException e) {
                metric = null;
            }
            if (metric == null || metric.isResidual()) {
                throw SpecException.of("refine.metric", m, "must be one of " + String.join(", ",
                        java.util.Arrays.stream(DMetric.values()).filter(x -> !x.isResidual()).map(Enum::name).toList()));
            }
        }
        double tol = 0.05;
        if (n.has("tolerance")) {
            tol = Yaml.number(n.get("tolerance"), "refine.tolerance", "a number > 0");
            if (!(tol > 0)) throw SpecException.of("refine.tolerance", Yaml.show(n.get("tolerance")), "must be > 0");
        }
        long budget = 500;
        if (n.has("budget")) budget = Yaml.integer(n.get("budget"), "refine.budget", "an integer");
        if (budget < xyPoints) {
            throw SpecException.of("refine.budget", Long.toString(budget), "must be >= the " + xyPoints
                    + " base points of a 2-D slice");
        }
        long waves = 6;
        if (n.has("maxWaves")) waves = Yaml.integer(n.get("maxWaves"), "refine.maxWaves", "an integer >= 1");
        if (waves < 1 || waves > 64) throw SpecException.of("refine.maxWaves", Long.toString(waves), "must be in 1..64");
        return new RefineSpec(metric, tol, budget, (int) waves);
    }

    /** The spec's refine block, or null when it has none (refinement off). */
    public static RefineSpec of(SweepSpec spec) {
        JsonNode n = Yaml.parseMapping(spec.rawText(), "spec", String.join(", ", SweepSpec.KEYS.subList(0, 5)));
        JsonNode r = n.get("refine");
        return r == null || r.isNull() ? null : fromNode(r, spec.axes().size(), xyPoints(spec));
    }

    /** Base points of the largest 2-D slice: product of the two largest axis sizes. */
    static long xyPoints(SweepSpec spec) {
        long[] s = spec.axes().stream().mapToLong(a -> a.values().length).sorted().toArray();
        return (s.length > 0 ? s[s.length - 1] : 1) * (s.length > 1 ? s[s.length - 2] : 1);
    }
}
