package org.diffsweep.jobs.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One output folder and its ledger, on any Hadoop filesystem:
 * <pre>
 *   ledger/wave=00001/part-*.parquet   one Parquet append per wave (partition column {@code wave})
 *   _spec.json                         canonical spec the ledger was written under
 *   _diffsweep.lock(.heartbeat)        run lock ({@link SweepLock})
 * </pre>
 * A wave directory is written by one Spark job through Hadoop's output committer: each task's file appears at task
 * commit, so every file holds only whole points; an interrupted wave leaves at most some whole-point files and a
 * {@code _temporary} folder, which readers ignore. Files are written without Hadoop {@code .crc} side files, and
 * small files atomically (temporary file, then rename).
 */
public final class Ledger {
    public static final String LEDGER_DIR = "ledger";
    public static final String SPEC_FILE = "_spec.json";
    /** The name of the spec file before version 0.2 (JSON too); read when {@link #SPEC_FILE} is absent. */
    static final String LEGACY_SPEC_FILE = "_spec.txt";

    private final FileSystem fs;
    private final Path root;

    private Ledger(FileSystem fs, Path root) {
        this.fs = fs;
        this.root = root;
    }

    /** The output folder {@code dir} (any Hadoop path or a local path) under a Hadoop configuration. */
    public static Ledger open(Configuration conf, String dir) throws IOException {
        Path p = new Path(dir);
        FileSystem fs = p.getFileSystem(conf);
        noChecksumFiles(fs);
        return new Ledger(fs, fs.makeQualified(p));
    }

    /** Stops a local filesystem from writing {@code .crc} files next to ours (the cached instance Spark tasks share). */
    public static void noChecksumFiles(FileSystem fs) {
        if (fs instanceof ChecksumFileSystem c) {
            c.setWriteChecksum(false);
            c.setVerifyChecksum(false);
        }
    }

    public FileSystem fs() { return fs; }

    public Path root() { return root; }

    public Path ledgerDir() { return new Path(root, LEDGER_DIR); }

    public Path waveDir(int wave) { return new Path(ledgerDir(), String.format("wave=%05d", wave)); }

    /** A file in the output folder. */
    public Path file(String name) { return new Path(root, name); }

    /** True when at least one Parquet data file exists in some wave. */
    public boolean hasData() throws IOException { return parquetFiles().length > 0; }

    private FileStatus[] parquetFiles() throws IOException {
        FileStatus[] st = fs.globStatus(new Path(ledgerDir(), "wave=*/*.parquet"));
        return st == null ? new FileStatus[0] : st;
    }

    /** Wave numbers whose directory holds at least one Parquet file, ascending. */
    public List<Integer> committedWaves() throws IOException {
        TreeSet<Integer> w = new TreeSet<>();
        for (FileStatus s : parquetFiles()) {
            Integer n = waveNumber(s.getPath().getParent().getName());
            if (n != null) w.add(n);
        }
        return List.copyOf(w);
    }

    /**
     * The committed ledger files, as {@code wave=NNNNN/part-...parquet:length}, sorted: the ledger state that outputs
     * derived from it reflect ({@link OutputState}). A file added to or removed from any wave changes it.
     */
    public List<String> committedFiles() throws IOException {
        TreeSet<String> f = new TreeSet<>();
        for (FileStatus s : parquetFiles()) {
            String wave = s.getPath().getParent().getName();
            if (waveNumber(wave) != null) f.add(wave + "/" + s.getPath().getName() + ":" + s.getLen());
        }
        return List.copyOf(f);
    }

    /** Folder (in the output folder) where {@link #quarantine} moves corrupt ledger files. */
    public static final String QUARANTINE_DIR = "quarantine";

    /**
     * Committed ledger files whose Parquet framing is broken, each with the reason: shorter than a Parquet file can
     * be, without the {@code PAR1} magic at either end, or with a footer length that does not fit the file (a
     * truncated copy, a disk that filled up outside Hadoop's committer, a hand edit). Reads 12 bytes per file.
     */
    public java.util.Map<Path, String> corruptFiles() throws IOException {
        java.util.Map<Path, String> bad = new java.util.TreeMap<>();
        byte[] magic = "PAR1".getBytes(StandardCharsets.US_ASCII);
        for (FileStatus s : parquetFiles()) {
            long len = s.getLen();
            if (len < 12) {
                bad.put(s.getPath(), len + " bytes, shorter than any Parquet file");
                continue;
            }
            byte[] head = new byte[4], tail = new byte[8];
            try (org.apache.hadoop.fs.FSDataInputStream in = fs.open(s.getPath())) {
                in.readFully(0, head);
                in.readFully(len - 8, tail);
            }
            long footer = (tail[0] & 0xffL) | (tail[1] & 0xffL) << 8 | (tail[2] & 0xffL) << 16 | (tail[3] & 0xffL) << 24;
            if (!java.util.Arrays.equals(head, magic) || !java.util.Arrays.equals(java.util.Arrays.copyOfRange(tail, 4, 8), magic)) {
                bad.put(s.getPath(), "no Parquet magic number at its " + (java.util.Arrays.equals(head, magic) ? "end (truncated?)" : "start"));
            } else if (footer <= 0 || footer > len - 12) {
                bad.put(s.getPath(), "footer length " + footer + " does not fit its " + len + " bytes");
            }
        }
        return bad;
    }

    /**
     * Moves a ledger file to {@code quarantine/wave=N/} in the output folder, out of the ledger: its points count as
     * missing and the next run recomputes them. Returns the new path.
     */
    public Path quarantine(Path file) throws IOException {
        Path dir = new Path(new Path(root, QUARANTINE_DIR), file.getParent().getName());
        fs.mkdirs(dir);
        Path to = new Path(dir, file.getName());
        if (fs.exists(to)) to = new Path(dir, file.getName() + "." + System.currentTimeMillis());
        if (!fs.rename(file, to)) throw new IOException("cannot move " + file + " to " + to);
        return to;
    }

    /** Highest wave number present (complete or not), 0 if none. */
    public int maxWave() throws IOException {
        if (!fs.exists(ledgerDir())) return 0;
        int max = 0;
        for (FileStatus s : fs.listStatus(ledgerDir())) {
            Integer n = s.isDirectory() ? waveNumber(s.getPath().getName()) : null;
            if (n != null) max = Math.max(max, n);
        }
        return max;
    }

    private static Integer waveNumber(String dirName) {
        if (!dirName.startsWith("wave=")) return null;
        try {
            return Integer.parseInt(dirName.substring(5));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Every ledger row (duplicates possible), with the {@code wave} column. The schema is given, so no schema
     * inference job runs. Call only when {@link #hasData()}.
     */
    public Dataset<Row> readAll(SparkSession spark, LedgerTable<?, ?> table, List<String> axes) {
        return spark.read().schema(table.schemaWithWave(axes)).parquet(ledgerDir().toString());
    }

    /**
     * Rewrites the ledger as one wave, {@code wave=<highest wave>}: every row once (deduplicated on pointId and row
     * index), in point order, in one Parquet file. A sweep run as many small waves pays the Parquet footer and
     * column headers per file (about 20 KB a file with the stored curves); compacted, a ledger costs its data
     * (about 4 KB a two-class point). Call under the folder's lock. The new ledger is written beside the old one
     * and swapped in by two renames after its row count is checked; resume continues with the next wave number.
     *
     * @return rows in the compacted ledger, or -1 when it already had at most one wave (nothing rewritten)
     */
    public long compact(SparkSession spark, LedgerTable<?, ?> table, List<String> axes) throws IOException {
        List<Integer> waves = committedWaves();
        if (waves.size() <= 1) return -1;
        int last = waves.get(waves.size() - 1);
        Dataset<Row> rows = readAll(spark, table, axes)
                .dropDuplicates(LedgerTable.POINT_ID.name(), LedgerTable.CLASS_INDEX.name()).drop(LedgerTable.WAVE);
        long n = rows.count();
        Path fresh = new Path(root, "_ledger.compacting"), old = new Path(root, "_ledger.replaced");
        fs.delete(fresh, true);
        fs.delete(old, true);
        Path wave = new Path(fresh, String.format("wave=%05d", last));
        rows.orderBy(LedgerTable.POINT_INDEX.name(), LedgerTable.CLASS_INDEX.name()).coalesce(1).write()
                .mode(org.apache.spark.sql.SaveMode.ErrorIfExists).parquet(wave.toString());
        long back = spark.read().schema(table.schema(axes)).parquet(wave.toString()).count();
        if (back != n) throw new IOException("compaction wrote " + back + " rows, expected " + n + "; the ledger is unchanged");
        if (!fs.rename(ledgerDir(), old)) throw new IOException("cannot move " + ledgerDir() + " aside; the ledger is unchanged");
        if (!fs.rename(fresh, ledgerDir())) {
            fs.rename(old, ledgerDir());
            throw new IOException("cannot move the compacted ledger into place; the old one was restored");
        }
        fs.delete(old, true);
        return n;
    }

    /** One wave's rows. */
    public Dataset<Row> readWave(SparkSession spark, LedgerTable<?, ?> table, List<String> axes, int wave) {
        return spark.read().schema(table.schema(axes)).parquet(waveDir(wave).toString());
    }

    /** The stored canonical spec, or null. */
    public String readSpec() throws IOException {
        String s = readText(SPEC_FILE);
        return s != null ? s : readText(LEGACY_SPEC_FILE);
    }

    /** Stores the canonical spec. */
    public void writeSpec(String canonical) throws IOException {
        writeText(SPEC_FILE, canonical);
        if (fs.exists(file(LEGACY_SPEC_FILE))) fs.delete(file(LEGACY_SPEC_FILE), false);
    }

    /** A small text file of the output folder, or null when absent. */
    public String readText(String name) throws IOException {
        Path p = file(name);
        if (!fs.exists(p)) return null;
        try (InputStream in = fs.open(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Writes a small text file of the output folder atomically. */
    public void writeText(String name, String text) throws IOException {
        writeAtomically(file(name), text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code bytes} to {@code target} through a temporary sibling and a rename, so a reader (or a crash) never
     * sees a half-written file: the old content stays until the new one is complete.
     */
    public void writeAtomically(Path target, byte[] bytes) throws IOException {
        fs.mkdirs(target.getParent());
        Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
        try (OutputStream out = fs.create(tmp, true)) {
            out.write(bytes);
        }
        replace(tmp, target);
    }

    /** Moves {@code tmp} (a file or folder) to {@code target}, replacing what is there. */
    public void replace(Path tmp, Path target) throws IOException {
        if (fs.exists(target) && !fs.delete(target, true)) throw new IOException("cannot replace " + target);
        if (!fs.rename(tmp, target)) throw new IOException("cannot rename " + tmp + " to " + target);
    }

    /**
     * Deletes the files under {@code folder} (relative to the output folder, recursively) whose relative path is not in
     * {@code keep} and that {@code foreign} does not claim, then the folders left empty: what a regenerated output set
     * no longer produces (a slice that is gone, a renamed figure) does not linger as a stale file.
     *
     * @return the number of files deleted
     */
    public int prune(String folder, java.util.Set<String> keep, java.util.function.Predicate<String> foreign) throws IOException {
        Path dir = file(folder);
        if (!fs.exists(dir)) return 0;
        int deleted = 0;
        for (FileStatus st : fs.listStatus(dir)) {
            String rel = folder + "/" + st.getPath().getName();
            if (st.isDirectory()) {
                deleted += prune(rel, keep, foreign);
                if (fs.listStatus(st.getPath()).length == 0) fs.delete(st.getPath(), false);
            } else if (!keep.contains(rel) && !foreign.test(rel)) {
                if (!fs.delete(st.getPath(), false)) throw new IOException("cannot delete the stale output " + st.getPath());
                deleted++;
            }
        }
        return deleted;
    }
}
