package org.diffsweep.jobs.run;

import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the one {@link SparkSession} a diffsweep process uses.
 *
 * <p>Master resolution: an explicit {@code master} argument (the CLI's {@code --master}) wins; otherwise the
 * {@code spark.master} system property (set by {@code spark-submit}); otherwise embedded {@code local[*]}.
 * Every session gets Kryo with {@code spark.kryo.registrationRequired=true} and {@link KryoRegistrator}.
 * In local mode the driver binds to 127.0.0.1 (platform.md §1: Spark otherwise binds to eth0) unless
 * {@code SPARK_LOCAL_IP} is set. Spark's log level is lowered to WARN before the context starts.
 */
public final class SparkSessions {
    /** Default master when neither {@code --master} nor {@code spark.master} is given. */
    public static final String DEFAULT_MASTER = "local[*]";

    private SparkSessions() {}

    /** Kryo settings shared by every session (and by the Kryo round-trip test). */
    public static Map<String, String> kryoConf() {
        return Map.of("spark.serializer", "org.apache.spark.serializer.KryoSerializer", "spark.kryo.registrationRequired", "true",
                "spark.kryo.registrator", KryoRegistrator.class.getName());
    }

    /** The master this process would use for {@code requested} (null/blank = not given on the command line). */
    public static String resolveMaster(String requested) {
        if (requested != null && !requested.isBlank()) return requested.trim();
        String prop = System.getProperty("spark.master");
        if (prop != null && !prop.isBlank()) return prop.trim();
        return DEFAULT_MASTER;
    }

    /**
     * Gets or creates the session.
     *
     * @param master    {@code --master} value, or null for the default resolution above
     * @param appName   Spark application name
     * @param uiEnabled false in tests (no web UI port)
     * @param extra     additional Spark settings, applied last (may override the defaults here)
     */
    public static SparkSession getOrCreate(String master, String appName, boolean uiEnabled, Map<String, String> extra) {
        quietLogging();
        String m = resolveMaster(master);
        SparkConf conf = new SparkConf().setAppName(appName).setMaster(m);
        kryoConf().forEach(conf::set);
        conf.set("spark.ui.enabled", Boolean.toString(uiEnabled));
        // The ledger has ~45 columns; the default (25) makes Spark warn about truncated plan strings.
        conf.setIfMissing("spark.sql.debug.maxToStringFields", "200");
        // A ledger is one folder per wave; a long run has hundreds. Above this many folders Spark lists them with a
        // job that ships Hadoop FileStatus/Path arrays through Kryo (unregistered types); listing them on the driver is
        // cheap at these counts, on HDFS too.
        conf.setIfMissing("spark.sql.sources.parallelPartitionDiscovery.threshold", "1000000");
        if (m.startsWith("local")) {
            String ip = System.getenv("SPARK_LOCAL_IP");
            if (ip == null || ip.isBlank()) {
                conf.set("spark.driver.host", "127.0.0.1");
                conf.set("spark.driver.bindAddress", "127.0.0.1");
            }
            // Small local jobs: 200 shuffle partitions would be pure scheduling overhead.
            conf.setIfMissing("spark.sql.shuffle.partitions", "8");
        }
        if (extra != null) extra.forEach(conf::set);
        SparkSession s = SparkSession.builder().config(conf).getOrCreate();
        s.sparkContext().setLogLevel("WARN");
        return s;
    }

    /** The session's Hadoop configuration (the file systems the ledger lives on). */
    public static org.apache.hadoop.conf.Configuration hadoopConf(SparkSession spark) {
        return spark.sparkContext().hadoopConfiguration();
    }

    /** The master URL the session runs on. */
    public static String master(SparkSession spark) { return spark.sparkContext().master(); }

    /** Lowers Spark, Hadoop and Parquet logging to WARN/ERROR before the context prints its INFO start-up banner. */
    public static void quietLogging() {
        try {
            Configurator.setRootLevel(Level.WARN);
            Configurator.setLevel("org.apache.spark", Level.WARN);
            Configurator.setLevel("org.apache.hadoop", Level.ERROR);
            Configurator.setLevel("org.apache.parquet", Level.ERROR);
        } catch (RuntimeException | LinkageError e) {
            // another logging backend: leave it as configured
        }
    }
}
