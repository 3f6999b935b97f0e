package org.diffsweep.core.linalg;

/** The conformance suite on the default selection: native OpenBLAS when installed (CI installs it), else Java. */
class BestLinAlgTest extends LinAlgConformance {
    @Override LinAlg linAlg() { return LinAlg.best(); }
}
