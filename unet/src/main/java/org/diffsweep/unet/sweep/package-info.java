/**
 * The Fashion-MNIST validation driven by the jobs module's generic Spark sweep engine: its own point and result
 * types ({@link org.diffsweep.unet.experiment.FmnistPoint}, {@link org.diffsweep.unet.sweep.FmnistOutcome}), grid
 * ({@link org.diffsweep.unet.sweep.FmnistGrid}), identity and ledger columns ({@link org.diffsweep.unet.sweep.FmnistModel}),
 * evaluator ({@link org.diffsweep.unet.sweep.FmnistEvaluator}) and the command line
 * ({@link org.diffsweep.unet.sweep.FmnistSweep}). Each grid point is one Spark task.
 */
package org.diffsweep.unet.sweep;
