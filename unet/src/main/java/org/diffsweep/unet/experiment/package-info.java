/**
 * One Fashion-MNIST grid point end to end (theory §9.3, inferred protocol): subset, training with checkpoints on a
 * log schedule, per-class metrics at each checkpoint, per-class tau_gen / tau_mem; the YAML spec of a grid and a CLI.
 * Entry point for a sweep engine: {@link org.diffsweep.unet.experiment.FmnistExperiment#run}.
 */
package org.diffsweep.unet.experiment;
