/**
 * Fashion-MNIST validation of per-class memorization with a DDPM U-Net trained through DJL (theory §9.3, §7).
 * Entry point for a sweep engine: {@link org.diffsweep.unet.experiment.FmnistExperiment#run}. No Spark here.
 */
package org.diffsweep.unet;
