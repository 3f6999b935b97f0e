package org.diffsweep.jobs.report;

/**
 * A figure of the report: embedded as a base64 PNG when {@code png} is given, else as inline SVG.
 *
 * @param title   heading
 * @param caption one-paragraph caption (what is shown, units)
 * @param png     PNG bytes, or null
 * @param svg     SVG document text, or null
 */
public record ReportFigure(String title, String caption, byte[] png, String svg) {
    public ReportFigure {
        if (png == null && svg == null) {
            throw new IllegalArgumentException("figure '" + title + "' has neither PNG nor SVG content");
        }
    }
}
