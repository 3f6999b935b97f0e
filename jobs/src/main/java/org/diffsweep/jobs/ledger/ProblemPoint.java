package org.diffsweep.jobs.ledger;

/**
 * A failed, partial or ambiguous grid point, listed in the report.
 *
 * @param pointId     the point's identity (hex)
 * @param coordinates its swept coordinates as text (e.g. {@code "varianceRatio=2, imbalanceRatio=0.01, seed=1"})
 * @param status      FAILED, PARTIAL or AMBIGUOUS
 * @param diagnostic  the reason recorded in the ledger
 */
public record ProblemPoint(String pointId, String coordinates, String status, String diagnostic) {
}
