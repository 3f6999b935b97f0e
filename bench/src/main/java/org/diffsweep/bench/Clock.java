package org.diffsweep.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The benchmark clock. Default: CPU time of the calling thread (BLAS runs single-threaded on that thread through
 * JNI, so it is included), which is far less disturbed by other processes on a shared machine than wall time.
 * {@code -Ddiffsweep.bench.clock=wall} switches to wall-clock time.
 */
public final class Clock {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final boolean CPU = !"wall".equals(System.getProperty("diffsweep.bench.clock", "cpu"))
            && MX.isCurrentThreadCpuTimeSupported();

    private Clock() { }

    /** Nanoseconds on the selected clock. */
    public static long nanos() { return CPU ? MX.getCurrentThreadCpuTime() : System.nanoTime(); }

    /** "thread CPU time" or "wall time". */
    public static String describe() { return CPU ? "thread CPU time" : "wall time"; }
}
