package org.diffsweep.jobs.phase;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reversal boundary, the D = 0 contour of a slice (theory.md §8 "reversal boundary"; design step 6).
 *
 * <p>Marching squares flags grid edges whose end values differ in sign; the crossing on a flagged edge is the root
 * of the linear interpolant in internal coordinates (so in log R_π on a log axis, as §8 prescribes), or, when a
 * cheap analytic {@link SliceFunction} is supplied and brackets a root on that edge, its root by Brent's method
 * (commons-math3). Error of the linear crossing along an edge of internal length h (standard interpolation
 * bound): |s − s*| ≤ h² max|f''| / (8 min|f'|), derivatives along the edge.
 *
 * <p>Uncertainty from seeds: {@link #withUncertainty} also traces mean + h = 0 and mean − h = 0 (h the confidence
 * half-width), which bracket the boundary's confidence band.
 */
public final class BoundaryExtractor {
    private BoundaryExtractor() {
    }

    /** Zero contour of a gridded field; {@code refiner} may be null (linear interpolation only). */
    public static List<Polyline> trace(SliceField field, SliceFunction refiner) {
        int nx = field.x().size();
        int ny = field.y().size();
        double[] u = new double[nx];
        double[] v = new double[ny];
        for (int i = 0; i < nx; i++) u[i] = field.x().internal(i);
        for (int j = 0; j < ny; j++) v[j] = field.y().internal(j);
        ContourTracer.Vertices vs = new ContourTracer.Vertices() {
            @Override
            public double u(long id) { return u[(int) (id % nx)]; }

            @Override
            public double v(long id) { return v[(int) (id / nx)]; }

            @Override
            public double value(long id) { return field.values()[(int) id]; }
        };
        ContourTracer t = new ContourTracer(vs, field.x().scale(), field.y().scale(), refiner);
        for (int j = 0; j + 1 < ny; j++) {
            for (int i = 0; i + 1 < nx; i++) {
                long a = i + (long) j * nx;
                t.addCell(new long[] {a, a + 1, a + 1 + nx, a + nx});
            }
        }
        return t.polylines();
    }

    /**
     * Zero contour over the adaptive quadtree of evaluated lattice points (leaves with their hanging nodes).
     *
     * @param values   evaluated value at each lattice point (NaN = failed)
     * @param refiner  optional analytic predictor, may be null
     */
    public static List<Polyline> trace(RefinementLattice lattice, Map<LatticePoint, Double> values,
                                       SliceFunction refiner) {
        long stride = lattice.maxIy() + 1;
        Map<Long, Double> byId = new HashMap<>();
        values.forEach((p, val) -> byId.put(p.ix() * stride + p.iy(), val));
        ContourTracer.Vertices vs = new ContourTracer.Vertices() {
            @Override
            public double u(long id) { return lattice.u(id / stride); }

            @Override
            public double v(long id) { return lattice.v(id % stride); }

            @Override
            public double value(long id) {
                Double d = byId.get(id);
                return d == null ? Double.NaN : d;
            }
        };
        ContourTracer t = new ContourTracer(vs, lattice.x().scale(), lattice.y().scale(), refiner);
        for (Quadtree.Leaf leaf : Quadtree.leaves(lattice, values.keySet())) {
            List<LatticePoint> ring = Quadtree.ring(leaf, values.keySet());
            long[] ids = new long[ring.size()];
            for (int k = 0; k < ids.length; k++) ids[k] = ring.get(k).ix() * stride + ring.get(k).iy();
            t.addCell(ids);
        }
        return t.polylines();
    }

    /** Polylines as table rows. */
    public static List<BoundaryPoint> toPoints(String slice, String series, List<Polyline> lines) {
        List<BoundaryPoint> out = new ArrayList<>();
        for (int p = 0; p < lines.size(); p++) {
            Polyline l = lines.get(p);
            for (int k = 0; k < l.size(); k++) out.add(new BoundaryPoint(slice, series, p, k, l.x()[k], l.y()[k]));
        }
        return out;
    }

    /**
     * The boundary of the seed mean with its confidence band: series {@code series} (mean = 0),
     * {@code series + ":plusCI"} (mean + h = 0) and {@code series + ":minusCI"} (mean − h = 0). NaN half-widths
     * (single seed) count as 0.
     */
    public static List<BoundaryPoint> withUncertainty(String slice, String series, SliceField mean,
                                                      SliceField halfWidth, SliceFunction refiner) {
        double[] m = mean.values();
        double[] h = halfWidth.values();
        double[] plus = new double[m.length];
        double[] minus = new double[m.length];
        for (int k = 0; k < m.length; k++) {
            double hk = Double.isNaN(h[k]) ? 0 : h[k];
            plus[k] = m[k] + hk;
            minus[k] = m[k] - hk;
        }
        List<BoundaryPoint> out = new ArrayList<>(toPoints(slice, series, trace(mean, refiner)));
        out.addAll(toPoints(slice, series + ":plusCI", trace(new SliceField(mean.x(), mean.y(), plus), null)));
        out.addAll(toPoints(slice, series + ":minusCI", trace(new SliceField(mean.x(), mean.y(), minus), null)));
        return out;
    }
}
