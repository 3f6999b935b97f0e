package org.diffsweep.jobs.sweep;

import java.io.Serializable;
import org.diffsweep.core.point.PointEvaluator;

/**
 * Creates the {@link PointEvaluator} on an executor (once per task), so evaluators need not be serializable
 * themselves.
 */
@FunctionalInterface
public interface EvaluatorFactory extends Serializable {
    PointEvaluator create();

    /** A factory returning {@code evaluator} itself, which must then implement {@link Serializable}. */
    static EvaluatorFactory of(PointEvaluator evaluator) {
        if (!(evaluator instanceof Serializable)) {
            throw new IllegalArgumentException("PointEvaluator " + evaluator.getClass().getName() + " is shipped to"
                    + " Spark executors and must implement java.io.Serializable (or pass an EvaluatorFactory)");
        }
        return () -> evaluator;
    }
}
