package org.diffsweep.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.spectrum.ReducedTransforms;
import org.diffsweep.core.spectrum.SpectrumResult;
import org.diffsweep.core.theory.AsymptoticCurves;
import org.diffsweep.core.theory.AsymptoticPoint;

/**
 * CPU cost of the asymptotic side of a point, per stage, warm, in thread CPU time (robust on a shared machine where
 * wall time depends on the load): coefficients, spectrum (coefficients given), curves on the default 200-point tau grid
 * (on top of the spectrum) and the whole theory-only point ({@link AsymptoticPoint#of}). Prints medians over the
 * repeats and the theory-only points per core-second. The JMH counterpart (wall time) is
 * {@code jmh.AsymptoticBenchmarks}.
 *
 * <p>Run: {@code java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.diffsweep.bench.AsymptoticCost [repeats]}.
 */
public final class AsymptoticCost {
    private AsymptoticCost() {}

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        List<PointParams> points = List.of(
                PointParams.of(100, 32, 4, 0.01, 1, List.of(new ClassSpec("A", 0.5, 1, 0, 2.0),
                        new ClassSpec("B", 0.5, 1, 180, 0.5))),
                PointParams.of(100, 64, 8, 0.1, 1, List.of(new ClassSpec("A", 1.0, 0, 0, 1.0))),
                PointParams.of(100, 8, 2, 0.01, 1, List.of(new ClassSpec("A", 0.2, 1, 0, 2.0),
                        new ClassSpec("B", 0.3, 1, 120, 0.5), new ClassSpec("C", 0.5, 0.5, 240, 1.0))));
        List<String> names = List.of("two classes, psi_p 32, psi_n 4, t 0.01, r 1", "one class [B], psi_p 64, psi_n 8, t 0.1",
                "three classes, psi_p 8, psi_n 2, t 0.01");
        System.out.printf(Locale.ROOT, "%-44s %8s %8s %8s %8s %10s %12s%n", "point (median CPU ms over " + repeats + ")",
                "coef", "spectrum", "curves", "whole", "pts/core-s", "curves/spec");
        for (int i = 0; i < points.size(); i++) {
            PointParams p = points.get(i);
            ReducedTransforms tr = ReducedTransforms.of(p);
            SpectrumResult spec = tr.spectrum();
            for (int w = 0; w < 5; w++) AsymptoticPoint.of(p); // warm-up
            double coef = median(repeats, () -> ReducedTransforms.of(p));
            double spectrum = median(repeats, tr::spectrum);
            double curves = median(repeats, () -> AsymptoticCurves.of(p, spec, tr, AsymptoticCurves.DEFAULT_NODES_PER_BULK));
            double whole = median(repeats, () -> AsymptoticPoint.of(p));
            System.out.printf(Locale.ROOT, "%-44s %8.1f %8.1f %8.1f %8.1f %10.1f %12.2f%n", names.get(i), coef, spectrum,
                    curves, whole, 1000 / whole, curves / spectrum);
        }
    }

    /** Median thread CPU time of {@code task}, ms. */
    private static double median(int repeats, Supplier<?> task) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] t = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long c0 = mx.getCurrentThreadCpuTime();
            Object o = task.get();
            t[r] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
            if (o == null) throw new IllegalStateException("no result");
        }
        Arrays.sort(t);
        return t[repeats / 2];
    }
}
