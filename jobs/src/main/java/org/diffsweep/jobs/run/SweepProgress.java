package org.diffsweep.jobs.run;

import java.io.PrintStream;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The live progress line, driven by Spark's listener bus (works on any master, no accumulators): when a task of the
 * current wave's job succeeds, the points of its bin (partition index = bin id) count as done; a bin counts once
 * even if a retry or speculative copy also succeeds. Failed task attempts are counted from the task-end reason; the
 * ETA scales the elapsed time by remaining / completed estimated cost (the cost model); the executor run time from
 * the task metrics gives the mean task time.
 *
 * <p>Line: {@code name: done/total points (pct) | rate pts/s | ETA m:ss | failed points F | task retries R}.
 */
public final class SweepProgress extends SparkListener {
    /** Local property that tags the jobs of one wave. */
    public static final String WAVE_PROPERTY = "diffsweep.wave";

    private final String name;
    private final PrintStream out;
    private final boolean carriageReturn;
    private final long total;
    private final double totalCost;
    private final long startNanos = System.nanoTime();
    private long done;
    private double doneCost;
    private long failedPoints;
    private long taskRetries;
    private long taskRunMs;
    private long tasks;
    private String waveTag;
    private int[] binSizes = new int[0];
    private double[] binCosts = new double[0];
    private BitSet binsDone = new BitSet();
    private final Set<Integer> waveStages = new HashSet<>();
    private long lastPrint;
    private String lastLine = "";

    /**
     * @param total     points this run will compute
     * @param totalCost their summed cost estimate
     */
    public SweepProgress(String name, long total, double totalCost, PrintStream out, boolean carriageReturn) {
        this.name = name;
        this.total = total;
        this.totalCost = totalCost;
        this.out = out;
        this.carriageReturn = carriageReturn;
    }

    /** Called by the driver before it submits a wave. */
    public synchronized void startWave(String tag, int[] sizes, double[] costs) {
        waveTag = tag;
        binSizes = sizes.clone();
        binCosts = costs.clone();
        binsDone = new BitSet(sizes.length);
        waveStages.clear();
    }

    /** Called by the driver after a wave is committed, with its count of non-OK points. */
    public synchronized void endWave(long failedInWave) {
        // Bins whose success event has not been delivered yet (the listener bus is asynchronous) count now.
        for (int b = binsDone.nextClearBit(0); b < binSizes.length; b = binsDone.nextClearBit(b + 1)) {
            binsDone.set(b);
            done += binSizes[b];
            doneCost += binCosts[b];
        }
        failedPoints += failedInWave;
        waveTag = null;
        print(true);
    }

    @Override
    public synchronized void onJobStart(SparkListenerJobStart jobStart) {
        Properties p = jobStart.properties();
        if (waveTag != null && p != null && waveTag.equals(p.getProperty(WAVE_PROPERTY))) {
            for (Object s : CollectionConverters.asJava(jobStart.stageIds())) waveStages.add((Integer) s);
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd e) {
        if (!waveStages.contains(e.stageId())) return;
        if (!e.taskInfo().successful()) {
            taskRetries++;
            print(false);
            return;
        }
        int b = e.taskInfo().partitionId();
        if (e.taskMetrics() != null) {
            taskRunMs += e.taskMetrics().executorRunTime();
            tasks++;
        }
        if (b >= 0 && b < binSizes.length && !binsDone.get(b)) {
            binsDone.set(b);
            done += binSizes[b];
            doneCost += binCosts[b];
        }
        print(false);
    }

    /** Summed run time of every finished task so far, milliseconds (the real work of the waves, without job overhead). */
    public synchronized long taskRunMs() { return taskRunMs; }

    /** The current progress line. */
    public synchronized String line() {
        double el = (System.nanoTime() - startNanos) / 1e9;
        double rate = el > 0 ? done / el : 0;
        String eta = done >= total ? "0:00" : doneCost > 0 ? clock(el * (totalCost - doneCost) / doneCost) : "?";
        String mean = tasks > 0 ? String.format(Locale.ROOT, " | mean task %.1f s", taskRunMs / 1000.0 / tasks) : "";
        return String.format(Locale.ROOT, "%s: %d/%d points (%.0f%%) | %.2f pts/s | ETA %s | failed points %d | task retries %d%s",
                name, done, total, total == 0 ? 100.0 : 100.0 * done / total, rate, eta, failedPoints, taskRetries, mean);
    }

    /** Prints the final line and a newline (terminal mode). */
    public synchronized void finish() {
        print(true);
        if (out != null && carriageReturn) out.println();
    }

    private void print(boolean force) {
        if (out == null) return;
        long now = System.nanoTime();
        if (!force && now - lastPrint < (carriageReturn ? 500_000_000L : 10_000_000_000L)) return;
        String l = line();
        // The rate keeps changing; compare without it so a forced print with no new progress is not repeated.
        String key = l.replaceAll("\\| [0-9.]+ pts/s \\|", "|");
        if (force && !carriageReturn && key.equals(lastLine)) return;
        lastPrint = now;
        lastLine = key;
        if (carriageReturn) out.print("\r" + l + "   ");
        else out.println(l);
        out.flush();
    }

    private static String clock(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60)
                : String.format(Locale.ROOT, "%d:%02d", t / 60, t % 60);
    }
}
