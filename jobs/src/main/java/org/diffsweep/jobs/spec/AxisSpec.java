package org.diffsweep.jobs.spec;

import java.util.Map;
import java.util.TreeMap;

/**
 * One axis of a sweep: a {@code path} into the base point ({@code psiN}, {@code classes[0].variance}, ...) or a
 * derived two-class axis ({@code varianceRatio}, {@code imbalanceRatio}, {@code radiusRatio}, {@code angleDeg}),
 * and its values. The meaning of each path is documented in the README ("Spec formats").
 */
public record AxisSpec(String path, AxisRange range) {
    /** The values in grid order. */
    public double[] values() { return range.values(); }

    Map<String, Object> canonicalTree() {
        Map<String, Object> m = new TreeMap<>(range.canonicalTree());
        m.put("path", path);
        return m;
    }
}
