package org.diffsweep.jobs.cli;

import java.io.IOException;
import java.io.PrintWriter;
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
        int status = cl.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    /** One line per user-fixable failure; an internal error says how to get its stack trace. */
    static int handle(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        int status;
        if (ex instanceof SpecException || ex instanceof SweepRefusedException) {
            err.println("error: " + ex.getMessage());
            status = BAD_INPUT;
        } else if (ex instanceof IOException io) {
            err.println("error: " + io.getMessage() + " (" + io.getClass().getSimpleName() + ")");
            status = BAD_INPUT;
        } else {
            boolean debug = "1".equals(System.getenv("DIFFSWEEP_DEBUG"));
            err.println("error: internal error in '" + cl.getCommandName() + "': " + ex
                    + (debug ? "" : " (set DIFFSWEEP_DEBUG=1 for the stack trace)"));
            if (debug) ex.printStackTrace(err);
            status = FAILED;
        }
        err.flush();
        return status;
    }
}
