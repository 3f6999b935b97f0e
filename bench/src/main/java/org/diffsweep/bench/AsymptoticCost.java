package org.diffsweep.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.diffsweep.core.evaluator.StandardEvaluator;
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
 * repeats and the theory-only points per core-second, then one full evaluator point against one theory-only point. It
 * is a section of {@code ./diffsweep bench} ({@code --no-asymptotic} skips it); the JMH counterpart (wall time) is
 * {@code jmh.AsymptoticBenchmarks}.
 *
 * <p>Run: {@code java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.diffsweep.bench.AsymptoticCost [repeats]}.
 */
public final class AsymptoticCost {
    private AsymptoticCost() {}

    public static void main(String[] args) {
        run(System.out, new StringBuilder(), args.length > 0 ? Integer.parseInt(args[0]) : 15);
    }

    /**
     * Prints the per-stage table and, in the same run, one full {@link StandardEvaluator} point against one
     * theory-only point (the {@code evaluate: theoryOnly} sweep mode) on the same parameters; appends CSV rows.
     */
    static void run(PrintStream out, StringBuilder rows, int repeats) {
        List<PointParams> points = List.of(
                PointParams.of(100, 32, 4, 0.01, 1, List.of(new ClassSpec("A", 0.5, 1, 0, 2.0),
                        new ClassSpec("B", 0.5, 1, 180, 0.5))),
                PointParams.of(100, 64, 8, 0.1, 1, List.of(new ClassSpec("A", 1.0, 0, 0, 1.0))),
                PointParams.of(100, 8, 2, 0.01, 1, List.of(new ClassSpec("A", 0.2, 1, 0, 2.0),
                        new ClassSpec("B", 0.3, 1, 120, 0.5), new ClassSpec("C", 0.5, 0.5, 240, 1.0))));
        List<String> names = List.of("two classes, psi_p 32, psi_n 4, t 0.01, r 1", "one class [B], psi_p 64, psi_n 8, t 0.1",
                "three classes, psi_p 8, psi_n 2, t 0.01");
        out.printf(Locale.ROOT, "%n== asymptotic theory (issue 15), thread CPU time, median over %d repeats after 5 warm-ups%n", repeats);
        out.printf(Locale.ROOT, "%-44s %8s %8s %8s %8s %10s %12s%n", "point (CPU ms)",
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
            out.printf(Locale.ROOT, "%-44s %8.1f %8.1f %8.1f %8.1f %10.1f %12.2f%n", names.get(i), coef, spectrum,
                    curves, whole, 1000 / whole, curves / spectrum);
            rows.append(String.format(Locale.ROOT, "asymptotic:%s,curves_cpu_s,,%g,,,,%n", names.get(i), curves / 1000));
            rows.append(String.format(Locale.ROOT, "asymptotic:%s,theory_point_cpu_s,,%g,,,,%n", names.get(i), whole / 1000));
        }
        // Full against theory-only at the quickstart base (a full point of the two-class example, p = 3200, takes
        // minutes on one core), then theory-only for the three-class point, whose closed-form speciation (bisection on
        // a posterior quadrature for C > 2) is the largest theory stage.
        StandardEvaluator full = new StandardEvaluator(), theory = new StandardEvaluator(StandardEvaluator.Mode.THEORY_ONLY);
        PointParams quick = PointTargets.point(40, 8, 3), three = points.get(2);
        int[] k = {0};
        full.evaluateDetailed(quick, "warm");
        for (int w = 0; w < 5; w++) theory.evaluateDetailed(quick, "warm" + w);
        double fullMs = median(3, () -> full.evaluateDetailed(quick, "full-" + k[0]++));
        double theoryMs = median(repeats, () -> theory.evaluateDetailed(quick, "theory-" + k[0]++));
        double threeMs = median(repeats, () -> theory.evaluateDetailed(three, "three-" + k[0]++));
        out.printf(Locale.ROOT, "evaluator, quickstart base d40/p8/n3: full %.0f ms, theoryOnly %.1f ms (%.0fx fewer CPU-seconds; "
                + "%.1f theory-only points per core-second); three-class point theoryOnly %.0f ms (%.1f points per core-second)%n",
                fullMs, theoryMs, fullMs / theoryMs, 1000 / theoryMs, threeMs, 1000 / threeMs);
        rows.append(String.format(Locale.ROOT, "asymptotic:evaluator quickstart,full_cpu_s,,%g,,,,%n", fullMs / 1000));
        rows.append(String.format(Locale.ROOT, "asymptotic:evaluator quickstart,theory_only_cpu_s,,%g,,,,%n", theoryMs / 1000));
        rows.append(String.format(Locale.ROOT, "asymptotic:evaluator three classes,theory_only_cpu_s,,%g,,,,%n", threeMs / 1000));
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
