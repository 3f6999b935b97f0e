package org.diffsweep.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.diffsweep.jobs.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code diffsweep run} end to end through the CLI: exit status of a fresh run and of a re-run of a finished sweep. */
class RunCommandTest {
    @TempDir Path tmp;

    private int run(Path spec, Path out, StringWriter stdout) {
        return Main.execute(new PrintWriter(stdout), new PrintWriter(new StringWriter()), FakeEvaluator.model("runcmd", false),
                "run", spec.toString(), "--output", out.toUri().toString(), "--master", "local[2]");
    }

    /** A finished sweep re-run (cron, systemd timer) computes nothing and succeeds: exit 0, never "-1 not OK". */
    @Test
    void reRunningAFinishedSweepExitsZero() throws Exception {
        TestSpark.get();
        Path spec = tmp.resolve("s.yaml");
        Files.writeString(spec, Sweeps.spec("r", "[1, 2]", "[0.25, 1, 4]", 1, 2).rawText()); // 6 points, all OK for the fake
        Path out = tmp.resolve("out");
        StringWriter first = new StringWriter(), second = new StringWriter();
        assertEquals(0, run(spec, out, first), first.toString());
        assertTrue(first.toString().contains("6 computed, 0 not OK"), first.toString());
        assertEquals(0, run(spec, out, second), second.toString());
        assertTrue(second.toString().contains("0 computed, nothing new, outputs up to date"), second.toString());
    }
}
