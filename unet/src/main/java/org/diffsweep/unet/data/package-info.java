/**
 * Fashion-MNIST data: IDX reader, 32x32 padding and [0,1] scaling, per-class statistics and deterministic imbalanced
 * two-class subsets (theory §9.3 "Data" and "Imbalance", conventions §12.3 and §12.10).
 */
package org.diffsweep.unet.data;
