package org.diffsweep.jobs.run;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.diffsweep.jobs.plan.PlanSummary;

/**
 * Child-JVM body of {@link PlanMemoryTest}: plans a 10^6-point grid fresh, then again against a ledger of 100
 * finished points (anti-join on the executors), in local[1]. Prints one line:
 * {@code remainingFresh remainingResumed secondsFresh secondsResumed peakHeapMB maxHeapMB}.
 */
final class PlanMillionMain {
    private PlanMillionMain() {}

    static FakeGrid million() {
        double[] xs = new double[100];
        for (int i = 0; i < 100; i++) xs[i] = Math.pow(10, -1 + 2 * i / 99.0);
        return new FakeGrid(xs, xs, 100, 100);
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        var spark = SparkSessions.getOrCreate("local[1]", "plan-million", false,
                Map.of("spark.sql.shuffle.partitions", "1", "spark.default.parallelism", "1"));
        FakeGrid g = million();
        var model = FakeEvaluator.model("plan", false);
        var req = new SweepRequest<>("m", "h", "{}", g, out.toUri().toString(), model);
        SweepRunner runner = new SweepRunner(spark);
        PlanSummary fresh = runner.plan(req, SweepOptions.defaults());
        runner.run(req.withGrid(new FakeGrid(new double[] {g.point(0).coordinates().get("varianceRatio")},
                new double[] {g.point(0).coordinates().get("imbalanceRatio")}, 100, 100)), SweepOptions.defaults(), null);
        PlanSummary resumed = runner.plan(req, SweepOptions.defaults());
        long peak = 0;
        for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
            if (b.getType() == MemoryType.HEAP && b.getPeakUsage() != null) peak += b.getPeakUsage().getUsed();
        }
        System.out.println(String.format(Locale.ROOT, "%d %d %.3f %.3f %.1f %.1f", fresh.remaining(), resumed.remaining(),
                fresh.seconds(), resumed.seconds(), peak / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0));
        spark.stop();
    }
}
