package org.diffsweep.jobs.run;

import java.util.Objects;
import org.diffsweep.core.evaluator.Evaluated;
import org.diffsweep.jobs.grid.Grid;
import org.diffsweep.jobs.ledger.SweepModel;

/**
 * What to sweep and where: the one request type of the engine, built on the driver from a validated spec.
 *
 * @param name          the spec's {@code name} (lock owner, summary, progress line)
 * @param specHash      canonical spec hash, stamped into every ledger row
 * @param canonicalSpec canonical spec text (JSON), stored in the output folder and compared on resume
 * @param grid          the lazy grid (executors rebuild points from it by index)
 * @param output        output folder, any Hadoop path ({@code file:}, {@code hdfs:}, {@code s3a:}, or a local path)
 * @param model         the point type's evaluator, identity, columns and cost
 * @param <P>           point type
 * @param <R>           result type
 */
public record SweepRequest<P, R extends Evaluated>(String name, String specHash, String canonicalSpec, Grid<P> grid,
                                                   String output, SweepModel<P, R> model) {
    public SweepRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(specHash, "spec hash");
        Objects.requireNonNull(canonicalSpec, "canonicalSpec");
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(model, "model");
    }

    /** The same request over another grid (refinement adds points). */
    public SweepRequest<P, R> withGrid(Grid<P> g) { return new SweepRequest<>(name, specHash, canonicalSpec, g, output, model); }
}
