package org.diffsweep.jobs.spec;

import java.util.List;
import java.util.Map;
import org.diffsweep.core.point.PointField;
import org.diffsweep.core.point.PointFootprint;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.point.PointProblem;
import org.diffsweep.jobs.grid.GridPoint;
import org.diffsweep.jobs.plan.TaskHeap;

/**
 * Refuses, before anything runs, a point or a grid whose largest point cannot fit the heap one task gets
 * ({@link PointFootprint} against {@link TaskHeap}), with one line naming the field that sizes it:
 * {@code base.d = 100000: one point needs ~4800 GiB of heap (p x p matrices, ...), a task has 1.6 GiB (...); ...}.
 * A grid is judged at the corners of its axes ({@link SpecGrid#largestCorner}), never by enumerating it.
 */
public final class SizeJudge {
    /** Typical values of the sizing fields, to name the one furthest above its usual size. */
    private static final String TAU_POINTS = "tauGrid." + PointField.TAU_POINTS.key();
    private static final Map<String, Double> TYPICAL = Map.of(PointField.D.key(), 100.0, PointField.PSI_P.key(), 32.0,
            PointField.PSI_N.key(), 32.0, TAU_POINTS, 1000.0);

    private SizeJudge() {}

    /** Refuses {@code spec} when its largest grid point does not fit {@code heap}. */
    public static void check(SweepSpec spec, boolean simulate, TaskHeap heap) {
        SpecGrid g = spec.grid();
        GridPoint<PointParams> big = g.largestCorner(p -> PointFootprint.of(p, simulate).bytes());
        PointFootprint f = PointFootprint.of(big.params(), simulate);
        if (fits(f, heap)) return;
        String field = pick(f.fields(), big.params());
        List<String> axes = g.axisNames();
        int j = axes.indexOf(field);
        if (j < 0) for (String c : f.fields()) if (axes.contains(c)) j = axes.indexOf(c);
        if (j >= 0) {
            throw SpecException.of("axes[" + j + "]", axes.get(j) + " up to " + PointProblem.show(big.coordinates().get(axes.get(j))), why(f, heap));
        }
        throw SpecException.of("base." + field, value(field, big.params()), why(f, heap));
    }

    /** Refuses a single point ({@code point}, {@code spectrum --empirical}); fields are named as in a point file. */
    public static void check(PointParams p, boolean simulate, TaskHeap heap) {
        PointFootprint f = PointFootprint.of(p, simulate);
        if (fits(f, heap)) return;
        String field = pick(f.fields(), p);
        throw SpecException.of(field, value(field, p), why(f, heap));
    }

    static boolean fits(PointFootprint f, TaskHeap heap) { return !f.arrayTooLong() && f.bytes() <= heap.bytes(); }

    private static String why(PointFootprint f, TaskHeap heap) {
        return "one point needs ~" + PointFootprint.gib(f.bytes()) + " GiB of heap (" + f.dominant() + "), a task has "
                + PointFootprint.gib(heap.bytes()) + " GiB (" + heap.how() + ")"
                + (f.arrayTooLong() ? ", and its largest array (" + PointProblem.show(f.largestArray()) + " elements) exceeds Java's limit of 2^31"
                + " whatever the heap" : "")
                + "; lower d, psiP, psiN or tauGrid.points, or give each task more heap (DIFFSWEEP_MEM for local runs, spark.executor.memory"
                + " on a cluster) or run fewer tasks at once (--master local[1]); limits: docs/operations.md#size-limits";
    }

    private static String pick(List<String> fields, PointParams p) {
        String best = fields.get(0);
        double br = -1;
        for (String f : fields) {
            double r = number(f, p) / TYPICAL.getOrDefault(f, 1.0);
            if (r > br) {
                br = r;
                best = f;
            }
        }
        return best;
    }

    private static double number(String field, PointParams p) {
        if (field.equals(PointField.D.key())) return p.d();
        if (field.equals(PointField.PSI_P.key())) return p.psiP();
        if (field.equals(PointField.PSI_N.key())) return p.psiN();
        return p.tauGrid().points();
    }

    private static String value(String field, PointParams p) { return PointProblem.show(number(field, p)); }
}
