package org.diffsweep.jobs.ledger;

import java.io.Serializable;

/**
 * Provenance written into every ledger row: the spec the point was planned under, the code that computed it and the
 * evaluator (name and version, which also enter the pointId).
 */
public record Provenance(String specHash, String codeVersion, String evaluator, String evaluatorVersion)
        implements Serializable {}
