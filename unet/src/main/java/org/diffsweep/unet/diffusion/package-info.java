/** DDPM noise schedule and its map to Ornstein-Uhlenbeck time (theory §1, "DDPM reparametrisation"). */
package org.diffsweep.unet.diffusion;
