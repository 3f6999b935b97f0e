/**
 * The evaluator that chains the science stages for one grid point (features and dynamics, sampled and asymptotic
 * spectrum, speciation) and the generic evaluator contract the sweep engine runs. It sits above the stage packages:
 * no stage imports it.
 */
package org.diffsweep.core.evaluator;
