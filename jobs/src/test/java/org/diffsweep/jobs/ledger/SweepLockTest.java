package org.diffsweep.jobs.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    /** A lock file held by a run on another host whose heartbeat stopped a minute ago (stale after 30 s). */
    java.nio.file.Path staleLock(String token) throws IOException {
        Files.createDirectories(tmp.resolve("out"));
        java.nio.file.Path lock = tmp.resolve("out").resolve(SweepLock.LOCK_FILE);
        Files.writeString(lock, "run=crashed\nhost=some-other-host\npid=1\ntoken=" + token + "\n");
        Files.setLastModifiedTime(lock, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        return lock;
    }

    /**
     * Issue 13, failure 6: two runs judge the same lock stale at the same moment (a barrier in the take-over window
     * makes the race certain); exactly one of them may win, and the lock then holds the winner's token. The former
     * check-then-delete let both win (the second deleted the first one's fresh lock).
     */
    @Test
    void twoTakersOfAStaleLockNeverBothWin() throws Exception {
        for (int round = 0; round < 10; round++) {
            java.nio.file.Path lock = staleLock("old" + round);
            java.util.concurrent.CyclicBarrier both = new java.util.concurrent.CyclicBarrier(2);
            SweepLock.beforeTakeover = () -> {
                try {
                    both.await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            java.util.concurrent.ExecutorService ex = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                java.util.List<java.util.concurrent.Future<SweepLock>> fs = new java.util.ArrayList<>();
                for (String who : java.util.List.of("a", "b")) {
                    fs.add(ex.submit(() -> {
                        try {
                            return SweepLock.acquire(fs(), folder(), who, Duration.ofSeconds(30), false);
                        } catch (SweepLock.LockedException e) {
                            return null;
                        }
                    }));
                }
                java.util.List<SweepLock> won = new java.util.ArrayList<>();
                for (var f : fs) if (f.get() != null) won.add(f.get());
                assertEquals(1, won.size(), "round " + round + ": exactly one taker wins");
                assertTrue(won.get(0).takeover().startsWith("lock: took over the lock of run 'crashed'"), won.get(0).takeover());
                assertTrue(Files.readString(lock).contains("token=" + won.get(0).token), "the lock is the winner's");
                won.get(0).close();
            } finally {
                SweepLock.beforeTakeover = () -> {};
                ex.shutdownNow();
            }
            assertFalse(Files.exists(tmp.resolve("out").resolve(SweepLock.LOCK_FILE + ".takeover")), "guard removed");
        }
    }

    /**
     * The stale lock's holder releases it and a fresh run locks the folder while a taker is between its staleness
     * check and the take-over: the taker must refuse and leave the fresh lock in place.
     */
    @Test
    void aLockThatChangedHandsIsNeverTakenOver() throws Exception {
        java.nio.file.Path lock = staleLock("old");
        SweepLock.beforeTakeover = () -> {
            try {
                Files.writeString(lock, "run=fresh\nhost=some-other-host\npid=2\ntoken=fresh\n");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        };
        try {
            SweepLock.LockedException e = assertThrows(SweepLock.LockedException.class,
                    () -> SweepLock.acquire(fs(), folder(), "late", Duration.ofSeconds(30), false));
            assertTrue(e.getMessage().contains("changed hands"), e.getMessage());
        } finally {
            SweepLock.beforeTakeover = () -> {};
        }
        assertTrue(Files.readString(lock).contains("token=fresh"), "the fresh lock is intact");
    }
}
