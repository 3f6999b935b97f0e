/**
 * Figures of a sweep (design step 6), drawn with JFreeChart and written as PNG and SVG (JFreeSVG), headless:
 * {@link org.diffsweep.jobs.plot.PhaseMapChart} (diverging map of D with boundaries and disagreement hatching),
 * {@link org.diffsweep.jobs.plot.LineChart} (curves on linear or log axes: per-class times, speciation times,
 * learning curves), {@link org.diffsweep.jobs.plot.SpectrumChart} (density of U with per-class shading);
 * {@link org.diffsweep.jobs.plot.ChartFiles} writes them.
 */
package org.diffsweep.jobs.plot;
