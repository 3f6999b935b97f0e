/**
 * Dense linear algebra adapter (Gram matrices, symmetric eigendecomposition) over Spark's {@code dev.ludovic.netlib}
 * BLAS/LAPACK: native OpenBLAS when installed, pure Java otherwise. No O(n^3) kernel is written by hand.
 */
package org.diffsweep.core.linalg;
