package org.diffsweep.jobs.sweep;

import java.io.Serializable;
import java.util.Objects;
import org.diffsweep.jobs.grid.Grid;

/**
 * What to sweep and where.
 *
 * @param runName       the spec's {@code name} (lock owner, summary, plot title)
 * @param specHash      canonical spec hash, stamped into every ledger row
 * @param canonicalSpec canonical spec text (YAML or JSON), stored in the output folder and compared on resume
 * @param grid          the expanded grid; must be {@link Serializable} (executors rebuild points by index)
 * @param output        output folder, any Hadoop path ({@code file:}, {@code hdfs:}, {@code s3a:}, or a local path)
 * @param evaluator     creates the point evaluator on each executor
 * @param pointIds      point identity function (wire {@code PointIds::pointId})
 */
public record SweepRequest(String runName, String specHash, String canonicalSpec, Grid grid, String output,
                           EvaluatorFactory evaluator, PointIdFunction pointIds) {
    public SweepRequest {
        Objects.requireNonNull(runName, "runName");
        Objects.requireNonNull(specHash, "specHash");
        Objects.requireNonNull(canonicalSpec, "canonicalSpec");
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(evaluator, "evaluator");
        Objects.requireNonNull(pointIds, "pointIds");
        if (!(grid instanceof Serializable)) {
            throw new IllegalArgumentException("Grid " + grid.getClass().getName() + " must implement java.io.Serializable:"
                    + " Spark executors rebuild points from it by index");
        }
    }
}
