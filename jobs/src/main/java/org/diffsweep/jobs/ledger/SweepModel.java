package org.diffsweep.jobs.ledger;

import java.io.Serializable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.diffsweep.core.evaluator.Evaluated;
import org.diffsweep.core.evaluator.Evaluator;
import org.diffsweep.jobs.grid.Canonical;
import org.diffsweep.jobs.plan.CostModel;

/**
 * What a point type brings to the sweep engine: how to evaluate it (an {@link Evaluator}, created on each
 * executor), its identity (a canonical tree, hashed into the pointId with the evaluator's name and version), its
 * ledger columns, and its cost. The Gaussian-mixture model ({@link MixtureModel}) and the Fashion-MNIST U-Net are
 * two implementations.
 *
 * @param <P> point type (immutable record)
 * @param <R> result type
 */
public interface SweepModel<P, R extends Evaluated> extends Serializable {
    /** A fresh evaluator (called once per task on the executors). */
    Evaluator<P, R> newEvaluator();

    /** Evaluator name (part of every pointId). */
    String evaluatorName();

    /** Evaluator version (part of every pointId); any change to a computed value bumps it. */
    String evaluatorVersion();

    /** The point as a {@link Canonical} value tree (the pointId pre-image). */
    Object canonicalTree(P point);

    /** The ledger's column table. */
    LedgerTable<P, R> table();

    /** Cost-model sizes (p, n) of a point ({@link CostModel}). */
    CostModel.Size size(P point);

    /** The cost model before any timing of this model was recorded. */
    CostModel defaultCost();

    /** Sufficient statistics of the recorded timings in a ledger (one row per point), for {@link CostModel#fit}. */
    CostModel.Sums costSums(Dataset<Row> pointRows);

    /** The pointId of a point under this model's evaluator. */
    default String pointId(P point) {
        return org.diffsweep.jobs.grid.PointIds.pointId(canonicalTree(point), evaluatorName(), evaluatorVersion());
    }
}
