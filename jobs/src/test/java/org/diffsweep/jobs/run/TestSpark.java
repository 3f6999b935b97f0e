package org.diffsweep.jobs.run;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession shared by every Spark test in this JVM (started on first use, stopped at JVM exit).
 * {@code local[2,3]}: two task slots, up to 3 attempts per task, so failure-injection tests can rely on retries.
 * Override with {@code -Ddiffsweep.test.master=...}.
 */
public final class TestSpark {
    private static SparkSession session;

    private TestSpark() {}

    public static synchronized SparkSession get() {
        if (session == null) {
            String master = System.getProperty("diffsweep.test.master", "local[2,3]");
            session = SparkSessions.getOrCreate(master, "diffsweep-test", false,
                    Map.of("spark.sql.shuffle.partitions", "2", "spark.default.parallelism",
                            master.startsWith("local[1") ? "1" : "2"));
        }
        return session;
    }
}
