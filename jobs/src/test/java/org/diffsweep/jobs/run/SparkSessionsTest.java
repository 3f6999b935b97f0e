package org.diffsweep.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Master resolution (no SparkContext is started). */
class SparkSessionsTest {
    @Test
    void explicitMasterWinsThenSparkMasterPropertyThenEmbeddedLocal() {
        String saved = System.getProperty("spark.master");
        try {
            System.clearProperty("spark.master");
            assertEquals("local[*]", SparkSessions.resolveMaster(null));
            assertEquals("local[*]", SparkSessions.resolveMaster("  "));
            System.setProperty("spark.master", "spark://127.0.0.1:7077");
            assertEquals("spark://127.0.0.1:7077", SparkSessions.resolveMaster(null));
            assertEquals("local[2]", SparkSessions.resolveMaster(" local[2] "));
        } finally {
            if (saved == null) System.clearProperty("spark.master");
            else System.setProperty("spark.master", saved);
        }
    }

    @Test
    void kryoIsConfiguredWithRegistrationRequired() {
        assertEquals("org.apache.spark.serializer.KryoSerializer", SparkSessions.kryoConf().get("spark.serializer"));
        assertEquals("true", SparkSessions.kryoConf().get("spark.kryo.registrationRequired"));
        assertEquals(KryoRegistrator.class.getName(), SparkSessions.kryoConf().get("spark.kryo.registrator"));
    }
}
