package org.diffsweep.jobs.spec;

import java.io.PrintWriter;
import java.util.Objects;

/**
 * Options of {@code diffsweep run} handed to the {@link SweepExecutor}.
 *
 * @param master  Spark master URL ({@code local[*]} by default)
 * @param json    true: print one JSON summary on {@code out} and progress on {@code err}; false: human text
 * @param out     standard output of the command
 * @param err     standard error of the command (progress, warnings)
 */
public record RunOptions(String master, boolean json, PrintWriter out, PrintWriter err) {
    public RunOptions {
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }
}
