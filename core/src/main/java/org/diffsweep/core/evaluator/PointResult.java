package org.diffsweep.core.evaluator;

import java.util.List;
import java.util.Map;

/**
 * Result of one grid point.
 *
 * @param status        outcome
 * @param diagnostic    human-readable reason when status is not OK, otherwise empty
 * @param globalTS      global speciation time t_S = 1/2 log Lambda (§6.2), or null
 * @param classes       one entry per class, in spec order
 * @param stageSeconds  wall time of each stage, seconds, in the order run (keys such as "features", "eigen", "spectrum")
 * @param curves        the per-class learning curves kept for the record (simulation and asymptotic theory, at most
 *                      64 tau, float32), or null when none were computed
 */
public record PointResult(PointStatus status, String diagnostic, Double globalTS, List<ClassResult> classes,
                          Map<String, Double> stageSeconds, PointCurves curves) implements Evaluated {
    /** A result without stored curves. */
    public PointResult(PointStatus status, String diagnostic, Double globalTS, List<ClassResult> classes,
                       Map<String, Double> stageSeconds) {
        this(status, diagnostic, globalTS, classes, stageSeconds, null);
    }

    public PointResult {
        classes = List.copyOf(classes);
        stageSeconds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stageSeconds));
        diagnostic = diagnostic == null ? "" : diagnostic;
    }
}
