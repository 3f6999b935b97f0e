package org.diffsweep.jobs.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * On-disk layout of one output folder (any Hadoop filesystem):
 * <pre>
 *   ledger/wave=00001/part-*.parquet   one Parquet append per wave (partition column {@code wave})
 *   _spec.txt                          canonical spec of the last accepted run
 *   _diffsweep.lock(.heartbeat)        run lock ({@link SweepLock})
 * </pre>
 * A wave directory is written by one Spark job through Hadoop's output committer: each task's file appears at task
 * commit, so every file holds only whole points; an interrupted wave leaves at most some whole-point files and a
 * {@code _temporary} folder, which readers ignore.
 */
public final class Ledger {
    public static final String LEDGER_DIR = "ledger";
    public static final String SPEC_FILE = "_spec.txt";

    private final FileSystem fs;
    private final Path root;

    public Ledger(FileSystem fs, Path outputFolder) {
        this.fs = fs;
        this.root = outputFolder;
    }

    public FileSystem fs() { return fs; }

    public Path root() { return root; }

    public Path ledgerDir() { return new Path(root, LEDGER_DIR); }

    public Path waveDir(int wave) { return new Path(ledgerDir(), String.format("wave=%05d", wave)); }

    /** True when at least one Parquet data file exists in some wave. */
    public boolean hasData() throws IOException {
        FileStatus[] st = fs.globStatus(new Path(ledgerDir(), "wave=*/*.parquet"));
        return st != null && st.length > 0;
    }

    /** Highest wave number present (complete or not), 0 if none. */
    public int maxWave() throws IOException {
        if (!fs.exists(ledgerDir())) return 0;
        int max = 0;
        for (FileStatus s : fs.listStatus(ledgerDir())) {
            String n = s.getPath().getName();
            if (s.isDirectory() && n.startsWith("wave=")) {
                try {
                    max = Math.max(max, Integer.parseInt(n.substring(5)));
                } catch (NumberFormatException e) {
                    // not ours
                }
            }
        }
        return max;
    }

    /**
     * Every ledger row (duplicates possible), with the {@code wave} column. The schema is given, so no schema
     * inference job runs. Call only when {@link #hasData()}.
     *
     * @param schema {@link LedgerSchema#schema} of the sweep's axes
     */
    public Dataset<Row> readAll(SparkSession spark, StructType schema) {
        return spark.read().schema(schema.add(LedgerSchema.WAVE, DataTypes.IntegerType, false)).parquet(ledgerDir().toString());
    }

    /** One wave's rows. */
    public Dataset<Row> readWave(SparkSession spark, StructType schema, int wave) {
        return spark.read().schema(schema).parquet(waveDir(wave).toString());
    }

    /** The stored canonical spec, or null. */
    public String readSpec() throws IOException {
        Path p = new Path(root, SPEC_FILE);
        if (!fs.exists(p)) return null;
        try (InputStream in = fs.open(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Stores the canonical spec (overwrites). */
    public void writeSpec(String canonical) throws IOException {
        writeText(new Path(root, SPEC_FILE), canonical);
    }

    /** Writes a small text file through the Hadoop filesystem (overwrites). */
    public void writeText(Path p, String text) throws IOException {
        try (OutputStream out = fs.create(p, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
