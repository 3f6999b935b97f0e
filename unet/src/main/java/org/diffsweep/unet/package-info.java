/**
 * Fashion-MNIST validation of per-class memorization with a DDPM U-Net trained through DJL (theory §9.3, §7).
 * Entry point for a sweep engine: {@link org.diffsweep.unet.experiment.FmnistExperiment#run}; Spark appears only in
 * {@link org.diffsweep.unet.sweep}, which drives it through the jobs module's sweep engine.
 */
package org.diffsweep.unet;
