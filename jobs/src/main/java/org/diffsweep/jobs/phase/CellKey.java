package org.diffsweep.jobs.phase;

import java.io.Serializable;

/**
 * Aggregation key: one metric at one cell (x, y) of one slice.
 *
 * @param slice  slice name
 * @param metric order parameter or residual
 * @param x      x coordinate (axis units)
 * @param y      y coordinate (axis units)
 */
public record CellKey(String slice, DMetric metric, double x, double y) implements Serializable {
}
