package org.diffsweep.jobs.report;

/**
 * Where a sweep's results came from (Tribuo-style provenance, design.md house style).
 *
 * @param version   diffsweep version
 * @param commit    git commit the code was built from
 * @param specHash  canonical hash of the sweep spec
 * @param date      when the report was generated (ISO-8601 text)
 * @param masterUrl Spark master URL of the run (e.g. {@code local[2]}, {@code spark://host:7077})
 */
public record ReportProvenance(String version, String commit, String specHash, String date, String masterUrl) {
    /** The provenance of a report generated now by this build (version from the jar manifest). */
    public static ReportProvenance now(String commit, String specHash, String masterUrl) {
        String v = ReportProvenance.class.getPackage().getImplementationVersion();
        return new ReportProvenance(v == null ? "development build" : v, commit, specHash,
                java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), masterUrl);
    }
}
