package org.diffsweep.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Row;
import org.diffsweep.jobs.ledger.SweepLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger on {@code hdfs://} (Hadoop's MiniDFSCluster, one NameNode and one DataNode in this JVM): a sweep writes
 * its waves there, a re-run computes nothing, a lost wave (simulated crash) is recomputed and nothing else, and a
 * held lock on HDFS refuses a second run. Integration profile only (MiniDFS start ~13 s, platform.md §4).
 */
@Tag("integration")
class HdfsLedgerIT {
    @TempDir static Path base;
    static MiniDFSCluster dfs;
    static String root;

    @BeforeAll
    static void startDfs() throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("dfs").toString());
        conf.set("dfs.replication", "1"); // one DataNode: the default 3 leaves every block under-replicated
        dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        dfs.waitActive();
        root = "hdfs://127.0.0.1:" + dfs.getNameNodePort();
        TestSpark.get().sparkContext().hadoopConfiguration().set("dfs.replication", "1");
    }

    @AfterAll
    static void stopDfs() {
        if (dfs != null) dfs.shutdown();
    }

    static SweepOutcome run(String out, FakeGrid g, String tag) throws IOException {
        var req = new SweepRequest<>("h", "hash-h", "{\"name\": \"h\"}", g, out, FakeEvaluator.model(tag, false));
        return new SweepRunner(TestSpark.get()).run(req, SweepOptions.defaults().withWaveSize(5), null);
    }

    static List<Row> ledger(String out) {
        return TestSpark.get().read().parquet(out + "/ledger").collectAsList();
    }

    static Map<String, Integer> rowsPerPointClass(List<Row> rows) {
        Map<String, Integer> m = new HashMap<>();
        for (Row r : rows) m.merge(r.getAs("pointId") + "/" + r.getAs("classIndex"), 1, Integer::sum);
        return m;
    }

    @Test
    void ledgerResumeAndLockOnHdfs() throws IOException {
        FakeGrid g = new FakeGrid(SweepRunnerTest.R, SweepRunnerTest.R, 2, 8);
        String out = root + "/sweeps/h";
        SweepOutcome o = run(out, g, "hdfs1");
        assertEquals(18, o.computed());
        assertEquals(4, o.waves()); // 18 points in waves of 5

        FileSystem fs = dfs.getFileSystem();
        FileStatus[] waves = fs.globStatus(new org.apache.hadoop.fs.Path("/sweeps/h/ledger/wave=*"));
        assertEquals(4, waves.length);
        assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/sweeps/h/_spec.txt")));
        assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/sweeps/h/results.csv")));
        Map<String, Integer> per = rowsPerPointClass(ledger(out));
        assertEquals(36, per.size()); // 18 points x 2 classes, each exactly once
        assertTrue(per.values().stream().allMatch(n -> n == 1));
        assertEquals(SweepRunnerTest.gridIds(g).size(), per.keySet().stream().map(k -> k.split("/")[0]).distinct().count());

        // finished sweep: nothing recomputed
        assertEquals(0, run(out, g, "hdfs2").computed());
        assertEquals(0, FakeEvaluator.totalCalls("hdfs2"));

        // crash simulation: wave 2 lost; exactly its 5 points are recomputed
        assertTrue(fs.delete(new org.apache.hadoop.fs.Path("/sweeps/h/ledger/wave=00002"), true));
        SweepOutcome r = run(out, g, "hdfs3");
        assertEquals(5, r.computed());
        assertEquals(13, r.alreadyDone());
        assertEquals(5, FakeEvaluator.totalCalls("hdfs3"));
        per = rowsPerPointClass(ledger(out));
        assertEquals(36, per.size());
        assertTrue(per.values().stream().allMatch(n -> n == 1));

        // a live lock held on HDFS refuses a second run
        try (SweepLock held = SweepLock.acquire(fs, fs.makeQualified(new org.apache.hadoop.fs.Path("/sweeps/h")), "other",
                Duration.ofMinutes(10), false)) {
            SweepRefusedException e = assertThrows(SweepRefusedException.class, () -> run(out, g, "hdfs4"));
            assertTrue(e.getMessage().contains("is locked by run 'other'"), e.getMessage());
        }
        assertEquals(0, FakeEvaluator.totalCalls("hdfs4"));
    }
}
