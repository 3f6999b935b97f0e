package org.diffsweep.jobs.sweep;

import java.io.Serializable;
import org.diffsweep.core.point.PointParams;

/**
 * Computes a point's identity (design step 2): a stable hex string from the point's coordinates and the evaluator's
 * name and version. Wire {@code PointIds::pointId}; must be serializable because executors call it.
 */
@FunctionalInterface
public interface PointIdFunction extends Serializable {
    String pointId(PointParams params, String evaluatorName, String evaluatorVersion);
}
