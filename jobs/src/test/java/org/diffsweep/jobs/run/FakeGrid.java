package org.diffsweep.jobs.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.jobs.grid.Grid;
import org.diffsweep.jobs.grid.GridPoint;

/**
 * A hand-built two-class grid: varianceRatio (sigma_A^2 / sigma_B^2, sigma_B^2 = 1) x imbalanceRatio (pi_A / pi_B,
 * weights summing to 1) x seeds; index = ((i * ny) + j) * seeds + s. Seed value = 100 + s.
 */
final class FakeGrid implements Grid<PointParams> {
    private final double[] xs, ys;
    private final int seeds;
    private final int d;

    FakeGrid(double[] xs, double[] ys, int seeds, int d) {
        this.xs = xs.clone();
        this.ys = ys.clone();
        this.seeds = seeds;
        this.d = d;
    }

    @Override public long size() { return (long) xs.length * ys.length * seeds; }

    @Override public GridPoint<PointParams> point(long index) {
        if (index < 0 || index >= size()) throw new IndexOutOfBoundsException(index);
        int s = (int) (index % seeds);
        long cell = index / seeds;
        int j = (int) (cell % ys.length), i = (int) (cell / ys.length);
        double rs = xs[i], rp = ys[j];
        double wa = rp / (1 + rp);
        PointParams p = PointParams.of(d, 1.0, 2.0, 0.01, 100 + s, List.of(
                new ClassSpec("A", wa, 1.0, 0, rs), new ClassSpec("B", 1 - wa, 1.0, 180, 1.0)));
        Map<String, Double> c = new LinkedHashMap<>();
        c.put("varianceRatio", rs);
        c.put("imbalanceRatio", rp);
        return new GridPoint<>(index, p, c, s);
    }

    @Override public List<String> axisNames() { return List.of("varianceRatio", "imbalanceRatio"); }
}
