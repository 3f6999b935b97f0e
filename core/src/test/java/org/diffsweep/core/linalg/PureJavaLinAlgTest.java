package org.diffsweep.core.linalg;

/** The conformance suite on the pure-Java BLAS/LAPACK. */
class PureJavaLinAlgTest extends LinAlgConformance {
    @Override LinAlg linAlg() { return LinAlg.pureJava(); }
}
