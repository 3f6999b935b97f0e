package org.diffsweep.jobs.phase;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The leaves of the adaptive quadtree implied by a set of evaluated lattice points: a cell is split when its
 * centre has been evaluated (refinement always adds the centre with the edge midpoints).
 */
final class Quadtree {
    /** A leaf: lower-left lattice corner, level, size in lattice units. */
    record Leaf(long ix, long iy, int level, long size) {
    }

    private Quadtree() {
    }

    static List<Leaf> leaves(RefinementLattice lat, Set<LatticePoint> evaluated) {
        List<Leaf> out = new ArrayList<>();
        long u = lat.unit();
        for (int j = 0; j < lat.y().size() - 1; j++) {
            for (int i = 0; i < lat.x().size() - 1; i++) collect(lat, evaluated, i * u, j * u, 0, out);
        }
        return out;
    }

    private static void collect(RefinementLattice lat, Set<LatticePoint> ev, long ix, long iy, int level,
                                List<Leaf> out) {
        long s = lat.step(level);
        long h = s / 2;
        if (level < lat.maxLevel() && ev.contains(new LatticePoint(ix + h, iy + h))) {
            collect(lat, ev, ix, iy, level + 1, out);
            collect(lat, ev, ix + h, iy, level + 1, out);
            collect(lat, ev, ix, iy + h, level + 1, out);
            collect(lat, ev, ix + h, iy + h, level + 1, out);
        } else {
            out.add(new Leaf(ix, iy, level, s));
        }
    }

    /**
     * The leaf's boundary, counter-clockwise from the lower-left corner: corners plus every evaluated lattice point
     * lying on its edges (hanging nodes from finer neighbours).
     */
    static List<LatticePoint> ring(Leaf c, Set<LatticePoint> ev) {
        List<LatticePoint> r = new ArrayList<>();
        long s = c.size();
        for (long k = 0; k < s; k++) { // bottom, left → right
            add(r, ev, c.ix() + k, c.iy(), k == 0);
        }
        for (long k = 0; k < s; k++) { // right, bottom → top
            add(r, ev, c.ix() + s, c.iy() + k, k == 0);
        }
        for (long k = 0; k < s; k++) { // top, right → left
            add(r, ev, c.ix() + s - k, c.iy() + s, k == 0);
        }
        for (long k = 0; k < s; k++) { // left, top → bottom
            add(r, ev, c.ix(), c.iy() + s - k, k == 0);
        }
        return r;
    }

    private static void add(List<LatticePoint> r, Set<LatticePoint> ev, long ix, long iy, boolean corner) {
        LatticePoint p = new LatticePoint(ix, iy);
        if (corner || ev.contains(p)) r.add(p);
    }
}
