package org.diffsweep.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ledger of more than 32 wave folders (Spark's default {@code spark.sql.sources.parallelPartitionDiscovery.threshold})
 * would be listed by a Spark job that ships Hadoop {@code FileStatus}/{@code Path} arrays through Kryo, which with
 * {@code registrationRequired} fails {@code report}, {@code fit} and {@code robustness} of any long run; the sessions
 * list such folders on the driver. 40 folders here.
 */
class ManyWavesListingTest {
    @TempDir Path dir;

    @Test
    void aLedgerOfFortyWaveFoldersIsRead() throws Exception {
        SparkSession spark = TestSpark.get();
        String out = dir.resolve("ledger").toUri().toString();
        spark.range(0, 400).withColumn("wave", functions.col("id").mod(40)).write().partitionBy("wave").parquet(out);
        try (var s = Files.list(dir.resolve("ledger"))) {
            assertEquals(40, s.filter(p -> p.getFileName().toString().startsWith("wave=")).count());
        }
        Dataset<Row> back = spark.read().parquet(out);
        assertEquals(400, back.count());
        assertEquals(40, back.select("wave").distinct().count());
    }
}
