/**
 * Spec formats (design data-flow step 1): the single-point YAML ({@link org.diffsweep.jobs.spec.PointSpecs}), the
 * sweep YAML ({@link org.diffsweep.jobs.spec.SweepSpec}) with its canonical {@code specHash}, the lazy grid it
 * expands into ({@link org.diffsweep.jobs.spec.SpecGrid}), and the seam to the Spark runner
 * ({@link org.diffsweep.jobs.spec.SweepExecutor}). Every user error is a one-line
 * {@link org.diffsweep.jobs.spec.SpecException}.
 */
package org.diffsweep.jobs.spec;
