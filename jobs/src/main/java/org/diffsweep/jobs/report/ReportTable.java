package org.diffsweep.jobs.report;

import java.util.List;

/**
 * A table of the report (plain text cells).
 *
 * @param title  heading
 * @param header column names
 * @param rows   rows, each as long as the header
 * @param links  per row, a relative URL its last cell links to (null entries: no link), or null for none
 */
public record ReportTable(String title, List<String> header, List<List<String>> rows, List<String> links) {
    /** A table without links. */
    public ReportTable(String title, List<String> header, List<List<String>> rows) { this(title, header, rows, null); }

    public ReportTable {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        if (links != null) {
            if (links.size() != rows.size()) throw new IllegalArgumentException("table '" + title + "': " + links.size() + " links for " + rows.size() + " rows");
            links = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(links));
        }
        for (List<String> r : rows) {
            if (r.size() != header.size()) {
                throw new IllegalArgumentException("table '" + title + "': row has " + r.size() + " cells, header "
                        + header.size());
            }
        }
    }
}
