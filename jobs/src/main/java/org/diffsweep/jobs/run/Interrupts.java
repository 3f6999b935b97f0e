package org.diffsweep.jobs.run;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;

/**
 * A SIGINT or SIGTERM received by the command line (installed by {@code cli.Main}): the sweep in progress stops
 * cleanly instead of Spark's shutdown hook tearing the context down under a running job (which Spark reports as an
 * internal error). {@link #raise} records the signal's exit status (130 or 143), silences Spark's logging and cancels
 * the running Spark jobs; the runner then sees the failed wave, finds {@link #raised()} and reports how many points
 * are committed ({@link SweepInterruptedException}). Committed waves are untouched: a wave is committed by Hadoop's
 * output committer or not at all.
 */
public final class Interrupts {
    private static volatile int status;

    private Interrupts() {}

    /** The exit status of the signal received (130 SIGINT, 143 SIGTERM), or 0 when none was. */
    public static int status() { return status; }

    /** True when a signal was received. */
    public static boolean raised() { return status != 0; }

    /** The signal's name for messages. */
    public static String signalName() { return status == 130 ? "SIGINT" : status == 143 ? "SIGTERM" : "signal"; }

    /**
     * Records the signal; when a Spark context is active, silences its logging and cancels its jobs.
     *
     * @return true when a Spark context was active (the main thread will unwind and report), false when there is
     *         nothing to stop cleanly
     */
    public static boolean raise(int exitStatus) {
        status = exitStatus;
        scala.Option<SparkSession> s = SparkSession.getDefaultSession();
        if (s.isEmpty() || s.get().sparkContext().isStopped()) return false;
        Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.OFF);
        s.get().sparkContext().cancelAllJobs();
        return true;
    }

    /** Test hook: forgets a recorded signal. */
    static void reset() { status = 0; }
}
