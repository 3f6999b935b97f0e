package org.diffsweep.jobs.ledger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output-folder lock on Hadoop's local filesystem. */
class SweepLockTest {
    @TempDir java.nio.file.Path tmp;

    FileSystem fs() throws IOException { return FileSystem.getLocal(new Configuration()); }

    Path folder() { return new Path(tmp.resolve("out").toUri()); }

    @Test
    void secondAcquireIsRefusedUntilTheFirstIsReleased() throws IOException {
        FileSystem fs = fs();
        SweepLock first = SweepLock.acquire(fs, folder(), "first", Duration.ofMinutes(10), false);
        SweepLock.LockedException e = assertThrows(SweepLock.LockedException.class,
                () -> SweepLock.acquire(fs, folder(), "second", Duration.ofMinutes(10), false));
        assertTrue(e.getMessage().contains("locked by run 'first'") && e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
        first.close();
        assertFalse(Files.exists(tmp.resolve("out").resolve(SweepLock.LOCK_FILE)));
        SweepLock.acquire(fs, folder(), "second", Duration.ofMinutes(10), false).close();
    }

    @Test
    void lockOfADeadProcessOnThisHostIsTakenOver() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long deadPid = p.pid();
        Files.createDirectories(tmp.resolve("out"));
        Files.writeString(tmp.resolve("out").resolve(SweepLock.LOCK_FILE), "run=crashed\nhost="
                + InetAddress.getLocalHost().getHostName() + "\npid=" + deadPid + "\ntoken=x\n");
        try (SweepLock l = SweepLock.acquire(fs(), folder(), "next", Duration.ofMinutes(10), false)) {
            assertTrue(Files.readString(tmp.resolve("out").resolve(SweepLock.LOCK_FILE)).contains("run=next"));
        }
    }

    @Test
    void lockWithoutHeartbeatIsStaleAfterTheTimeoutAndBreakLockForces() throws Exception {
        Files.createDirectories(tmp.resolve("out"));
        java.nio.file.Path lock = tmp.resolve("out").resolve(SweepLock.LOCK_FILE);
        Files.writeString(lock, "run=elsewhere\nhost=some-other-host\npid=1\ntoken=y\n");
        assertThrows(SweepLock.LockedException.class, () -> SweepLock.acquire(fs(), folder(), "a", Duration.ofMinutes(10), false));
        SweepLock.acquire(fs(), folder(), "b", Duration.ofMinutes(10), true).close();

        Files.writeString(lock, "run=elsewhere\nhost=some-other-host\npid=1\ntoken=y\n");
        Files.setLastModifiedTime(lock, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        SweepLock.acquire(fs(), folder(), "c", Duration.ofSeconds(30), false).close();
    }
}
