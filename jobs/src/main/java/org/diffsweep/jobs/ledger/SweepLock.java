package org.diffsweep.jobs.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Exclusive lock on an output folder: the file {@code _diffsweep.lock}, created atomically (O_EXCL on the local
 * filesystem, {@code create(path, overwrite=false)} on HDFS and other Hadoop filesystems), holding the run name,
 * host, pid, start time and a random token. While held, a daemon thread rewrites {@code _diffsweep.lock.heartbeat}
 * every {@code staleAfter/4}.
 *
 * <p><b>Stale locks.</b> A lock is stale, and is taken over, when (a) its owner ran on this host and that pid is no
 * longer alive, or (b) its heartbeat (or, without one, the lock file's modification time) is older than
 * {@code staleAfter}, or (c) the caller asks to break it ({@code --break-lock}). Otherwise acquisition fails with
 * {@link LockedException} naming the holder. Take-over is race-free (see {@link #takeOver}) and reported in one line
 * ({@link #takeover()}). Object stores without atomic create-if-absent and rename (S3) must have one writer per
 * folder.
 */
public final class SweepLock implements java.io.Closeable {
    /** Lock file name inside the output folder. */
    public static final String LOCK_FILE = "_diffsweep.lock";

    private final FileSystem fs;
    private final Path lock;
    private final Path heartbeat;
    final String token;
    private final ScheduledExecutorService beat;
    private final String takeover;

    /** Thrown when another live run holds the lock. */
    public static final class LockedException extends IOException {
        public LockedException(String message) { super(message); }
    }

    private SweepLock(FileSystem fs, Path lock, String token, Duration staleAfter, String takeover) {
        this.fs = fs;
        this.takeover = takeover;
        this.lock = lock;
        this.heartbeat = new Path(lock.getParent(), LOCK_FILE + ".heartbeat");
        this.token = token;
        this.beat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "diffsweep-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        writeHeartbeat();
        long period = Math.max(250, staleAfter.toMillis() / 4);
        beat.scheduleAtFixedRate(this::writeHeartbeat, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Acquires the lock on {@code folder} (created if missing).
     *
     * @param staleAfter heartbeat age after which a lock held elsewhere counts as stale
     * @param breakLock  take the lock over even if its holder looks alive
     * @throws LockedException when another live run holds it
     */
    public static SweepLock acquire(FileSystem fs, Path folder, String runName, Duration staleAfter, boolean breakLock)
            throws IOException {
        if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
            Files.createDirectories(localFile(fs, folder)); // says why (read-only, permission denied), unlike mkdirs
        } else if (!fs.mkdirs(folder) && !fs.exists(folder)) {
            throw new IOException("cannot create the output folder " + folder);
        }
        Path lock = new Path(folder, LOCK_FILE);
        String token = UUID.randomUUID().toString();
        String content = content(runName, token);
        if (createAtomically(fs, lock, content)) return new SweepLock(fs, lock, token, staleAfter, null);
        Properties holder = read(fs, lock);
        String why = breakLock ? "--break-lock given" : staleReason(fs, lock, holder, staleAfter);
        if (why == null) {
            throw new LockedException("output folder " + folder + " is locked by run '" + holder.getProperty("run", "?")
                    + "' (host " + holder.getProperty("host", "?") + ", pid " + holder.getProperty("pid", "?")
                    + ", since " + holder.getProperty("started", "?") + "); refusing to run concurrently. If that run is"
                    + " dead, rerun with --break-lock (or delete " + lock + ").");
        }
        beforeTakeover.run();
        String line = takeOver(fs, folder, lock, holder, why, content, staleAfter);
        return new SweepLock(fs, lock, token, staleAfter, line);
    }

    /** Test hook: runs between judging a lock stale and taking it over (to widen the race window). */
    static volatile Runnable beforeTakeover = () -> {};

    /**
     * Takes over the stale lock whose content was {@code holder}, race-free on any Hadoop filesystem. Take-overs are
     * serialised by a guard file created atomically ({@code _diffsweep.lock.takeover}); the guard holder moves the old
     * lock aside by a rename (atomic on HDFS and POSIX), checks that what it moved is the lock it judged stale (same
     * token) and puts it back otherwise, then creates the new lock atomically. So of any number of concurrent takers
     * (and fresh runs) exactly one ends up holding the lock, and a lock that changed hands meanwhile is never
     * removed.
     *
     * @return the one line to log about the take-over
     */
    private static String takeOver(FileSystem fs, Path folder, Path lock, Properties holder, String why, String content,
                                   Duration staleAfter) throws IOException {
        Path guard = new Path(folder, LOCK_FILE + ".takeover");
        if (!createAtomically(fs, guard, content)) {
            long age = age(fs, guard);
            if (age < Math.max(60_000, staleAfter.toMillis()) || !fs.delete(guard, false) || !createAtomically(fs, guard, content)) {
                throw new LockedException("output folder " + folder + ": another run is taking over the stale lock at this moment;"
                        + " refusing to run concurrently.");
            }
        }
        try {
            String stale = holder.getProperty("token");
            Path aside = new Path(folder, LOCK_FILE + ".stale-" + UUID.randomUUID());
            if (fs.exists(lock) && fs.rename(lock, aside)) {
                String moved = read(fs, aside).getProperty("token");
                if (stale != null && !stale.equals(moved)) {
                    renameNoReplace(fs, aside, lock);
                    throw new LockedException("output folder " + folder + ": the lock changed hands while it was being taken over;"
                            + " refusing to run concurrently.");
                }
                fs.delete(aside, false);
            }
            if (!createAtomically(fs, lock, content)) {
                throw new LockedException("output folder " + folder + ": stale lock (" + why + ") was taken over by another run"
                        + " at the same moment; refusing to run concurrently.");
            }
            return "lock: took over the lock of run '" + holder.getProperty("run", "?") + "' (host " + holder.getProperty("host", "?")
                    + ", pid " + holder.getProperty("pid", "?") + ", since " + holder.getProperty("started", "?") + "): " + why;
        } finally {
            fs.delete(guard, false);
        }
    }

    /** Renames without replacing an existing target (HDFS rename never replaces; POSIX rename would). */
    private static void renameNoReplace(FileSystem fs, Path from, Path to) throws IOException {
        if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
            try {
                Files.move(localFile(fs, from), localFile(fs, to));
            } catch (FileAlreadyExistsException e) {
                fs.delete(from, false); // a third run holds the lock now; the moved one belongs to a run that released it
            }
        } else if (!fs.rename(from, to)) {
            fs.delete(from, false);
        }
    }

    private static java.nio.file.Path localFile(FileSystem fs, Path p) {
        return ((fs instanceof LocalFileSystem lfs) ? lfs.pathToFile(p) : ((RawLocalFileSystem) fs).pathToFile(p)).toPath();
    }

    private static long age(FileSystem fs, Path p) {
        try {
            return System.currentTimeMillis() - fs.getFileStatus(p).getModificationTime();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The one line saying whose stale lock this acquisition took over, or null when the lock was free. */
    public String takeover() { return takeover; }

    private static String content(String runName, String token) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown";
        }
        return "run=" + runName.replace('\n', ' ') + "\nhost=" + host + "\npid=" + ProcessHandle.current().pid()
                + "\nstarted=" + Instant.now() + "\ntoken=" + token + "\njvm=" + ManagementFactory.getRuntimeMXBean().getName() + "\n";
    }

    /** Creates {@code lock} with {@code content} unless it exists; true if this call created it. */
    static boolean createAtomically(FileSystem fs, Path lock, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
            // RawLocalFileSystem.create(overwrite=false) checks then creates (racy); O_EXCL is atomic.
            java.nio.file.Path p = localFile(fs, lock);
            try {
                Files.createFile(p);
            } catch (FileAlreadyExistsException e) {
                return false;
            }
            Files.write(p, bytes);
            return true;
        }
        try (FSDataOutputStream out = fs.create(lock, false)) {
            out.write(bytes);
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            if (fs.exists(lock)) return false;
            throw e;
        }
    }

    private static Properties read(FileSystem fs, Path p) {
        Properties props = new Properties();
        try (InputStream in = fs.open(p)) {
            props.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            // vanished or unreadable: treat as unknown holder
        }
        return props;
    }

    /** Why the lock held by {@code holder} is stale, or null when it looks alive. */
    static String staleReason(FileSystem fs, Path lock, Properties holder, Duration staleAfter) throws IOException {
        String host = holder.getProperty("host");
        String pid = holder.getProperty("pid");
        try {
            if (host != null && pid != null && host.equals(InetAddress.getLocalHost().getHostName())) {
                long p = Long.parseLong(pid.trim());
                if (ProcessHandle.of(p).map(h -> !h.isAlive()).orElse(true)) return "pid " + p + " on this host is gone";
            }
        } catch (NumberFormatException | IOException e) {
            // fall through to the heartbeat test
        }
        long last;
        Path hb = new Path(lock.getParent(), LOCK_FILE + ".heartbeat");
        Properties beat = read(fs, hb);
        String at = beat.getProperty("at");
        if (at != null) {
            try {
                last = Long.parseLong(at.trim());
            } catch (NumberFormatException e) {
                last = fs.getFileStatus(lock).getModificationTime();
            }
        } else {
            last = fs.exists(lock) ? fs.getFileStatus(lock).getModificationTime() : 0;
        }
        long age = System.currentTimeMillis() - last;
        return age > staleAfter.toMillis() ? "no heartbeat for " + age / 1000 + " s" : null;
    }

    private void writeHeartbeat() {
        try (OutputStream out = fs.create(heartbeat, true)) {
            out.write(("token=" + token + "\nat=" + System.currentTimeMillis() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            // a missed heartbeat only makes the lock look older
        }
    }

    /** Stops the heartbeat and deletes the lock if it is still ours. */
    @Override
    public void close() throws IOException {
        beat.shutdownNow();
        try {
            beat.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Properties now = read(fs, lock);
        if (token.equals(now.getProperty("token"))) {
            fs.delete(heartbeat, false);
            fs.delete(lock, false);
        }
    }
}
