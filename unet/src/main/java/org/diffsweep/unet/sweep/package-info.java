/**
 * The Fashion-MNIST validation (theory §9.3) driven by the jobs module's Spark sweep engine: grid
 * ({@link org.diffsweep.unet.sweep.FmnistGrid}), point identity ({@link org.diffsweep.unet.sweep.FmnistPointIds}),
 * evaluator ({@link org.diffsweep.unet.sweep.FmnistEvaluator}) and the command line
 * ({@link org.diffsweep.unet.sweep.FmnistSweep}). Each grid point is one Spark task; results go to the same ledger,
 * results.csv and summary as the random-features sweeps.
 */
package org.diffsweep.unet.sweep;
