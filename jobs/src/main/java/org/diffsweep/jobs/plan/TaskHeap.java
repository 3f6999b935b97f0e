package org.diffsweep.jobs.plan;

import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap one Spark task can count on, for judging point sizes before a run ({@code PointFootprint}).
 *
 * <ul>
 *   <li>Local masters ({@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]}): the tasks share the
 *       driver's heap, {@code (max heap - }{@value #RESERVED_MIB}{@code  MiB Spark reserves) / task slots}.</li>
 *   <li>Any other master: {@code (spark.executor.memory - }{@value #RESERVED_MIB}{@code  MiB) / concurrent tasks per
 *       executor}, with {@code spark.executor.memory} (default 1g) and {@code spark.executor.cores /
 *       spark.task.cpus} (default 1 task when {@code spark.executor.cores} is not set) from the Spark
 *       configuration.</li>
 * </ul>
 *
 * @param bytes heap per task, bytes
 * @param how   where that figure comes from, in words (e.g. "local[2]: 3.5 GiB heap / 2 task slots")
 */
public record TaskHeap(double bytes, String how) {
    /** Heap Spark reserves for itself in every JVM (its {@code RESERVED_SYSTEM_MEMORY_BYTES}), MiB. */
    public static final int RESERVED_MIB = 300;
    private static final double MIB = 1024.0 * 1024.0;
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\s*\\d+)?])?");

    /**
     * The heap a task gets under {@code master}.
     *
     * @param conf      Spark configuration lookup (null when unset)
     * @param driverMax the driver JVM's max heap ({@code Runtime.maxMemory()})
     * @param cpus      processors of this machine
     * @param slots     task slots when known (a running local session), else 0 to derive them from the master
     */
    public static TaskHeap of(String master, Function<String, String> conf, long driverMax, int cpus, int slots) {
        int taskCpus = Math.max(1, parseInt(conf.apply("spark.task.cpus"), 1));
        Matcher m = LOCAL.matcher(master == null ? "local[*]" : master.strip());
        if (m.matches()) {
            int s = slots > 0 ? slots : m.group(1) == null ? 1 : m.group(1).equals("*") ? Math.max(1, cpus / taskCpus)
                    : Math.max(1, Integer.parseInt(m.group(1)) / taskCpus);
            return new TaskHeap(Math.max(0, driverMax - RESERVED_MIB * MIB) / s, master + ": " + gib(driverMax) + " GiB driver heap, less "
                    + RESERVED_MIB + " MiB for Spark, / " + s + " task slot" + (s == 1 ? "" : "s"));
        }
        String mem = conf.apply("spark.executor.memory");
        double heap = mem == null ? 1024 * MIB : parseBytes(mem);
        int cores = parseInt(conf.apply("spark.executor.cores"), taskCpus);
        int tasks = Math.max(1, cores / taskCpus);
        return new TaskHeap(Math.max(0, heap - RESERVED_MIB * MIB) / tasks, master + ": spark.executor.memory " + (mem == null ? "1g (default)" : mem)
                + ", less " + RESERVED_MIB + " MiB for Spark, / " + tasks + " concurrent task" + (tasks == 1 ? "" : "s") + " per executor");
    }

    /** A single JVM running one point (the {@code point} command): its whole heap. */
    public static TaskHeap thisJvm(long maxHeap) {
        return new TaskHeap(maxHeap, "this JVM's max heap (-Xmx, DIFFSWEEP_MEM)");
    }

    /** Spark's size strings: {@code 4g}, {@code 512m}, {@code 2048k}, {@code 1t}; a plain number is MiB. */
    static double parseBytes(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)b?").matcher(t);
        if (!m.matches()) return 1024 * MIB;
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2);
        return unit.isEmpty() ? v * MIB : v * Math.pow(1024, "kmgt".indexOf(unit) + 1);
    }

    private static int parseInt(String s, int dflt) {
        try {
            return s == null ? dflt : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static String gib(double bytes) { return String.format(Locale.ROOT, "%.1f", bytes / (1024 * MIB)); }
}
