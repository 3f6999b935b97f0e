package org.diffsweep.unet.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.diffsweep.core.random.RandomStreams;
import org.diffsweep.core.random.SeededStream;
import org.diffsweep.unet.data.FmnistDataset;
import org.diffsweep.unet.experiment.ClassCheckpoint;
import org.diffsweep.unet.experiment.ClassTimes;
import org.diffsweep.unet.report.CampaignStats.Interval;

/**
 * Per-class results of a Fashion-MNIST campaign with uncertainty, from the runs' folders (docs/fmnist-cpu.md):
 * <ul>
 * <li>{@code fmem.csv}: per configuration, class and checkpoint step, f_mem,c pooled over the seeds that reached the
 *     step (memorized / assigned samples) with a 95 % cluster-bootstrap interval, and the generated class proportion
 *     (samples assigned to the class by nearest training image / all samples) with its interval, next to the training
 *     proportion n_c / n;</li>
 * <li>{@code classes.csv}: per configuration and class, tau_gen,c and tau_mem,c as geometric means over the finished
 *     seeds with 95 % Student-t intervals on log tau, and how many seeds resolved each;</li>
 * <li>{@code pairs.csv}: per configuration, D_gen = log(tau_gen,A / tau_gen,B) and D_mem over seeds (mean, t
 *     interval), in how many runs each class reached tau_mem first (a class not memorized by the run's end counts
 *     as later), how many seeds had a cross-class window (one class memorized before the other generalized), the
 *     generated class-A proportion at each run's last checkpoint against pi_A, the cost, and the theory's D_gen /
 *     D_mem for the mapped mixture ({@link TheoryOrder}) when given;</li>
 * <li>{@code report.md}: the same as tables.</li>
 * </ul>
 * Unfinished runs contribute to {@code fmem.csv} only. Interval estimators: {@link CampaignStats}.
 */
public final class CampaignReport {
    private CampaignReport() {}

    /** Bootstrap resamples of the pooled fractions. */
    public static final int RESAMPLES = 2000;

    /** One f_mem,c(step) point pooled over seeds. */
    public record FmemRow(RunRecord.Config config, String role, int label, int step, Interval fMem, Interval sampleFraction,
                          double trainFraction) {}

    /** Per-class times over seeds (intervals on log tau, reported back in steps). */
    public record ClassRow(RunRecord.Config config, String role, int label, int nTrain, int finished, Interval tauGen,
                           int tauGenEarly, Interval tauMem, Interval tauGen90) {}

    /** Per-configuration comparison. */
    public record PairRow(RunRecord.Config config, int runs, int finished, Interval dGen, Interval dGen90, Interval dMem,
                          int memFirstA, int memFirstB, int windows,
                          Interval finalSampleFractionA, double trainFractionA, double meanSteps, double cpuSecondsPerStep,
                          double cpuSeconds, int gradientRetries, TheoryOrder theory) {}

    /** All rows of a report. */
    public record Report(List<FmemRow> fmem, List<ClassRow> classes, List<PairRow> pairs) {}

    /** Builds every row from {@code runs}; {@code theory} may be empty (no theory columns). */
    public static Report build(List<RunRecord> runs, Map<RunRecord.Config, TheoryOrder> theory) {
        Map<RunRecord.Config, List<RunRecord>> by = new TreeMap<>();
        for (RunRecord r : runs) by.computeIfAbsent(r.config(), k -> new ArrayList<>()).add(r);
        List<FmemRow> fm = new ArrayList<>();
        List<ClassRow> cl = new ArrayList<>();
        List<PairRow> pr = new ArrayList<>();
        for (Map.Entry<RunRecord.Config, List<RunRecord>> e : by.entrySet()) {
            RunRecord.Config c = e.getKey();
            List<RunRecord> rs = e.getValue();
            SeededStream rng = RandomStreams.forKey("fmnist-report:" + c.label()).stream("bootstrap");
            int nA = (int) Math.round(c.piA() * c.n());
            double[] trainFraction = {(double) nA / c.n(), (double) (c.n() - nA) / c.n()};
            String[] roles = {"A", "B"};
            for (int k = 0; k < 2; k++) {
                TreeSet<Integer> steps = new TreeSet<>();
                for (RunRecord r : rs) for (ClassCheckpoint x : r.role(roles[k])) steps.add(x.step());
                for (int step : steps) {
                    List<int[]> mem = new ArrayList<>(), frac = new ArrayList<>();
                    int label = -1;
                    for (RunRecord r : rs) {
                        ClassCheckpoint x = at(r, roles[k], step), o = at(r, roles[1 - k], step);
                        if (x == null || o == null) continue;
                        label = x.label();
                        int memorized = x.assigned() == 0 ? 0 : (int) Math.round(x.fMem() * x.assigned());
                        mem.add(new int[] {memorized, x.assigned()});
                        frac.add(new int[] {x.assigned(), x.assigned() + o.assigned()});
                    }
                    fm.add(new FmemRow(c, roles[k], label, step, pooled(mem, rng), pooled(frac, rng), trainFraction[k]));
                }
            }
            List<RunRecord> done = rs.stream().filter(RunRecord::finished).toList();
            for (int k = 0; k < 2; k++) {
                List<Double> gen = new ArrayList<>(), memT = new ArrayList<>(), gen90 = new ArrayList<>();
                int early = 0, label = k == 0 ? c.classA() : c.classB(), nTrain = k == 0 ? nA : c.n() - nA;
                for (RunRecord r : done) {
                    ClassTimes t = r.times().get(k);
                    gen.add(log(t.tauGen()));
                    memT.add(log(t.tauMem()));
                    gen90.add(log(t.tauGen90()));
                    if (t.tauGenEarly()) early++;
                }
                cl.add(new ClassRow(c, roles[k], label, nTrain, done.size(), CampaignStats.meanInterval(gen).exp(), early,
                        CampaignStats.meanInterval(memT).exp(), CampaignStats.meanInterval(gen90).exp()));
            }
            List<Double> dGen = new ArrayList<>(), dMem = new ArrayList<>(), dGen90 = new ArrayList<>();
            List<int[]> last = new ArrayList<>();
            int windows = 0, retries = 0, memFirstA = 0, memFirstB = 0;
            double steps = 0, cpu = 0;
            for (RunRecord r : done) {
                ClassTimes a = r.times().get(0), b = r.times().get(1);
                dGen.add(logRatio(a.tauGen(), b.tauGen()));
                dMem.add(logRatio(a.tauMem(), b.tauMem()));
                dGen90.add(logRatio(a.tauGen90(), b.tauGen90()));
                if (window(a, b)) windows++;
                int order = memorizedFirst(a, b);
                if (order < 0) memFirstA++;
                if (order > 0) memFirstB++;
                List<ClassCheckpoint> ra = r.role("A"), rb = r.role("B");
                if (!ra.isEmpty() && !rb.isEmpty()) {
                    ClassCheckpoint la = ra.get(ra.size() - 1), lb = rb.get(rb.size() - 1);
                    last.add(new int[] {la.assigned(), la.assigned() + lb.assigned()});
                    retries += la.gradientRetries();
                }
                steps += r.runValue("steps");
                cpu += r.runValue("train_cpu_s") + r.runValue("eval_cpu_s");
            }
            double trainCpu = done.stream().mapToDouble(r -> r.runValue("train_cpu_s")).sum();
            pr.add(new PairRow(c, rs.size(), done.size(), CampaignStats.meanInterval(dGen), CampaignStats.meanInterval(dGen90), CampaignStats.meanInterval(dMem),
                    memFirstA, memFirstB, windows, pooled(last, rng), trainFraction[0], done.isEmpty() ? Double.NaN : steps / done.size(),
                    steps > 0 ? trainCpu / steps : Double.NaN, cpu, retries, theory.get(c)));
        }
        return new Report(fm, cl, pr);
    }

    /**
     * Whether one class memorized before the other generalized: tau_mem of one class below tau_gen90 of the other
     * (the 90 % drop: the half-drop is the untrained loss's generic first fall, about the same in every class). A
     * tau_gen90 not reached inside the run counts as later than any step; one before the first checkpoint as earlier.
     */
    static boolean window(ClassTimes a, ClassTimes b) {
        return a.tauMem() != null && a.tauMem() < genOrInf(b) || b.tauMem() != null && b.tauMem() < genOrInf(a);
    }

    /**
     * Which class of a finished run reached tau_mem first: -1 class A, +1 class B, 0 neither (or a tie). A class that
     * never reached it counts as later than the run's end, so a run censored on one side still has an order (D_mem
     * itself needs both times).
     */
    static int memorizedFirst(ClassTimes a, ClassTimes b) {
        double ta = a.tauMem() == null ? Double.POSITIVE_INFINITY : a.tauMem();
        double tb = b.tauMem() == null ? Double.POSITIVE_INFINITY : b.tauMem();
        return Double.compare(ta, tb);
    }

    private static double genOrInf(ClassTimes t) {
        if (t.tauGen90() != null) return t.tauGen90();
        return t.tauGenEarly() ? 0 : Double.POSITIVE_INFINITY;
    }

    private static ClassCheckpoint at(RunRecord r, String role, int step) {
        for (ClassCheckpoint x : r.role(role)) if (x.step() == step) return x;
        return null;
    }

    private static Interval pooled(List<int[]> km, SeededStream rng) {
        int[] k = km.stream().mapToInt(v -> v[0]).toArray(), m = km.stream().mapToInt(v -> v[1]).toArray();
        return CampaignStats.pooledFraction(k, m, RESAMPLES, rng);
    }

    private static Double log(Double v) { return v == null || !(v > 0) ? null : Math.log(v); }

    private static Double logRatio(Double a, Double b) {
        return a == null || b == null || !(a > 0) || !(b > 0) ? null : Math.log(a / b);
    }

    /** Writes fmem.csv, classes.csv, pairs.csv and report.md into {@code dir}. */
    public static void write(Report r, Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder f = new StringBuilder("classA,classB,piA,n,role,class,step,runs,f_mem,f_mem_lo,f_mem_hi,"
                + "sample_fraction,sample_fraction_lo,sample_fraction_hi,train_fraction\n");
        for (FmemRow x : r.fmem()) f.append(cfg(x.config())).append(',').append(x.role()).append(',').append(x.label())
                .append(',').append(x.step()).append(',').append(x.fMem().count() == 0 ? x.sampleFraction().count() : x.fMem().count())
                .append(',').append(iv(x.fMem())).append(',').append(iv(x.sampleFraction())).append(',').append(num(x.trainFraction()))
                .append('\n');
        write(dir.resolve("fmem.csv"), f);
        StringBuilder c = new StringBuilder("classA,classB,piA,n,role,class,name,n_train,finished_runs,tau_gen,tau_gen_lo,"
                + "tau_gen_hi,tau_gen_runs,tau_gen_early_runs,tau_mem,tau_mem_lo,tau_mem_hi,tau_mem_runs,tau_gen90,tau_gen90_lo,"
                + "tau_gen90_hi,tau_gen90_runs\n");
        for (ClassRow x : r.classes()) c.append(cfg(x.config())).append(',').append(x.role()).append(',').append(x.label())
                .append(',').append(FmnistDataset.NAMES[x.label()]).append(',').append(x.nTrain()).append(',').append(x.finished())
                .append(',').append(iv(x.tauGen())).append(',').append(x.tauGen().count()).append(',').append(x.tauGenEarly())
                .append(',').append(iv(x.tauMem())).append(',').append(x.tauMem().count()).append(',').append(iv(x.tauGen90()))
                .append(',').append(x.tauGen90().count()).append('\n');
        write(dir.resolve("classes.csv"), c);
        StringBuilder p = new StringBuilder("classA,classB,piA,n,runs,finished_runs,d_gen,d_gen_lo,d_gen_hi,d_gen_runs,"
                + "d_gen90,d_gen90_lo,d_gen90_hi,d_gen90_runs,d_mem,"
                + "d_mem_lo,d_mem_hi,d_mem_runs,mem_first_A_runs,mem_first_B_runs,window_runs,gen_fraction_A,gen_fraction_A_lo,gen_fraction_A_hi,train_fraction_A,"
                + "mean_steps,train_cpu_s_per_step,cpu_s,gradient_retries,theory_d_gen,theory_d_mem,theory_psi_p,theory_psi_n,"
                + "theory_t,theory_angle_deg,theory_status\n");
        for (PairRow x : r.pairs()) {
            TheoryOrder t = x.theory();
            p.append(cfg(x.config())).append(',').append(x.runs()).append(',').append(x.finished()).append(',').append(iv(x.dGen()))
                    .append(',').append(x.dGen().count()).append(',').append(iv(x.dGen90())).append(',').append(x.dGen90().count())
                    .append(',').append(iv(x.dMem())).append(',').append(x.dMem().count())
                    .append(',').append(x.memFirstA()).append(',').append(x.memFirstB()).append(',').append(x.windows()).append(',').append(iv(x.finalSampleFractionA())).append(',')
                    .append(num(x.trainFractionA())).append(',').append(num(x.meanSteps())).append(',').append(num(x.cpuSecondsPerStep()))
                    .append(',').append(num(x.cpuSeconds())).append(',').append(x.gradientRetries()).append(',')
                    .append(t == null ? ",,,,,," : num(t.dGen()) + "," + num(t.dMem()) + "," + num(t.psiP()) + "," + num(t.psiN())
                            + "," + num(t.t()) + "," + num(t.angleDeg()) + "," + t.status().replace(',', ';'))
                    .append('\n');
        }
        write(dir.resolve("pairs.csv"), p);
        write(dir.resolve("report.md"), new StringBuilder(markdown(r)));
    }

    /** The report as Markdown tables (generated; the interpretation lives in docs/fmnist-cpu.md). */
    static String markdown(Report r) {
        StringBuilder s = new StringBuilder("# Fashion-MNIST campaign: per-class results (generated)\n\n"
                + "Times in optimiser steps: geometric mean over finished seeds [95 % t interval on log tau] (seeds "
                + "resolved). D = log(tau_A / tau_B) < 0: class A first. Definitions: docs/fmnist-cpu.md.\n\n"
                + "## Per class\n\n| A / B, pi_A | class | n_c | tau_gen,c | tau_gen90,c | tau_mem,c |\n|---|---|---|---|---|---|\n");
        for (ClassRow x : r.classes()) {
            s.append("| ").append(pair(x.config())).append(" | ").append(x.role()).append(' ')
                    .append(FmnistDataset.NAMES[x.label()]).append(" | ").append(x.nTrain()).append(" | ")
                    .append(md(x.tauGen(), "%.0f")).append(x.tauGenEarly() > 0 ? " (" + x.tauGenEarly() + " before 1st ckpt)" : "")
                    .append(" | ").append(md(x.tauGen90(), "%.0f")).append(" | ").append(md(x.tauMem(), "%.0f")).append(" |\n");
        }
        s.append("\n## Per configuration\n\n| A / B, pi_A | runs (done) | D_gen | D_gen90 | D_mem | memorized first (A / B runs) | "
                + "window runs | generated A share | n_A / n | theory D_gen | theory D_mem | steps (mean) | train CPU-s/step | "
                + "CPU-s | NaN retries |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (PairRow x : r.pairs()) {
            TheoryOrder t = x.theory();
            s.append("| ").append(pair(x.config())).append(" | ").append(x.runs()).append(" (").append(x.finished()).append(") | ")
                    .append(md(x.dGen(), "%.2f")).append(" | ").append(md(x.dGen90(), "%.2f")).append(" | ").append(md(x.dMem(), "%.2f")).append(" | ")
                    .append(x.memFirstA()).append(" / ").append(x.memFirstB()).append(" | ").append(x.windows())
                    .append(" | ").append(md(x.finalSampleFractionA(), "%.2f")).append(" | ").append(String.format(Locale.ROOT, "%.2f", x.trainFractionA()))
                    .append(" | ").append(t == null ? "–" : fmt(t.dGen(), "%.2f")).append(" | ")
                    .append(t == null ? "–" : fmt(t.dMem(), "%.2f")).append(" | ")
                    .append(fmt(x.meanSteps(), "%.0f")).append(" | ").append(fmt(x.cpuSecondsPerStep(), "%.3f")).append(" | ")
                    .append(x.finished() == 0 ? "–" : fmt(x.cpuSeconds(), "%.0f")).append(" | ").append(x.gradientRetries()).append(" |\n");
        }
        return s.toString();
    }

    /** A table cell: {@code f} applied to {@code v}, or "–" where there is no value (NaN: no run finished, no crossing). */
    private static String fmt(double v, String f) { return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, f, v); }

    private static String pair(RunRecord.Config c) {
        return FmnistDataset.NAMES[c.classA()] + " / " + FmnistDataset.NAMES[c.classB()] + ", " + c.piA();
    }

    private static String md(Interval v, String f) {
        if (v.count() == 0) return "–";
        String e = String.format(Locale.ROOT, f, v.estimate());
        if (Double.isNaN(v.lo())) return e + " (" + v.count() + ")";
        return e + " [" + String.format(Locale.ROOT, f, v.lo()) + ", " + String.format(Locale.ROOT, f, v.hi()) + "] (" + v.count() + ")";
    }

    private static String cfg(RunRecord.Config c) { return c.classA() + "," + c.classB() + "," + c.piA() + "," + c.n(); }

    private static String iv(Interval v) { return num(v.estimate()) + "," + num(v.lo()) + "," + num(v.hi()); }

    private static String num(double v) { return Double.isNaN(v) ? "" : Double.toString(v); }

    private static void write(Path f, StringBuilder sb) throws IOException {
        Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
        Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
