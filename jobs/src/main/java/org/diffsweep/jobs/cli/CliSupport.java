package org.diffsweep.jobs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.diffsweep.jobs.run.Interrupts;
import org.diffsweep.jobs.run.SweepInterruptedException;
import org.diffsweep.jobs.run.SweepRefusedException;
import org.diffsweep.jobs.spec.SpecException;
import picocli.CommandLine;

/**
 * The command-line conventions every diffsweep tool shares (this CLI and the Fashion-MNIST module's): picocli, and
 * errors the user can fix end in one line {@code error: ...} on standard error, never a stack trace. Exit status:
 * {@value #OK} done, {@value #FAILED} finished with failed points or an internal error, {@value #BAD_INPUT} bad input
 * or environment (spec, size, path, lock, permissions, disk), {@value #INTERRUPTED_INT}/{@value #INTERRUPTED_TERM}
 * interrupted by SIGINT/SIGTERM.
 */
public final class CliSupport {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int INTERRUPTED_INT = 130;
    public static final int INTERRUPTED_TERM = 143;

    private CliSupport() {}

    /** A command line for {@code root} with the shared error handling. */
    public static CommandLine commandLine(Object root) {
        CommandLine cl = new CommandLine(root);
        cl.setExecutionExceptionHandler(CliSupport::handle);
        return cl;
    }

    /** Runs {@code cl} with the given writers and returns the exit status. */
    public static int execute(CommandLine cl, PrintWriter out, PrintWriter err, String... args) {
        cl.setOut(out);
        cl.setErr(err);
        int status;
        try {
            status = cl.execute(args);
        } catch (Error e) { // picocli passes only Exceptions to the handler: Hadoop's FSError (disk full), OutOfMemoryError
            status = handle(e, cl.getCommandName(), err);
        }
        out.flush();
        err.flush();
        return status;
    }

    /** One line per user-fixable failure; an internal error says how to get its stack trace. */
    static int handle(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        return handle(ex, cl.getCommandName(), cl.getErr());
    }

    /**
     * The one line and exit status of any failure: a signal ({@value #INTERRUPTED_INT}/{@value #INTERRUPTED_TERM}),
     * bad input ({@value #BAD_INPUT}), the environment ({@value #BAD_INPUT}: permissions, a full disk, a read-only
     * file system, wherever in the cause chain, e.g. inside a failed Spark job), else an internal error
     * ({@value #FAILED}).
     */
    static int handle(Throwable ex, String command, PrintWriter err) {
        int status;
        String env;
        if (ex instanceof SweepInterruptedException si) {
            err.println(si.getMessage());
            status = si.status();
        } else if (Interrupts.raised()) {
            err.println("interrupted by " + Interrupts.signalName() + "; committed work is kept; run the same command again to resume");
            status = Interrupts.status();
        } else if (ex instanceof SpecException || ex instanceof SweepRefusedException) {
            err.println("error: " + ex.getMessage());
            status = BAD_INPUT;
        } else if ((env = environmentProblem(ex)) != null) {
            err.println("error: " + env);
            status = BAD_INPUT;
        } else if (ex instanceof IOException io) {
            err.println("error: " + io.getMessage() + " (" + io.getClass().getSimpleName() + ")");
            status = BAD_INPUT;
        } else {
            boolean debug = "1".equals(System.getenv("DIFFSWEEP_DEBUG"));
            err.println("error: internal error in '" + command + "': " + firstLine(String.valueOf(ex))
                    + (debug ? "" : " (set DIFFSWEEP_DEBUG=1 for the stack trace)"));
            if (debug) ex.printStackTrace(err);
            status = FAILED;
        }
        err.flush();
        return status;
    }

    /**
     * The environment failure somewhere in {@code ex}'s cause chain, as one phrase with the way out, or null: a full
     * disk, a permission denied, a read-only file system.
     */
    static String environmentProblem(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage());
            String what = t instanceof java.nio.file.FileSystemException f && f.getFile() != null ? f.getFile() : firstLine(m);
            if (m.contains("No space left on device") || m.contains("Disk quota exceeded")) {
                String file = t instanceof java.nio.file.FileSystemException f && f.getFile() != null ? " writing " + f.getFile() : "";
                return "disk full" + file + " (" + (m.contains("quota") ? "Disk quota exceeded" : "No space left on device") + "); free space"
                        + " or choose another output folder (--output); committed points are kept and a re-run resumes";
            }
            if (t instanceof java.nio.file.AccessDeniedException || m.contains("Permission denied")
                    || t.getClass().getName().equals("org.apache.hadoop.security.AccessControlException")) {
                return "permission denied: " + what + "; choose an output folder you can write (--output) or fix its permissions";
            }
            if (m.contains("Read-only file system")) {
                return "read-only file system: " + what + "; choose another output folder (--output)";
            }
        }
        return null;
    }

    private static String firstLine(String s) {
        String f = s.strip().split("\\R", 2)[0];
        return f.length() > 200 ? f.substring(0, 197) + "..." : f;
    }
}
