package org.diffsweep.jobs.report;

import java.util.List;
import org.diffsweep.jobs.ledger.ProblemPoint;
import java.util.Objects;

/**
 * Everything {@link HtmlReport} renders.
 *
 * @param title      report title (e.g. the sweep name)
 * @param specText   the sweep spec, verbatim (YAML)
 * @param provenance version, commit, specHash, date, master URL
 * @param summary    findings, one paragraph each (e.g. from {@link ReversalSummary#describe})
 * @param reversal   where reversal occurs ({@link ReversalSummary#reversalTable}), or null
 * @param figures    figures in order
 * @param tables     tables in order
 * @param problems   failed, partial and ambiguous points
 */
public record ReportData(String title, String specText, ReportProvenance provenance, List<String> summary, ReportTable reversal,
                         List<ReportFigure> figures, List<ReportTable> tables, List<ProblemPoint> problems) {
    public ReportData {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(provenance, "provenance");
        specText = specText == null ? "" : specText;
        summary = List.copyOf(summary);
        figures = List.copyOf(figures);
        tables = List.copyOf(tables);
        problems = List.copyOf(problems);
    }
}
