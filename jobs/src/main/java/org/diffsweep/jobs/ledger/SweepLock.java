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
 * {@link LockedException} naming the holder. Take-over deletes the old lock and re-creates it atomically, so of two
 * processes taking over at once only one wins.
 */
public final class SweepLock implements AutoCloseable {
    /** Lock file name inside the output folder. */
    public static final String LOCK_FILE = "_diffsweep.lock";

    private final FileSystem fs;
    private final Path lock;
    private final Path heartbeat;
    private final String token;
    private final ScheduledExecutorService beat;

    /** Thrown when another live run holds the lock. */
    public static final class LockedException extends IOException {
        public LockedException(String message) { super(message); }
    }

    private SweepLock(FileSystem fs, Path lock, String token, Duration staleAfter) {
        this.fs = fs;
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
        fs.mkdirs(folder);
        Path lock = new Path(folder, LOCK_FILE);
        String token = UUID.randomUUID().toString();
        String content = content(runName, token);
        if (createAtomically(fs, lock, content)) return new SweepLock(fs, lock, token, staleAfter);
        Properties holder = read(fs, lock);
        String why = breakLock ? "--break-lock given" : staleReason(fs, lock, holder, staleAfter);
        if (why == null) {
            throw new LockedException("output folder " + folder + " is locked by run '" + holder.getProperty("run", "?")
                    + "' (host " + holder.getProperty("host", "?") + ", pid " + holder.getProperty("pid", "?")
                    + ", since " + holder.getProperty("started", "?") + "); refusing to run concurrently. If that run is"
                    + " dead, delete " + lock + " or rerun with --break-lock.");
        }
        fs.delete(lock, false);
        if (createAtomically(fs, lock, content)) return new SweepLock(fs, lock, token, staleAfter);
        throw new LockedException("output folder " + folder + ": stale lock (" + why + ") was taken over by another run"
                + " at the same moment; refusing to run concurrently.");
    }

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
            java.nio.file.Path p = ((fs instanceof LocalFileSystem lfs) ? lfs.pathToFile(lock)
                    : ((RawLocalFileSystem) fs).pathToFile(lock)).toPath();
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
