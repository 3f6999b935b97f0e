package org.diffsweep.jobs.ledger;

import java.util.List;
import org.diffsweep.core.evaluator.ClassResult;
import org.diffsweep.core.evaluator.CurveKind;
import org.diffsweep.core.evaluator.PointCurves;

/**
 * The stored learning curves of one (point, class) ledger row, with what locates and explains them: the point's
 * coordinates and seed replica, and the row's per-class results (measured and predicted times). Spark-free; read by
 * {@link LedgerAggregation#curves}. Curves are float32 on the point's stored tau ({@link PointCurves}).
 *
 * @param pointId     the point's identity
 * @param pointIndex  position in the grid's canonical order
 * @param coordinates the point's value on each swept axis, in the sweep's axis order (null where absent)
 * @param seedIndex   seed replica, 0..K-1
 * @param classIndex  class index (0 = A, 1 = B, ...)
 * @param result      the row's per-class results ({@link MixtureTable#classResult})
 * @param tau         stored training times (paper units)
 * @param curves      indexed by {@link CurveKind#ordinal()}; an entry is null when that curve was not computed
 */
public record StoredCurve(String pointId, long pointIndex, List<Double> coordinates, int seedIndex, int classIndex,
                          ClassResult result, float[] tau, float[][] curves) {
    public StoredCurve {
        coordinates = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(coordinates));
        if (curves.length != CurveKind.values().length) throw new IllegalArgumentException("one entry per CurveKind expected");
    }

    /** One curve, or null when not computed. */
    public float[] curve(CurveKind k) { return curves[k.ordinal()]; }

    /** The stored curve as doubles (null when not computed). */
    public double[] values(CurveKind k) {
        float[] f = curves[k.ordinal()];
        if (f == null) return null;
        double[] d = new double[f.length];
        for (int i = 0; i < d.length; i++) d[i] = f[i];
        return d;
    }

    /** The stored tau as doubles. */
    public double[] tauValues() {
        double[] d = new double[tau.length];
        for (int i = 0; i < d.length; i++) d[i] = tau[i];
        return d;
    }
}
