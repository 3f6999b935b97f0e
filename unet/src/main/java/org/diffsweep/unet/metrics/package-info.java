/**
 * Per-class sample metrics (theory §7, per-class extension [RECON]): nearest and second-nearest training neighbours,
 * class assignment by nearest neighbour, memorized fraction with ratio threshold k = 1/3 and bootstrap percentile CI,
 * and the reading of per-class times off checkpoint curves (§12.6 and §12.13 adapted to U-Net curves, inferred).
 */
package org.diffsweep.unet.metrics;
