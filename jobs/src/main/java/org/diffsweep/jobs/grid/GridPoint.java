package org.diffsweep.jobs.grid;

import java.util.Map;

/**
 * One point of an expanded sweep grid (design data-flow step 2).
 *
 * @param index        position in the grid's canonical order, 0-based
 * @param params       the fully resolved point (base spec with every axis value applied, seed included)
 * @param coordinates  axis name -> value of this point (insertion order = axis order), seeds excluded
 * @param seedIndex    which of the spec's {@code seeds: K} replicas this is, 0..K-1
 * @param <P>          the point type
 */
public record GridPoint<P>(long index, P params, Map<String, Double> coordinates, int seedIndex) {
    public GridPoint { coordinates = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(coordinates)); }
}
