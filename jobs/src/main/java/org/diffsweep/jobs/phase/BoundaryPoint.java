package org.diffsweep.jobs.phase;

/**
 * One vertex of a boundary polyline: the row of the boundary table (Parquet/CSV).
 *
 * @param slice      slice name
 * @param series     which boundary, e.g. {@code "D_gen measured"}; uncertainty bands carry the suffixes
 *                   {@code ":plusCI"} (contour of mean + half-width) and {@code ":minusCI"} (mean − half-width)
 * @param polylineId index of the polyline within (slice, series)
 * @param vertex     index of the vertex within its polyline
 * @param x          x (axis units)
 * @param y          y (axis units)
 */
public record BoundaryPoint(String slice, String series, int polylineId, int vertex, double x, double y) {
}
