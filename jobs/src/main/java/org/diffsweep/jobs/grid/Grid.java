package org.diffsweep.jobs.grid;

import java.io.Serializable;
import java.util.List;

/**
 * A lazily expanded sweep grid: points are produced on demand by index, so planning a 10^6-point grid never
 * materialises all points at once (design data-flow step 2). Serializable: Spark executors rebuild points from it
 * by index.
 *
 * @param <P> the point type
 */
public interface Grid<P> extends Serializable {
    /** Number of points, seeds included. */
    long size();

    /** The point at {@code index} in canonical order, 0 <= index < size(). */
    GridPoint<P> point(long index);

    /** Names of the swept axes, in order (e.g. "varianceRatio", "classes[0].variance"). */
    List<String> axisNames();
}
