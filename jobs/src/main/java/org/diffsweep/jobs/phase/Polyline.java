package org.diffsweep.jobs.phase;

/**
 * One connected piece of a contour, in axis coordinates.
 *
 * @param x      vertex x values
 * @param y      vertex y values
 * @param closed true for a closed loop (the first vertex is repeated at the end)
 */
public record Polyline(double[] x, double[] y, boolean closed) {
    public Polyline {
        if (x.length != y.length) throw new IllegalArgumentException("x and y lengths differ");
        x = x.clone();
        y = y.clone();
    }

    public int size() { return x.length; }
}
