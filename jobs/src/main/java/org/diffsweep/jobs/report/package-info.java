/**
 * The sweep report (design step 6): one self-contained {@code report.html} (figures embedded as base64 PNG or inline
 * SVG, styles inline, no scripts, no external resources) with the spec, provenance, a generated summary of where
 * reversal occurs ({@link org.diffsweep.jobs.report.ReversalSummary}), tables, and the failed/ambiguous points.
 * Entry point: {@link org.diffsweep.jobs.report.HtmlReport}.
 */
package org.diffsweep.jobs.report;
