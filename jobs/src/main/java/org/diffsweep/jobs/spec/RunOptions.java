package org.diffsweep.jobs.spec;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Options of {@code diffsweep run} handed to the {@link SweepExecutor}.
 *
 * @param master  Spark master URL as given ({@code ""}: not given; resolved by SparkSessions.resolveMaster)
 * @param json    true: print one JSON summary on {@code out} and progress on {@code err}; false: human text
 * @param out     standard output of the command
 * @param err     standard error of the command (progress, warnings)
 * @param waveSize points per ledger wave ({@code --wave-size}); 0 = the runner's default
 */
public record RunOptions(String master, boolean json, PrintWriter out, PrintWriter err, int waveSize) {
    public RunOptions {
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        if (waveSize < 0) throw new IllegalArgumentException("waveSize must be >= 0, got " + waveSize);
    }

    /** Options with the default wave size. */
    public RunOptions(String master, boolean json, PrintWriter out, PrintWriter err) {
        this(master, json, out, err, 0);
    }

    /** {@link #err()} as an auto-flushing UTF-8 {@link PrintStream}, for APIs that take a stream (progress lines). */
    public PrintStream errStream() { return stream(err); }

    /** {@link #out()} as an auto-flushing UTF-8 {@link PrintStream}. */
    public PrintStream outStream() { return stream(out); }

    private static PrintStream stream(PrintWriter w) {
        OutputStream bytes = new OutputStream() {
            private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

            @Override public void write(int b) {
                buf.write(b);
            }

            @Override public void write(byte[] b, int off, int len) {
                buf.write(b, off, len);
            }

            @Override public void flush() {
                w.write(buf.toString(StandardCharsets.UTF_8));
                buf.reset();
                w.flush();
            }
        };
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
