/**
 * The DDPM epsilon-prediction U-Net (theory §9.1, reduced: no attention, no dropout), its training step (MSE on the
 * noise, SGD with momentum or Adam) and DDIM (eta = 0) sampling, on DJL's PyTorch engine (platform.md §6).
 * DJL's PyTorch engine lacks Conv2dTranspose, so upsampling is nearest-neighbour followed by a 3x3 convolution.
 */
package org.diffsweep.unet.model;
