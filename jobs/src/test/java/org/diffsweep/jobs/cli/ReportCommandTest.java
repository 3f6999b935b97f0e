package org.diffsweep.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code diffsweep report}: help, and a folder without a ledger (no Spark needed for either). */
class ReportCommandTest {
    @TempDir Path tmp;

    @Test
    void folderWithoutLedgerIsOneLineExitTwo() {
        CliRunner.Result r = new CliRunner().run("report", tmp.toString());
        assertEquals(2, r.status());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("error: " + tmp + ": not a diffsweep output folder with a ledger"), r.err());
    }

    @Test
    void helpNamesTheFolderAndMaster() {
        CliRunner.Result r = new CliRunner().run("report", "--help");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("DIR") && r.out().contains("--master"), r.out());
    }
}
