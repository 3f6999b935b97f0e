/**
 * Exact training dynamics of the random-features score model on a Gaussian mixture (theory §2.3, §5.3, §7, §12):
 * the closed-form gradient flow in the eigenbasis of the pooled U ({@link org.diffsweep.core.dynamics.RfSystem},
 * {@link org.diffsweep.core.dynamics.RfDynamics}), per-class loss and score-error curves on a log tau grid, the
 * measured per-class times tau_gen,c and tau_mem,c ({@link org.diffsweep.core.dynamics.MeasuredTimes}), and a
 * discrete gradient-descent cross-check ({@link org.diffsweep.core.dynamics.DiscreteGd}). Training time tau is the
 * paper time of [B] (dA/dtau = -d^2 grad L_train); losses are divided by d.
 */
package org.diffsweep.core.dynamics;
