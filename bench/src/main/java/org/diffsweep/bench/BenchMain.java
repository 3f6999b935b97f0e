package org.diffsweep.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.diffsweep.core.linalg.LinAlg;

/**
 * The {@code diffsweep bench} command: calibrates dgemm / dsyrk / dsyevd on this machine, then times the per-point
 * pipeline stage by stage at standard point sizes and prints, per stage, the median time, its spread over repeats,
 * the achieved GFLOP/s and that rate as a percentage of the calibration measured in the same run, plus points per
 * second.
 *
 * <pre>
 * BenchMain [--quick] [--repeats N] [--point d:psiP:psiN[:label]]... [--java] [--tanh math|exp|product] [--no-calibration] [--no-production] [--no-simulation] [--no-targets] [--no-asymptotic] [--targets-only] [--csv FILE]
 * </pre>
 * The last section, {@link PointTargets}, measures the per-point targets in the same run: production point / core
 * pipeline, speciation share, asymptotic spectrum time, backward-simulation cost against d and the minority
 * speciation interval ({@code --targets-only} runs only it).
 * {@code --java} also calibrates the pure-Java BLAS/LAPACK; {@code --tanh} picks how the quadrature evaluates tanh
 * (default {@code product}: one StrictMath.exp per feature and point, see {@link ReferencePoint}).
 */
public final class BenchMain {
    private BenchMain() { }

    record PointSize(int d, double psiP, double psiN, String label) {
        static PointSize parse(String s) {
            String[] f = s.split(":");
            if (f.length < 3) throw new IllegalArgumentException("--point wants d:psiP:psiN[:label], got " + s);
            return new PointSize(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    f.length > 3 ? f[3] : "d" + f[0] + "/p" + f[1] + "/n" + f[2]);
        }
    }

    public static void main(String[] args) throws IOException {
        boolean quick = false, javaToo = false, calibrate = true, production = true, simulate = true, targets = true;
        boolean targetsOnly = false, asymptotic = true;
        int repeats = -1;
        int tanhMode = 2;
        List<PointSize> points = new ArrayList<>();
        Path csv = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--java" -> javaToo = true;
                case "--no-calibration" -> calibrate = false;
                case "--no-production" -> production = false;
                case "--no-simulation" -> simulate = false;
                case "--no-targets" -> targets = false;
                case "--no-asymptotic" -> asymptotic = false;
                case "--targets-only" -> targetsOnly = true;
                case "--strict-tanh" -> tanhMode = 0;
                case "--tanh" -> tanhMode = switch (args[++i]) {
                    case "math" -> 0;
                    case "exp" -> 1;
                    case "product" -> 2;
                    default -> throw new IllegalArgumentException("--tanh wants math, exp or product");
                };
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--point" -> points.add(PointSize.parse(args[++i]));
                case "--csv" -> csv = Path.of(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("usage: bench [--quick] [--repeats N] [--point d:psiP:psiN[:label]]... [--java] [--tanh math|exp|product] [--no-calibration] [--no-production] [--no-simulation] [--no-targets] [--no-asymptotic] [--targets-only] [--csv FILE]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (repeats < 1) repeats = quick ? 3 : 5;
        if (points.isEmpty()) {
            // conf/quickstart.yaml's size, then conf/reversal.yaml's smallest and largest model, then the issue's
            // standard sizes.
            points.add(new PointSize(40, 8, 3, "quickstart d40/p8/n3"));
            points.add(new PointSize(100, 8, 2, "reversal d100/p8/n2"));
            if (!quick) {
                points.add(new PointSize(100, 32, 8, "reversal d100/p32/n8"));
                points.add(new PointSize(64, 8, 2, "d64/p8/n2"));
                points.add(new PointSize(200, 8, 8, "d200/p8/n8"));
                points.add(new PointSize(64, 32, 4, "d64/p32/n4"));
            }
        }
        PrintStream out = System.out;
        LinAlg la = LinAlg.best();
        StringBuilder rows = new StringBuilder("section,item,size,median_s,min_s,max_s,gflops,pct_of_calibration\n");
        out.printf(Locale.ROOT, "diffsweep bench (%s)%n", quick ? "quick" : "full");
        out.printf(Locale.ROOT, "java %s, %d cpus, linalg %s, OPENBLAS_NUM_THREADS=%s, OPENBLAS_CORETYPE=%s%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), la.name(),
                System.getenv().getOrDefault("OPENBLAS_NUM_THREADS", "(unset)"),
                System.getenv().getOrDefault("OPENBLAS_CORETYPE", "(unset)"));
        out.printf(Locale.ROOT, "timings: %s, %d repeats after 1 warm-up; rates and %% use the minimum (least disturbed); spread = (max-min)/median%n%n", Clock.describe(), repeats);

        if (targetsOnly) {
            PointTargets.run(out, rows, quick, repeats, la);
            if (csv != null) {
                Files.writeString(csv, rows.toString());
                out.println("\nwrote " + csv);
            }
            return;
        }
        // ---------------- calibration
        double gemmPeak = Double.NaN;
        if (calibrate) {
            out.println("== calibration (same run)");
            out.printf(Locale.ROOT, "%-28s %8s %10s %10s %8s %8s%n", "kernel", "n", "median s", "min s", "GFLOP/s", "spread");
            int[] gemmSizes = quick ? new int[] {500, 1000} : new int[] {1000, 2000, 3200};
            gemmPeak = 0;
            for (int n : gemmSizes) {
                Stats s = Calibration.dgemm(la, n, quick ? 3 : 3);
                double gf = 2.0 * n * n * (double) n / s.min() / 1e9;
                gemmPeak = Math.max(gemmPeak, gf);
                calRow(out, rows, "dgemm " + tag(la), n, s, gf);
            }
            {
                int n = quick ? 800 : 1600, k = quick ? 400 : 800;
                Stats s = Calibration.dsyrk(la, n, k, 3);
                calRow(out, rows, "dsyrk " + tag(la) + " k=" + k, n, s, (double) n * n * k / s.min() / 1e9);
            }
            int[] eigSizes = quick ? new int[] {500, 1000} : new int[] {1000, 2000};
            double eigPeak = 0;
            for (int n : eigSizes) {
                Stats s = Calibration.dsyevd(la, n, 3);
                double gf = 9.0 * n * n * (double) n / s.min() / 1e9;
                eigPeak = Math.max(eigPeak, gf);
                calRow(out, rows, "dsyevd(V) " + tag(la) + " nominal", n, s, gf);
            }
            if (javaToo || !la.isNative()) {
                LinAlg jv = LinAlg.pureJava();
                for (int n : quick ? new int[] {500} : new int[] {500, 1000}) {
                    Stats s = Calibration.dgemm(jv, n, 3);
                    calRow(out, rows, "dgemm java", n, s, 2.0 * n * n * (double) n / s.min() / 1e9);
                    Stats e = Calibration.dsyevd(jv, n, 3);
                    calRow(out, rows, "dsyevd(V) java nominal", n, e, 9.0 * n * n * (double) n / e.min() / 1e9);
                }
            }
            double[] tanhNs = Calibration.tanhNanos(quick ? 4_000_000 : 20_000_000);
            out.printf(Locale.ROOT, "tanh: Math.tanh %.1f ns/eval, Math.exp-based %.1f ns/eval, core Activation.TANH (StrictMath.exp) %.1f ns/eval%n%n",
                    tanhNs[0], tanhNs[1], tanhNs[2]);
            rows.append(String.format(Locale.ROOT, "calibration,tanh_ns_core_Activation,1,%g,,,,%n", tanhNs[2] * 1e-9));
            rows.append(String.format(Locale.ROOT, "calibration,tanh_ns_Math.tanh,1,%g,,,,%n", tanhNs[0] * 1e-9));
            rows.append(String.format(Locale.ROOT, "calibration,tanh_ns_exp_based,1,%g,,,,%n", tanhNs[1] * 1e-9));
        }
        // ---------------- per-point pipeline
        out.printf(Locale.ROOT, "== per-point pipeline (K = 40 Gauss-Hermite nodes, 200 tau points, 2 classes, train + test sets, tanh %s)%n",
                new String[] {"Math.tanh", "Math.exp per node", "exponential product"}[tanhMode]);
        out.println("   % of calibration: BLAS stages vs the best dgemm rate above; eigen vs an isolated dsyevd of the same p in this run");
        for (PointSize ps : points) {
            ReferencePoint rp = new ReferencePoint(ps.d, ps.psiP, ps.psiN, 0.01, 40, 200, la, tanhMode);
            int st = ReferencePoint.STAGES.size();
            double[][] samples = new double[st + 1][repeats];
            rp.run("bench-warmup");
            for (int r = 0; r < repeats; r++) {
                rp.run("bench-" + r);
                double tot = 0;
                for (int k = 0; k < st; k++) { samples[k][r] = rp.seconds[k]; tot += rp.seconds[k]; }
                samples[st][r] = tot;
            }
            Stats iso = calibrate ? Calibration.dsyevd(la, rp.p(), Math.min(repeats, 3)) : new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
            Stats total = Stats.of(samples[st]);
            out.printf(Locale.ROOT, "%n-- %s: d=%d p=%d n=%d (check: mean eig %.5f, max eig %.3f, L_test,A(tau_max) %.5f)%n",
                    ps.label, ps.d, rp.p(), rp.n(), rp.meanEigenvalue(), rp.maxEigenvalue(), rp.curves[2][199]);
            out.printf(Locale.ROOT, "%-12s %10s %10s %8s %7s %9s %10s%n", "stage", "median s", "min s", "share", "spread", "GFLOP/s", "% of cal");
            for (int k = 0; k < st; k++) {
                Stats s = Stats.of(samples[k]);
                String name = ReferencePoint.STAGES.get(k);
                double gf = rp.flops[k] > 0 ? rp.flops[k] / s.min() / 1e9 : Double.NaN;
                double pct = Double.NaN;
                if (name.equals("eigen")) pct = 100 * iso.min() / s.min();
                else if (rp.flops[k] > 0) pct = 100 * gf / gemmPeak;
                out.printf(Locale.ROOT, "%-12s %10.4f %10.4f %7.1f%% %6.0f%% %9s %10s%n", name, s.median(), s.min(),
                        100 * s.median() / total.median(), 100 * s.spread(), fmt(gf), fmt(pct));
                rows.append(String.format(Locale.ROOT, "point:%s,%s,%d,%g,%g,%g,%s,%s%n", ps.label, name, rp.p(),
                        s.median(), s.min(), s.max(), Double.isNaN(gf) ? "" : gf, Double.isNaN(pct) ? "" : pct));
            }
            out.printf(Locale.ROOT, "%-12s %10.4f %10.4f %8s %6.0f%%   -> %.2f points/s at the median, %.2f at the min%s%n", "total",
                    total.median(), total.min(), "", 100 * total.spread(), 1 / total.median(), 1 / total.min(),
                    calibrate ? String.format(Locale.ROOT, " (isolated dsyevd p=%d: %.4f s)", rp.p(), iso.min()) : "");
            rows.append(String.format(Locale.ROOT, "point:%s,total,%d,%g,%g,%g,,%n", ps.label, rp.p(), total.median(), total.min(), total.max()));
        }
        // ---------------- production stages of core (merged branches)
        if (production) {
            out.printf(Locale.ROOT, "%n== production stages of core (core.features, core.spectrum, core.speciation) on the same points%n");
            for (PointSize ps : points) {
                ProductionStages prod = new ProductionStages(ps.d, ps.psiP, ps.psiN, la);
                double[][] smp = ProductionStages.sample(prod, Math.max(1, Math.min(repeats, 3)), simulate);
                out.printf(Locale.ROOT, "%n-- %s: p=%d n=%d (%s)%n", ps.label, prod.params().p(), prod.params().n(), prod.note);
                out.printf(Locale.ROOT, "%-16s %10s %10s %7s%n", "stage", "median s", "min s", "spread");
                for (int k = 0; k < ProductionStages.STAGES.size(); k++) {
                    if (Double.isNaN(smp[k][0])) continue;
                    Stats s = Stats.of(smp[k]);
                    String name = ProductionStages.STAGES.get(k);
                    out.printf(Locale.ROOT, "%-16s %10.4f %10.4f %6.0f%%%n", name, s.median(), s.min(), 100 * s.spread());
                    rows.append(String.format(Locale.ROOT, "production:%s,%s,%d,%g,%g,%g,,%n", ps.label, name,
                            prod.params().p(), s.median(), s.min(), s.max()));
                }
            }
        }
        if (targets) PointTargets.run(out, rows, quick, repeats, la);
        if (asymptotic) AsymptoticCost.run(out, rows, quick ? 7 : 15);
        if (csv != null) {
            Files.writeString(csv, rows.toString());
            out.println("\nwrote " + csv);
        }
    }

    private static String tag(LinAlg la) { return la.isNative() ? "native" : "java"; }

    private static String fmt(double v) { return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v); }

    private static void calRow(PrintStream out, StringBuilder rows, String name, int n, Stats s, double gf) {
        out.printf(Locale.ROOT, "%-28s %8d %10.4f %10.4f %8.1f %7.0f%%%n", name, n, s.median(), s.min(), gf, 100 * s.spread());
        rows.append(String.format(Locale.ROOT, "calibration,%s,%d,%g,%g,%g,%g,%n", name, n, s.median(), s.min(), s.max(), gf));
    }
}
