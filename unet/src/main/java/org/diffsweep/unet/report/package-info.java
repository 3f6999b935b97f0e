/**
 * Campaign-level analysis of Fashion-MNIST runs: per-class memorized fractions pooled over seeds with cluster
 * bootstrap intervals, per-class times and their log-ratios D_gen / D_mem with Student-t intervals over seeds, the
 * cross-class window, generated against training class proportions, and the random-features theory's order for the
 * same class pair (docs/fmnist-cpu.md).
 */
package org.diffsweep.unet.report;
