package org.diffsweep.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures the sweep engine's own overhead with a trivial evaluator on a 1,000-point grid: per-point Spark cost of
 * a fresh sweep (default waves of 256, and one wave of 1,000) and the wall time of re-running the finished sweep
 * (resume no-op). Writes {@code target/sweep-overhead.txt}. Run on one slot:
 * {@code mvn -B -o -pl jobs -am verify -Pslow -Dtest=SweepOverheadBench -Dsurefire.failIfNoSpecifiedTests=false
 * -Ddiffsweep.test.master=local[1]}.
 */
@Tag("slow")
class SweepOverheadBench {
    @TempDir Path tmp;

    @Test
    void overheadOfAThousandTrivialPoints() throws IOException {
        double[] xs = new double[10];
        for (int i = 0; i < 10; i++) xs[i] = Math.pow(2, i - 5);
        FakeGrid g = new FakeGrid(xs, xs, 10, 100);
        String spec = "name: bench\nseeds: 10\n";
        StringBuilder report = new StringBuilder();
        report.append("master ").append(TestSpark.get().sparkContext().master()).append(", default parallelism ")
                .append(TestSpark.get().sparkContext().defaultParallelism()).append('\n');
        // Warm-up (JIT, Spark codegen) on a separate folder, not reported.
        SweepRunnerTest.run(tmp.resolve("warm"), new FakeGrid(xs, xs, 1, 100), "name: w\n", new FakeEvaluator("bench", false),
                SweepOptions.defaults());
        for (int wave : new int[] {256, 1000}) {
            Path out = tmp.resolve("w" + wave);
            SweepOutcome fresh = SweepRunnerTest.run(out, g, spec, new FakeEvaluator("bench", false), SweepOptions.defaults().withWaveSize(wave));
            assertEquals(1000, fresh.computed());
            SweepOutcome noop = SweepRunnerTest.run(out, g, spec, new FakeEvaluator("bench", false), SweepOptions.defaults().withWaveSize(wave));
            assertEquals(0, noop.computed());
            assertFalse(noop.outputsWritten());
            report.append(String.format(Locale.ROOT,
                    "waveSize %d: fresh 1000 points: plan %.2f s, evaluate+write %.2f s (%d waves) = %.2f ms/point,"
                            + " outputs %.2f s, total %.2f s; finished-sweep re-run (no-op): %.2f s (plan %.2f s)%n",
                    wave, fresh.planSeconds(), fresh.evalSeconds(), fresh.waves(), 1000 * fresh.evalSeconds() / 1000,
                    fresh.outputSeconds(), fresh.totalSeconds(), noop.totalSeconds(), noop.planSeconds()));
        }
        Files.writeString(Path.of("target", "sweep-overhead.txt"), report.toString());
    }

    /** Plans a 10^6-point grid (no evaluation): fresh (driver-side costs only) and against an existing ledger (anti-join). */
    @Test
    void planningAMillionPoints() throws IOException {
        double[] xs = new double[100], ys = new double[100];
        for (int i = 0; i < 100; i++) {
            xs[i] = Math.pow(10, -1 + 2 * i / 99.0);
            ys[i] = Math.pow(10, -1 + 2 * i / 99.0);
        }
        FakeGrid g = new FakeGrid(xs, ys, 100, 100);
        assertEquals(1_000_000, g.size());
        com.sun.management.ThreadMXBean tm = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        Path out = tmp.resolve("million");
        SweepRequest req = new SweepRequest("m", "h", "name: m\n", g, out.toUri().toString(),
                EvaluatorFactory.of(new FakeEvaluator("plan", false)), TestIds.ID);
        SweepRunner runner = new SweepRunner(TestSpark.get());
        long a0 = tm.getCurrentThreadAllocatedBytes();
        SweepPlan fresh = runner.plan(req, SweepOptions.defaults());
        long a1 = tm.getCurrentThreadAllocatedBytes();
        assertEquals(1_000_000, fresh.remaining());
        // A small finished sweep in the same folder gives the ledger something to anti-join against.
        SweepRunnerTest.run(out, new FakeGrid(new double[] {xs[0]}, new double[] {ys[0]}, 100, 100), "name: m\n",
                new FakeEvaluator("plan", false), SweepOptions.defaults());
        long a2 = tm.getCurrentThreadAllocatedBytes();
        SweepPlan resumed = runner.plan(req, SweepOptions.defaults());
        long a3 = tm.getCurrentThreadAllocatedBytes();
        assertEquals(1_000_000 - 100, resumed.remaining());
        Files.writeString(Path.of("target", "sweep-plan.txt"), String.format(Locale.ROOT,
                "master %s: plan 10^6 points fresh %.2f s (driver thread allocated %.0f MB in total), against a ledger"
                        + " (anti-join on executors) %.2f s (driver thread allocated %.0f MB); %d waves of 256, %d bins per wave%n",
                TestSpark.get().sparkContext().master(), fresh.seconds(), (a1 - a0) / 1e6, resumed.seconds(), (a3 - a2) / 1e6,
                resumed.waves(), resumed.binsPerWave()));
    }
}
