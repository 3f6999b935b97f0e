package org.diffsweep.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import org.apache.hadoop.fs.FSError;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, failure 9: environment failures end in one line with the reason and exit status 2, wherever they sit in
 * the cause chain (Hadoop's FSError for a full local disk is an Error, not an exception; inside a Spark job it
 * arrives wrapped in a SparkException). The faults are the exceptions the JDK, Hadoop and Spark throw.
 */
class EnvironmentErrorsTest {
    static String[] handle(Throwable t) {
        StringWriter w = new StringWriter();
        int status = CliSupport.handle(t, "run", new PrintWriter(w));
        return new String[] {Integer.toString(status), w.toString()};
    }

    /** The Error RawLocalFileSystem throws for a full disk (its constructor is package-private). */
    static FSError fsError() {
        try {
            var c = FSError.class.getDeclaredConstructor(Throwable.class);
            c.setAccessible(true);
            return c.newInstance(new IOException("No space left on device"));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void diskFullPermissionAndReadOnlyAreOneLineExitTwo() {
        // RawLocalFileSystem wraps the IOException of a full disk in FSError.
        String[] full = handle(fsError());
        assertEquals("2", full[0]);
        assertEquals(1, full[1].lines().count(), full[1]);
        assertTrue(full[1].startsWith("error: disk full (No space left on device); free space"), full[1]);
        String[] wrapped = handle(new SparkException("Job aborted due to stage failure: Task 0 in stage 3.0 failed",
                new RuntimeException("write failed", fsError())));
        assertEquals("2", wrapped[0]);
        assertTrue(wrapped[1].startsWith("error: disk full") && wrapped[1].lines().count() == 1, wrapped[1]);
        String[] denied = handle(new AccessDeniedException("/data/runs/q/_diffsweep.lock"));
        assertEquals("2", denied[0]);
        assertEquals("error: permission denied: /data/runs/q/_diffsweep.lock; choose an output folder you can write (--output) or fix its"
                + " permissions\n", denied[1]);
        String[] ro = handle(new java.nio.file.FileSystemException("/mnt/ro/x", null, "Read-only file system"));
        assertTrue(ro[1].startsWith("error: read-only file system: /mnt/ro/x"), ro[1]);
        assertNull(CliSupport.environmentProblem(new IllegalStateException("a bug")));
    }

    @Test
    void anInternalErrorIsOneLineExitOne() {
        String[] bug = handle(new IllegalStateException("first line\nsecond line"));
        assertEquals("1", bug[0]);
        assertEquals(1, bug[1].lines().count(), bug[1]);
        assertTrue(bug[1].startsWith("error: internal error in 'run': java.lang.IllegalStateException: first line"), bug[1]);
    }
}
