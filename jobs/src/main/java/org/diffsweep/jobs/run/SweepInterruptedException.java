package org.diffsweep.jobs.run;

/**
 * A sweep stopped by SIGINT or SIGTERM ({@link Interrupts}); the message is the one line for the user: how many
 * points are committed and how to resume.
 */
public final class SweepInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public SweepInterruptedException(String message, int status) {
        super(message, null, false, false);
        this.status = status;
    }

    /** Exit status: 130 (SIGINT) or 143 (SIGTERM). */
    public int status() { return status; }
}
