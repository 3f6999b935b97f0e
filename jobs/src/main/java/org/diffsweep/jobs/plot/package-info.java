/**
 * Figures of a sweep (design step 6), drawn with JFreeChart and written as PNG and SVG (JFreeSVG), headless:
 * {@link org.diffsweep.jobs.plot.PhaseMapChart} (diverging map of D with boundaries and disagreement hatching),
 * {@link org.diffsweep.jobs.plot.TimesChart} (per-class tau vs a swept axis),
 * {@link org.diffsweep.jobs.plot.SpectrumChart} (density of U with per-class shading),
 * {@link org.diffsweep.jobs.plot.SpeciationChart} (t_S^(c) vs imbalance); {@link org.diffsweep.jobs.plot.ChartFiles}
 * writes them.
 */
package org.diffsweep.jobs.plot;
