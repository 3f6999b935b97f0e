package org.diffsweep.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.diffsweep.core.dynamics.RfDynamics;
import org.diffsweep.core.dynamics.RfSystem;
import org.diffsweep.core.features.FeatureSettings;
import org.diffsweep.core.linalg.LinAlg;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.mixture.GaussianMixture;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.evaluator.StandardEvaluator;
import org.diffsweep.core.point.TauGrid;
import org.diffsweep.core.random.RandomStreams;
import org.diffsweep.core.speciation.BackwardSimulator;
import org.diffsweep.core.speciation.ClassMeasurement;
import org.diffsweep.core.speciation.ClassSpeciation;
import org.diffsweep.core.speciation.Integrator;
import org.diffsweep.core.speciation.ReducedSimulator;
import org.diffsweep.core.speciation.Speciation;
import org.diffsweep.core.speciation.SpeciationOptions;
import org.diffsweep.core.speciation.SpeciationResult;
import org.diffsweep.core.spectrum.ClassResolvedSpectrum;
import org.diffsweep.core.spectrum.SpectrumResult;
import org.diffsweep.core.spectrum.SpectrumSolver;

/**
 * The per-point cost and precision targets, all measured in one run on the {@link Clock}:
 * <ol>
 *   <li>a production point (everything a sweep records: the {@link StandardEvaluator} stages) against the core
 *       pipeline (features + eigen + projections + curves = {@code RfSystem.build} + {@code RfDynamics.run}) at the
 *       quickstart base (conf/quickstart.yaml: d 40, psiP 8, psiN 3, t 0.01, 120 tau points, ±mu r = 1) and at
 *       d = 100 (psiP 8, psiN 2): ratio production / core (target <= 3), speciation / production (target <= 0.10),
 *       the asymptotic spectrum for 400 lambda (target <= 34 ms); the whole {@code evaluateDetailed} call is timed
 *       too, as a check that the stage sum is the production point;</li>
 *   <li>the backward simulation's cost per trajectory step against d: the reduced simulator at d = 200 and 2000
 *       (variance-separated classes, so R is simulated) and the full d-dimensional reference;</li>
 *   <li>the measured minority speciation time at the sizes: half-width of the 95 % interval (target
 *       <= 0.01) and whether it covers the theory value (closed form, or exact median for unequal variances).</li>
 * </ol>
 */
final class PointTargets {
    private PointTargets() { }

    static final double SPECTRUM_TARGET_MS = 34;
    static final double PRODUCTION_TARGET = 3;
    static final double SPECIATION_SHARE_TARGET = 0.10;
    static final double HALF_WIDTH_TARGET = 0.01;

    static PointParams point(int d, double psiP, double psiN) {
        return new PointParams(d, psiP, psiN, 0.01, 1L, List.of(new ClassSpec("A", 0.5, 1.0, 0, 1.0),
                new ClassSpec("B", 0.5, 1.0, 180, 1.0)), PointParams.DEFAULT_DELTA_GEN, PointParams.DEFAULT_KAPPA,
                new TauGrid(1e-2, 1e7, 120), null);
    }

    static void run(PrintStream out, StringBuilder rows, boolean quick, int repeats, LinAlg la) {
        out.printf(Locale.ROOT, "%n== per-point targets (issue 14), %s, %d repeats after 2 warm-ups%n", Clock.describe(), repeats);
        out.printf(Locale.ROOT, "%-22s %8s %8s %8s %8s %8s %9s | %10s %9s %10s %9s%n", "point", "core", "sampled",
                "spectrum", "speciat.", "product.", "evaluator", "prod/core", "(<= 3)", "spec./prod", "(<= 0.10)");
        record Size(String label, PointParams p) { }
        List<Size> sizes = List.of(new Size("quickstart d40/p8/n3", point(40, 8, 3)), new Size("d100/p8/n2", point(100, 8, 2)));
        double spectrumQuick = Double.NaN;
        int spectrumSolves = 0;
        for (Size sz : sizes) {
            PointParams p = sz.p();
            StandardEvaluator ev = new StandardEvaluator();
            double[][] s = new double[5][repeats];
            double[] evs = new double[repeats];
            for (int r = -2; r < repeats; r++) {
                String key = "targets-" + sz.label() + "-" + r;
                RandomStreams rs = RandomStreams.forKey(key);
                long t0 = Clock.nanos();
                RfSystem sys = RfSystem.build(p, rs, FeatureSettings.DEFAULT, la);
                RfDynamics.run(sys, p, la);
                long t1 = Clock.nanos();
                ClassResolvedSpectrum.of(sys.moments(), sys.eigenvalues(), sys.eigenvectors(), la);
                long t2 = Clock.nanos();
                SpectrumResult sr = SpectrumSolver.solve(p);
                long t3 = Clock.nanos();
                Speciation.analyse(p, rs, SpeciationOptions.DEFAULT);
                long t4 = Clock.nanos();
                ev.evaluateDetailed(p, key);
                long t5 = Clock.nanos();
                if (r < 0) continue;
                s[0][r] = (t1 - t0) * 1e-9;
                s[1][r] = (t2 - t1) * 1e-9;
                s[2][r] = (t3 - t2) * 1e-9;
                s[3][r] = (t4 - t3) * 1e-9;
                s[4][r] = (t4 - t0) * 1e-9;
                evs[r] = (t5 - t4) * 1e-9;
                spectrumSolves = sr.solves();
            }
            Stats core = Stats.of(s[0]), sampled = Stats.of(s[1]), spec = Stats.of(s[2]), speci = Stats.of(s[3]);
            Stats prod = Stats.of(s[4]), eval = Stats.of(evs);
            double ratio = prod.median() / core.median(), share = speci.median() / prod.median();
            out.printf(Locale.ROOT, "%-22s %8.4f %8.4f %8.4f %8.4f %8.4f %9.4f | %10.2f %9s %10.3f %9s%n", sz.label(),
                    core.median(), sampled.median(), spec.median(), speci.median(), prod.median(), eval.median(), ratio,
                    ratio <= PRODUCTION_TARGET ? "met" : "MISSED", share, share <= SPECIATION_SHARE_TARGET ? "met" : "MISSED");
            rows.append(String.format(Locale.ROOT, "targets:%s,production_over_core,,%g,,,,%n", sz.label(), ratio));
            rows.append(String.format(Locale.ROOT, "targets:%s,speciation_share,,%g,,,,%n", sz.label(), share));
            rows.append(String.format(Locale.ROOT, "targets:%s,evaluator_over_core,,%g,,,,%n", sz.label(), eval.median() / core.median()));
            String[] names = {"core", "sampledSpectrum", "spectrum", "speciation", "production"};
            Stats[] st = {core, sampled, spec, speci, prod};
            for (int k = 0; k < names.length; k++) {
                rows.append(String.format(Locale.ROOT, "targets:%s,%s,,%g,%g,%g,,%n", sz.label(), names[k],
                        st[k].median(), st[k].min(), st[k].max()));
            }
            if (spectrumQuick != spectrumQuick) spectrumQuick = spec.median() * 1e3;
        }
        out.printf(Locale.ROOT, "asymptotic spectrum, quickstart, 400 lambda (%d solves): %.1f ms (target <= %.0f ms: %s)%n",
                spectrumSolves, spectrumQuick, SPECTRUM_TARGET_MS, spectrumQuick <= SPECTRUM_TARGET_MS ? "met" : "MISSED");
        out.println("   core = features + eigen + projections + curves; production = core + sampled spectrum + spectrum + speciation"
                + " (the evaluator's stages, timed one by one); evaluator = one StandardEvaluator.evaluateDetailed call");

        // ---- backward simulation cost per trajectory step against d
        out.printf(Locale.ROOT, "%n-- backward simulation, cost per trajectory step (equal means, sigma^2 1 vs 2: R simulated)%n");
        int n = 1000, steps = 200;
        double red200 = simCost(200, n, steps, false, repeats), red2000 = simCost(2000, n, steps, false, repeats);
        double full200 = simCost(200, 100, steps, true, repeats);
        double full2000 = quick ? Double.NaN : simCost(2000, 50, steps, true, Math.min(repeats, 3));
        out.printf(Locale.ROOT, "reduced: d=200 %.0f ns, d=2000 %.0f ns (ratio %.2f); full d-dimensional: d=200 %.0f ns (%.0fx reduced)%s%n",
                red200, red2000, red2000 / red200, full200, full200 / red200,
                quick ? "" : String.format(Locale.ROOT, ", d=2000 %.0f ns (%.0fx reduced)", full2000, full2000 / red2000));
        rows.append(String.format(Locale.ROOT, "targets:simulation,reduced_ns_per_step_d200,,%g,,,,%n", red200 * 1e-9));
        rows.append(String.format(Locale.ROOT, "targets:simulation,reduced_ns_per_step_d2000,,%g,,,,%n", red2000 * 1e-9));
        rows.append(String.format(Locale.ROOT, "targets:simulation,full_ns_per_step_d200,,%g,,,,%n", full200 * 1e-9));

        // ---- minority precision at the sizes
        out.printf(Locale.ROOT, "%n-- measured minority speciation time (class B, default options: conditioned, target half-width %.2f)%n", HALF_WIDTH_TARGET);
        out.printf(Locale.ROOT, "%-5s %-7s %-11s %9s %9s %21s %8s %7s %7s %6s %8s%n", "d", "pi_B", "geometry", "theory",
                "measured", "95 % interval", "half-w.", "N_eff", "covers", "check", "ms");
        int covered = 0, total = 0;
        double worstHw = 0;
        for (int d : quick ? new int[] {200} : new int[] {200, 2000}) {
            for (double piB : new double[] {0.5, 0.1, 0.01, 0.001}) {
                for (boolean eqMeans : new boolean[] {false, true}) {
                    GaussianMixture gm = GaussianMixture.of(d, List.of(
                            new ClassSpec("A", 1 - piB, eqMeans ? 0.0 : 1.0, 0, 1.0),
                            new ClassSpec("B", piB, eqMeans ? 0.0 : 1.0, 180, eqMeans ? 2.0 : 1.0)));
                    long t0 = Clock.nanos();
                    SpeciationResult r = Speciation.analyse(gm, new int[] {100, 100}, 0.9,
                            RandomStreams.forKey("targets/d" + d + "/" + piB + "/" + eqMeans), SpeciationOptions.DEFAULT);
                    double ms = (Clock.nanos() - t0) * 1e-6;
                    ClassSpeciation b = r.classes().get(1);
                    ClassMeasurement m = b.measurement();
                    boolean cov = b.reference() != null && m.covers(b.reference());
                    covered += cov ? 1 : 0;
                    total++;
                    worstHw = Math.max(worstHw, m.halfWidth());
                    out.printf(Locale.ROOT, "%-5d %-7s %-11s %9.5f %9.5f [%9.5f,%9.5f] %8.5f %7d %7s %6s %8.1f%n", d, piB,
                            eqMeans ? "equal means" : "±mu", b.reference(), m.tS(), m.ciLo(), m.ciHi(), m.halfWidth(),
                            m.effective(), cov ? "yes" : "NO", r.check().consistent() ? "ok" : "z>4", ms);
                    rows.append(String.format(Locale.ROOT, "targets:speciation/d%d/piB%s/%s,half_width,%d,%g,,,,%n", d,
                            piB, eqMeans ? "equalMeans" : "pm", m.effective(), m.halfWidth()));
                }
            }
        }
        out.printf(Locale.ROOT, "%d of %d intervals cover the theory value (95 %% each: ~%.1f expected); largest half-width %.5f (target <= %.2f: %s)%n",
                covered, total, 0.95 * total, worstHw, HALF_WIDTH_TARGET, worstHw <= HALF_WIDTH_TARGET ? "met" : "MISSED");
    }

    /** Nanoseconds per trajectory step of one backward run (median over repeats after one warm-up). */
    private static double simCost(int d, int n, int steps, boolean full, int repeats) {
        GaussianMixture gm = GaussianMixture.of(d, List.of(new ClassSpec("A", 0.5, 0.0, 0, 1.0),
                new ClassSpec("B", 0.5, 0.0, 180, 2.0)));
        List<Double> t = new ArrayList<>();
        for (int r = -1; r < repeats; r++) {
            var rng = RandomStreams.forKey("simCost" + d + full + r).stream("s");
            long t0 = Clock.nanos();
            if (full) BackwardSimulator.run(gm, 3, steps, n, Integrator.SDE, rng);
            else ReducedSimulator.run(gm, 3, steps, n, Integrator.SDE, rng);
            long t1 = Clock.nanos();
            if (r >= 0) t.add((t1 - t0) / ((double) n * steps));
        }
        double[] a = t.stream().mapToDouble(Double::doubleValue).toArray();
        return Stats.of(a).median();
    }
}
