package org.diffsweep.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.diffsweep.core.dynamics.MeasuredClassTimes;
import org.diffsweep.core.dynamics.RfDynamics;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.point.NoiseMode;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.point.TauGrid;
import org.diffsweep.core.random.RandomStreams;
import org.diffsweep.core.theory.AsymptoticCurves;
import org.diffsweep.core.theory.ClassCurves;

/**
 * Regenerates the validation tables of docs/theory-curves.md §8.2: asymptotic per-class times against the mean over
 * seeds of the simulated times ({@link RfDynamics}) of the same point. Random streams are keyed
 * {@code "proto-<seed>-<d>"} (the keys the tables were made with). Expensive: about 3 minutes per simulation at
 * p = 6,400 with native BLAS.
 *
 * <p>Usage: {@code java -cp "bench/target/classes:$(cat bench/target/classpath.txt)"
 * org.diffsweep.bench.AsymptoticValidation two|B d seeds}. {@code two}: the six two-class configurations
 * (r = 1 at 0/180 degrees, sigma^2 2/0.5 and 1.3/1.0, pi_A 0.1/0.5/0.9, psi_p 32, psi_n 4, t 0.01); {@code B}: one
 * class, psi_p 64, psi_n 4/8/16/32, t 0.1.
 */
public final class AsymptoticValidation {
    private AsymptoticValidation() {}

    public static void main(String[] args) {
        String set = args.length > 0 ? args[0] : "two";
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int seeds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<PointParams> points = new ArrayList<>();
        if ("B".equals(set)) {
            for (double pn : new double[] {4, 8, 16, 32}) points.add(point(d, 64, pn, 0.1, 0.0, new double[][] {{1.0, 1.0}}));
        } else {
            for (double[] v : new double[][] {{2, 0.5}, {1.3, 1.0}}) {
                for (double pa : new double[] {0.1, 0.5, 0.9}) {
                    points.add(point(d, 32, 4, 0.01, 1.0, new double[][] {{pa, v[0]}, {Math.round((1 - pa) * 1e10) / 1e10, v[1]}}));
                }
            }
        }
        System.out.printf(Locale.ROOT, "| point | class | tau_gen measured | tau_gen theory | tau_mem measured | tau_mem theory |%n");
        System.out.printf(Locale.ROOT, "|---|---|---|---|---|---|%n");
        for (PointParams p : points) {
            AsymptoticCurves th = AsymptoticCurves.of(p);
            int cc = p.numClasses();
            double[][] gen = new double[cc][seeds], mem = new double[cc][seeds];
            for (int s = 1; s <= seeds; s++) {
                List<MeasuredClassTimes> m = RfDynamics.run(p, RandomStreams.forKey("proto-" + s + "-" + d)).classes();
                for (int c = 0; c < cc; c++) {
                    gen[c][s - 1] = m.get(c).tauGen() == null ? Double.NaN : m.get(c).tauGen();
                    mem[c][s - 1] = m.get(c).tauMem() == null ? Double.NaN : m.get(c).tauMem();
                }
            }
            for (int c = 0; c < cc; c++) {
                ClassCurves a = th.classes().get(c);
                ClassSpec cs = p.classes().get(c);
                System.out.printf(Locale.ROOT, "| d %d psi_n %s pi %s var %s | %s | %s | %s | %s | %s |%n", d, p.psiN(),
                        cs.weight(), cs.variance(), cs.name(), meanSd(gen[c]), withError(a.tauGenAsym(), gen[c]),
                        meanSd(mem[c]), withError(a.tauMemAsym(), mem[c]));
            }
        }
    }

    private static PointParams point(int d, double psiP, double psiN, double t, double radius, double[][] wv) {
        List<ClassSpec> cl = new ArrayList<>();
        for (int k = 0; k < wv.length; k++) cl.add(new ClassSpec(k == 0 ? "A" : "B", wv[k][0], radius, k == 0 ? 0 : 180, wv[k][1]));
        return new PointParams(d, psiP, psiN, t, 1, cl, 0.01, 0.9, new TauGrid(1e-2, 1e7, 200), NoiseMode.EXACT);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    private static String meanSd(double[] v) {
        double m = mean(v), q = 0;
        for (double x : v) q += (x - m) * (x - m);
        double sd = v.length > 1 ? Math.sqrt(q / (v.length - 1)) : 0;
        return String.format(Locale.ROOT, "%.4g ± %.2g", m, sd);
    }

    private static String withError(Double theory, double[] measured) {
        if (theory == null) return "never";
        return String.format(Locale.ROOT, "%.4g (%+.1f %%)", theory, 100 * (theory / mean(measured) - 1));
    }
}
