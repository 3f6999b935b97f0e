package org.diffsweep.unet.sweep;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.diffsweep.jobs.grid.Grid;
import org.diffsweep.jobs.grid.GridPoint;
import org.diffsweep.unet.experiment.FmnistPoint;
import org.diffsweep.unet.experiment.FmnistSpec;

/**
 * The grid of a Fashion-MNIST spec ({@link FmnistSpec#points()}: class pair x pi_A x n x seed) on the sweep engine:
 * one grid point = one Spark task = one U-Net training run. Axes (ledger columns {@code axis_*}): {@code piA},
 * {@code n}, {@code classA}, {@code classB}.
 */
public final class FmnistGrid implements Grid<FmnistPoint> {
    private static final long serialVersionUID = 2L;

    /** Axis names, in ledger order. */
    public static final List<String> AXES = List.of("piA", "n", "classA", "classB");

    private final ArrayList<FmnistPoint> points;

    /** The grid of {@code spec}, in its canonical order (class pair, pi_A, n, seed). */
    public FmnistGrid(FmnistSpec spec) {
        this.points = new ArrayList<>(spec.points());
        Set<FmnistPoint> seen = new HashSet<>();
        for (FmnistPoint p : points) {
            if (!seen.add(p)) throw new IllegalArgumentException("spec " + spec.name() + " lists the point " + p.label() + " twice");
        }
    }

    @Override public long size() { return points.size(); }

    @Override public GridPoint<FmnistPoint> point(long index) {
        FmnistPoint p = points.get(Math.toIntExact(index));
        Map<String, Double> c = new LinkedHashMap<>();
        c.put("piA", p.piA());
        c.put("n", (double) p.n());
        c.put("classA", (double) p.classA());
        c.put("classB", (double) p.classB());
        return new GridPoint<>(index, p, c, p.seed());
    }

    @Override public List<String> axisNames() { return AXES; }
}
