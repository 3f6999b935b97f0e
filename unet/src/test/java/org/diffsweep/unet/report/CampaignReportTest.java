package org.diffsweep.unet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.diffsweep.core.random.RandomStreams;
import org.diffsweep.core.random.SeededStream;
import org.diffsweep.unet.experiment.ClassCheckpoint;
import org.diffsweep.unet.experiment.ClassTimes;
import org.diffsweep.unet.metrics.CurveTimes;
import org.diffsweep.unet.report.CampaignStats.Interval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The campaign report on synthetic curves with known times. */
class CampaignReportTest {
    private static final RunRecord.Config CFG = new RunRecord.Config(8, 1, 0.75, 32);

    @Test
    void tIntervalMatchesTheTextbookFormula() {
        // {1, 2, 3}: mean 2, s = 1, t_{0.975, 2} = 4.302652729911275 (statistical tables), half-width t s / sqrt(3).
        Interval v = CampaignStats.meanInterval(List.of(1.0, 2.0, 3.0));
        assertEquals(2.0, v.estimate(), 1e-12);
        assertEquals(4.302652729911275 / Math.sqrt(3), v.hi() - 2.0, 1e-9);
        assertEquals(3, v.count());
        Interval one = CampaignStats.meanInterval(java.util.Arrays.asList(5.0, null, Double.NaN));
        assertEquals(5.0, one.estimate());
        assertTrue(Double.isNaN(one.lo()) && one.count() == 1); // one seed: no spread, no interval
    }

    @Test
    void pooledFractionIntervalCoversTheTruthAtAboutNinetyFivePercent() {
        // Three seeds per experiment, each with its own memorization probability p_r ~ U(0.2, 0.4) (between-seed
        // spread) and 30 samples; the target is the population mean 0.3. The cluster bootstrap must cover it in
        // roughly 95 % of 300 experiments: 0.85..0.995 leaves room for the known under-coverage of percentile
        // intervals with 3 clusters and for Monte-Carlo error (sd of the coverage ~0.013), but fails an interval
        // that ignores one level (samples only: ~70 %) or is degenerate.
        SeededStream g = RandomStreams.forKey("coverage").stream("data");
        SeededStream b = RandomStreams.forKey("coverage").stream("boot");
        int cover = 0, reps = 300;
        for (int e = 0; e < reps; e++) {
            int[] k = new int[3], m = new int[3];
            for (int r = 0; r < 3; r++) {
                double p = 0.2 + 0.2 * g.nextDouble();
                m[r] = 30;
                for (int q = 0; q < 30; q++) if (g.nextDouble() < p) k[r]++;
            }
            Interval v = CampaignStats.pooledFraction(k, m, 400, b);
            if (v.lo() <= 0.3 && 0.3 <= v.hi()) cover++;
        }
        double c = (double) cover / reps;
        assertTrue(c > 0.80 && c < 0.995, "coverage " + c);
        Interval none = CampaignStats.pooledFraction(new int[] {0}, new int[] {0}, 10, b);
        assertEquals(0, none.count());
    }

    /**
     * A synthetic run: test loss L(tau) = 1 for tau <= g0 then linear in log tau down to 0.2 at 10 g0 and flat after
     * (half-drop at exactly sqrt(10) g0 on a grid that contains g0 and 10 g0 in log-linear pieces); f_mem(tau) = 0
     * until m0, then linear in log tau to 0.5 at 10 m0 (so it reaches 0.1 at 10^0.2 m0).
     */
    private static RunRecord run(int seed, double genA, double genB, double memA, double memB, int assignedA) {
        List<ClassCheckpoint> rows = new ArrayList<>();
        double[] grid = new double[41];
        for (int i = 0; i <= 40; i++) grid[i] = Math.pow(10, 1 + i * 0.1); // 10 .. 1e5, 10 points per decade
        for (double tau : grid) {
            int step = (int) Math.round(tau);
            rows.add(row(step, 8, "A", loss(step, genA), fmem(step, memA), assignedA, 96 - assignedA));
            rows.add(row(step, 1, "B", loss(step, genB), fmem(step, memB), 96 - assignedA, assignedA));
        }
        List<ClassTimes> times = new ArrayList<>();
        for (String role : new String[] {"A", "B"}) {
            List<ClassCheckpoint> r = rows.stream().filter(x -> x.role().equals(role)).toList();
            double[] t = r.stream().mapToDouble(ClassCheckpoint::step).toArray();
            double[] loss = r.stream().mapToDouble(ClassCheckpoint::testLoss).toArray();
            times.add(new ClassTimes(role.equals("A") ? 8 : 1, role, role.equals("A") ? 24 : 8, 0.06, 4.4,
                    CurveTimes.halfDrop(t, loss),
                    CurveTimes.firstRise(t, r.stream().mapToDouble(ClassCheckpoint::fMem).toArray(), 0.1), null, false,
                    CurveTimes.drop(t, loss, 0.9)));
        }
        return new RunRecord(CFG, seed, rows, times, Map.of("steps", "100000", "train_cpu_s", "12000", "eval_cpu_s", "100",
                "parameter_count", "168000"));
    }

    private static double loss(double tau, double g0) {
        if (tau <= g0) return 1;
        if (tau >= 10 * g0) return 0.2;
        return 1 - 0.8 * Math.log10(tau / g0);
    }

    private static double fmem(double tau, double m0) {
        if (tau <= m0) return 0;
        if (tau >= 10 * m0) return 0.5;
        return 0.5 * Math.log10(tau / m0);
    }

    private static ClassCheckpoint row(int step, int label, String role, double loss, double fmem, int assigned, int other) {
        double f = Math.round(fmem * assigned) / (double) assigned; // a fraction of whole samples
        return new ClassCheckpoint(step, label, role, 16, assigned, assigned / 96.0, f, f, f, loss * 0.9, loss, 0.1, 0,
                0, 0);
    }

    @Test
    void timesRatiosWindowAndProportionsFromSyntheticRuns(@TempDir Path dir) throws Exception {
        // Seeds with tau_gen,A = 100, 200, 400 x sqrt(10) and tau_gen,B = 2 tau_gen,A: D_gen = -log 2 in every seed
        // (zero spread); tau_mem,A at 10^0.2 x 2000, 4000, 8000 and tau_mem,B at 10^0.2 x 8000, 16000, 32000
        // (f_mem is rounded to whole samples, 72 for A and 24 for B, which moves each 0.1 crossing by at most 0.03
        // decades, so D_mem is -log 8 within 0.03 ln 10 < 0.07).
        List<RunRecord> runs = new ArrayList<>();
        double[] g = {100, 200, 400};
        for (int s = 0; s < 3; s++) runs.add(run(s, g[s], 2 * g[s], 20 * g[s], 80 * g[s], 72));
        CampaignReport.Report r = CampaignReport.build(runs, Map.of());
        CampaignReport.ClassRow a = r.classes().get(0), b = r.classes().get(1);
        double geo = Math.cbrt(100 * 200 * 400) * Math.sqrt(10);
        assertEquals(geo, a.tauGen().estimate(), 1e-6 * geo);
        assertEquals(2 * geo, b.tauGen().estimate(), 1e-6 * geo);
        assertEquals(3, a.tauGen().count());
        // 90 % drop: 1 - 0.8 log10(tau/g0) = 0.2 + 0.1 * 0.8 at tau = 10^0.9 g0
        assertEquals(Math.cbrt(100 * 200 * 400) * Math.pow(10, 0.9), a.tauGen90().estimate(), 1e-6 * geo);
        // the log-tau interval of three values log(100 c), log(200 c), log(400 c): s = log 2
        double half = 4.302652729911275 * Math.log(2) / Math.sqrt(3);
        assertEquals(Math.log(geo) + half, Math.log(a.tauGen().hi()), 1e-9);
        CampaignReport.PairRow p = r.pairs().get(0);
        assertEquals(-Math.log(2), p.dGen().estimate(), 1e-9);
        assertEquals(0, p.dGen().hi() - p.dGen().lo(), 1e-9);
        assertEquals(-Math.log(2), p.dGen90().estimate(), 1e-9);
        assertEquals(-Math.log(4), p.dMem().estimate(), 0.07);
        // A memorizes at 10^0.2 * 20 g = 31.7 g, after B's 90 % drop at 10^0.9 * 2 g = 15.9 g: no window (and B
        // memorizes at 10^0.2 * 80 g, long after A generalized).
        assertEquals(0, p.windows());
        // generated A share 72/96 in every run = training share 0.75: the pooled interval collapses onto it
        assertEquals(0.75, p.finalSampleFractionA().estimate(), 1e-12);
        assertEquals(0.75, p.trainFractionA(), 1e-12);
        assertEquals(0.12, p.cpuSecondsPerStep(), 1e-12);
        // f_mem,A pooled at a step where it is 0.5 in every run: estimate 0.5 with a zero-width interval
        CampaignReport.FmemRow last = r.fmem().stream().filter(x -> x.role().equals("A") && x.step() == 100000).findFirst().orElseThrow();
        assertEquals(0.5, last.fMem().estimate(), 1e-12);
        assertEquals(3, last.fMem().count());

        // A run where A memorizes (tau_mem = 10^0.2 * 100) long before B generalizes (tau_gen90 = 10^0.9 * 5000): a window.
        RunRecord w = run(9, 100, 5000, 100, 1e5, 72);
        assertTrue(CampaignReport.window(w.times().get(0), w.times().get(1)));
        assertFalse(CampaignReport.window(runs.get(0).times().get(0), runs.get(0).times().get(1)));
        // memorization order: A first in all three seeds (tau_mem,A 4 x earlier); a run in which B never reaches
        // f_mem 0.1 (its onset at 10^0.2 * 1e6, past the grid's last step 1e5) still counts as "A first", one in
        // which neither does counts for neither side
        assertEquals(3, p.memFirstA());
        assertEquals(0, p.memFirstB());
        RunRecord censored = run(7, 100, 200, 2000, 1e6, 72), neither = run(8, 100, 200, 1e6, 1e6, 72);
        assertEquals(null, censored.times().get(1).tauMem());
        assertEquals(-1, CampaignReport.memorizedFirst(censored.times().get(0), censored.times().get(1)));
        assertEquals(1, CampaignReport.memorizedFirst(censored.times().get(1), censored.times().get(0)));
        assertEquals(0, CampaignReport.memorizedFirst(neither.times().get(0), neither.times().get(1)));
        List<RunRecord> mixed = new ArrayList<>(runs);
        mixed.add(censored);
        mixed.add(neither);
        CampaignReport.PairRow m = CampaignReport.build(mixed, Map.of()).pairs().get(0);
        assertEquals(4, m.memFirstA());
        assertEquals(0, m.memFirstB());
        assertEquals(3, m.dMem().count()); // D_mem needs both times: the censored and the undecided run add nothing

        CampaignReport.write(r, dir);
        for (String f : new String[] {"fmem.csv", "classes.csv", "pairs.csv", "report.md"}) assertTrue(Files.size(dir.resolve(f)) > 100, f);
        assertEquals(1 + 2 * 41, Files.readAllLines(dir.resolve("fmem.csv")).size());
        List<String> pairs = Files.readAllLines(dir.resolve("pairs.csv"));
        assertEquals(pairs.get(0).split(",", -1).length, pairs.get(1).split(",", -1).length, "pairs.csv header and row");
        int col = java.util.Arrays.asList(pairs.get(0).split(",")).indexOf("mem_first_A_runs");
        assertEquals("3", pairs.get(1).split(",", -1)[col]);
    }

    @Test
    void aConfigurationStillTrainingShowsDashesNotNaN() {
        // One finished run of CFG and a run of another configuration that has curves but no times yet (in flight).
        RunRecord done = run(0, 100, 200, 1000, 8000, 60);
        RunRecord.Config other = new RunRecord.Config(6, 2, 0.5, 32);
        RunRecord training = new RunRecord(other, 0, done.curves(), List.of(), Map.of());
        String md = CampaignReport.markdown(CampaignReport.build(List.of(done, training), Map.of()));
        assertFalse(md.replace("NaN retries", "").contains("NaN"), md); // the column header names NaN gradients
        String row = md.lines().filter(l -> l.startsWith("| Shirt / Pullover, 0.5 | 1 (0)")).findFirst().orElseThrow();
        // D_gen, D_gen90, D_mem, share, theory x2, steps, CPU-s/step, CPU-s: no value yet
        assertEquals(9, row.chars().filter(ch -> ch == '–').count(), row);
    }

    @Test
    void runFoldersRoundTrip(@TempDir Path dir) throws Exception {
        RunRecord r = run(0, 100, 200, 1000, 8000, 60);
        Path d = dir.resolve("A8_B1_pi0.75_n32_s0");
        Files.createDirectories(d);
        StringBuilder c = new StringBuilder(ClassCheckpoint.HEADER + "\n");
        for (ClassCheckpoint x : r.curves()) c.append(x.csv()).append('\n');
        Files.writeString(d.resolve("curves.csv"), c);
        Files.createDirectories(dir.resolve("A8_B1_pi0.75_n32_s1")); // unfinished, no curves yet: ignored
        List<RunRecord> back = RunRecord.readAll(dir);
        assertEquals(1, back.size());
        assertFalse(back.get(0).finished());
        assertEquals(CFG, back.get(0).config());
        assertEquals(r.curves().size(), back.get(0).curves().size());
        assertEquals(r.curves().get(5).fMem(), back.get(0).curves().get(5).fMem(), 1e-15);
    }
}
