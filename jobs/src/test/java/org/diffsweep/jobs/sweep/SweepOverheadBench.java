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
}
