package org.diffsweep.jobs.spec;

/**
 * A spec the user must fix. The message is one line, {@code FIELD = VALUE: WHAT IS ALLOWED}, where FIELD is the
 * YAML path (e.g. {@code base.classes[1].variance}); the CLI prints it as {@code error: MESSAGE} and exits with
 * status 2. Never carries a stack trace to the user.
 */
public final class SpecException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    private SpecException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    /** {@code field = value: allowed}. */
    public static SpecException of(String field, String value, String allowed) {
        return new SpecException(field, field + " = " + value + ": " + allowed);
    }

    /** A required key is absent: {@code field: missing; required: allowed}. */
    public static SpecException missing(String field, String allowed) {
        return new SpecException(field, field + ": missing; required: " + allowed);
    }

    /** A problem with a whole file: {@code source: problem}. */
    public static SpecException file(String source, String problem) { return new SpecException("", source + ": " + problem); }

    /** YAML path of the offending field ("" for file-level problems). */
    public String field() { return field; }
}
