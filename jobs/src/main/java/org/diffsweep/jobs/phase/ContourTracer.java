package org.diffsweep.jobs.phase;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.analysis.solvers.BrentSolver;

/**
 * Marching-squares zero-contour tracer generalised to cells that are rings of vertices (a grid square has 4; a
 * quadtree leaf also carries the hanging vertices on its edges, so neighbouring leaves share sub-edges exactly).
 *
 * <p>A ring edge whose end values have different signs (value ≥ 0 counts as positive) carries one crossing,
 * computed once per edge and shared by both cells. Within a cell the crossings are paired so that each segment cuts
 * off a run of vertices whose sign differs from the cell-centre estimate (mean of the ring values): the usual
 * saddle disambiguation. Segments are then chained into polylines through their shared edges.
 */
final class ContourTracer {
    /** Vertex data, in internal (linear or log) coordinates. */
    interface Vertices {
        double u(long id);

        double v(long id);

        double value(long id);
    }

    private record Edge(long a, long b) {
        static Edge of(long p, long q) { return p < q ? new Edge(p, q) : new Edge(q, p); }
    }

    private static final double SOLVER_ABS = 1e-13;

    private final Vertices vertices;
    private final AxisScale xs;
    private final AxisScale ys;
    private final SliceFunction refiner;
    private final Map<Edge, double[]> crossings = new HashMap<>();
    private final List<Edge[]> segments = new ArrayList<>();

    ContourTracer(Vertices vertices, AxisScale xs, AxisScale ys, SliceFunction refiner) {
        this.vertices = vertices;
        this.xs = xs;
        this.ys = ys;
        this.refiner = refiner;
    }

    /** Adds one cell, its vertices in ring order; cells with a NaN value are skipped. */
    void addCell(long[] ring) {
        int n = ring.length;
        double[] f = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            f[k] = vertices.value(ring[k]);
            if (Double.isNaN(f[k])) return;
            sum += f[k];
        }
        List<Integer> at = new ArrayList<>(); // ring-edge index of each crossing
        for (int k = 0; k < n; k++) {
            if ((f[k] >= 0) != (f[(k + 1) % n] >= 0)) at.add(k);
        }
        int m = at.size();
        if (m == 0) return;
        boolean centrePositive = sum / n >= 0;
        int start = 0;
        if (m > 2) {
            for (int k = 0; k < m; k++) {
                boolean runPositive = f[(at.get(k) + 1) % n] >= 0;
                if (runPositive != centrePositive) {
                    start = k;
                    break;
                }
            }
        }
        for (int p = 0; p < m; p += 2) {
            int k1 = at.get((start + p) % m);
            int k2 = at.get((start + p + 1) % m);
            Edge e1 = crossing(ring[k1], ring[(k1 + 1) % n]);
            Edge e2 = crossing(ring[k2], ring[(k2 + 1) % n]);
            segments.add(new Edge[] {e1, e2});
        }
    }

    private Edge crossing(long p, long q) {
        Edge e = Edge.of(p, q);
        crossings.computeIfAbsent(e, z -> root(z.a(), z.b()));
        return e;
    }

    /** Crossing on edge a→b in internal coordinates: linear interpolation, or the refiner's bracketed root. */
    private double[] root(long a, long b) {
        double u0 = vertices.u(a);
        double v0 = vertices.v(a);
        double du = vertices.u(b) - u0;
        double dv = vertices.v(b) - v0;
        double fa = vertices.value(a);
        double fb = vertices.value(b);
        double s = fa / (fa - fb);
        if (refiner != null) {
            org.apache.commons.math3.analysis.UnivariateFunction g =
                    t -> refiner.value(xs.fromInternal(u0 + t * du), ys.fromInternal(v0 + t * dv));
            double g0 = g.value(0);
            double g1 = g.value(1);
            if (g0 == 0) {
                s = 0;
            } else if (g1 == 0) {
                s = 1;
            } else if (Double.isFinite(g0) && Double.isFinite(g1) && (g0 > 0) != (g1 > 0)) {
                s = new BrentSolver(SOLVER_ABS).solve(200, g, 0, 1, s);
            }
        }
        return new double[] {u0 + s * du, v0 + s * dv};
    }

    /** Chains all segments into polylines (axis coordinates); open ones first, then closed loops. */
    List<Polyline> polylines() {
        Map<Edge, List<Integer>> touching = new HashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            for (Edge e : segments.get(i)) touching.computeIfAbsent(e, z -> new ArrayList<>(2)).add(i);
        }
        boolean[] used = new boolean[segments.size()];
        List<Polyline> out = new ArrayList<>();
        // open chains start at a crossing touched by one segment only
        for (int i = 0; i < segments.size(); i++) {
            for (Edge end : segments.get(i)) {
                if (!used[i] && touching.get(end).size() == 1) out.add(walk(i, end, touching, used, false));
            }
        }
        for (int i = 0; i < segments.size(); i++) {
            if (!used[i]) out.add(walk(i, segments.get(i)[0], touching, used, true));
        }
        return out;
    }

    private Polyline walk(int first, Edge from, Map<Edge, List<Integer>> touching, boolean[] used, boolean loop) {
        List<Edge> chain = new ArrayList<>();
        chain.add(from);
        int seg = first;
        Edge cur = from;
        while (seg >= 0 && !used[seg]) {
            used[seg] = true;
            Edge[] s = segments.get(seg);
            Edge next = s[0].equals(cur) ? s[1] : s[0];
            chain.add(next);
            cur = next;
            seg = -1;
            for (int j : touching.get(cur)) {
                if (!used[j]) seg = j;
            }
        }
        boolean closed = loop || chain.get(0).equals(chain.get(chain.size() - 1)) && chain.size() > 2;
        double[] x = new double[chain.size()];
        double[] y = new double[chain.size()];
        for (int k = 0; k < chain.size(); k++) {
            double[] p = crossings.get(chain.get(k));
            x[k] = xs.fromInternal(p[0]);
            y[k] = ys.fromInternal(p[1]);
        }
        return new Polyline(x, y, closed);
    }
}
