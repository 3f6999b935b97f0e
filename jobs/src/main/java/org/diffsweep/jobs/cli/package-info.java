/**
 * The diffsweep command line (picocli): {@link org.diffsweep.jobs.cli.Main} and the engine seams
 * {@link org.diffsweep.jobs.cli.ScienceFacade} (point / spectrum / speciation) and
 * {@link org.diffsweep.jobs.spec.SweepExecutor} (run), looked up by {@link org.diffsweep.jobs.cli.Seams}.
 */
package org.diffsweep.jobs.cli;
