package org.diffsweep.jobs.report;

import java.util.List;

/**
 * A table of the report (plain text cells).
 *
 * @param title  heading
 * @param header column names
 * @param rows   rows, each as long as the header
 */
public record ReportTable(String title, List<String> header, List<List<String>> rows) {
    public ReportTable {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> r : rows) {
            if (r.size() != header.size()) {
                throw new IllegalArgumentException("table '" + title + "': row has " + r.size() + " cells, header "
                        + header.size());
            }
        }
    }
}
