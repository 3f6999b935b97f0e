/**
 * Phase diagrams of learning-order reversal (theory.md §8, §12.8; design data-flow steps 6–7), Spark-free.
 *
 * <ul>
 *   <li>{@link org.diffsweep.jobs.phase.PairSample} is one seed's (class A, class B) results at one cell of a 2-D
 *       slice; {@link org.diffsweep.jobs.phase.DMetric} turns it into D_gen, D_mem, D_S (measured and predicted) or
 *       a residual (predicted − measured).</li>
 *   <li>{@link org.diffsweep.jobs.phase.RunningStats} and {@link org.diffsweep.jobs.phase.CellStats} are immutable,
 *       serializable accumulators of exact sums: aggregation runs on executors and merges in any order to the same bits.</li>
 *   <li>{@link org.diffsweep.jobs.phase.PhaseAggregator} reduces samples to {@link org.diffsweep.jobs.phase.PhaseCell}
 *       rows with a Student-t interval and a {@link org.diffsweep.jobs.phase.Phase}, using the named sign function
 *       {@link org.diffsweep.jobs.phase.ReversalIndicator}.</li>
 *   <li>{@link org.diffsweep.jobs.phase.BoundaryExtractor} traces the D = 0 contour (marching squares plus an edge
 *       root solve); {@link org.diffsweep.jobs.phase.RefinementPlanner} plans adaptive waves on a dyadic
 *       {@link org.diffsweep.jobs.phase.RefinementLattice}.</li>
 * </ul>
 */
package org.diffsweep.jobs.phase;
