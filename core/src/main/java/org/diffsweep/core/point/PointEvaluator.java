package org.diffsweep.core.point;

/**
 * A pure function from a grid point to its result (design §4). Implementations must be deterministic given
 * {@code pointId}: every random stream is derived from it (see {@link org.diffsweep.core.random.RandomStreams}).
 * Numerical failures are reported through {@link PointResult#status()}, never thrown.
 */
public interface PointEvaluator {
    /** Stable name, part of every pointId. */
    String name();

    /** Version; bump when results for the same point change. Part of every pointId. */
    String version();

    /** Evaluates one point. */
    PointResult evaluate(PointParams params, String pointId);
}
