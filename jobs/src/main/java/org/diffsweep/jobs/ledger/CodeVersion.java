package org.diffsweep.jobs.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The code version stamped into every ledger row: the git commit the jar was built from ({@code git describe
 * --always --dirty --abbrev=40}, templated into {@code diffsweep-version.properties} at build time), or
 * {@code "unknown"} when the build had no git.
 */
public final class CodeVersion {
    /** Value used when the build could not determine the commit. */
    public static final String UNKNOWN = "unknown";
    private static final String VALUE = load();

    private CodeVersion() {}

    /** The build's git commit, or {@link #UNKNOWN}. */
    public static String get() { return VALUE; }

    private static String load() {
        try (InputStream in = CodeVersion.class.getResourceAsStream("/diffsweep-version.properties")) {
            if (in == null) return UNKNOWN;
            Properties p = new Properties();
            p.load(in);
            return sanitize(p.getProperty("git.commit"));
        } catch (IOException e) {
            return UNKNOWN;
        }
    }

    /** {@code raw} unless it is blank or an unfiltered {@code ${...}} placeholder. */
    static String sanitize(String raw) {
        if (raw == null) return UNKNOWN;
        String v = raw.trim();
        return v.isEmpty() || v.contains("${") ? UNKNOWN : v;
    }
}
