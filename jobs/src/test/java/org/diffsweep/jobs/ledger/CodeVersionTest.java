package org.diffsweep.jobs.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CodeVersionTest {
    @Test
    void unfilteredOrBlankValuesBecomeUnknown() {
        assertEquals("unknown", CodeVersion.sanitize("${diffsweep.git.commit}"));
        assertEquals("unknown", CodeVersion.sanitize("  "));
        assertEquals("unknown", CodeVersion.sanitize(null));
        assertEquals("0123abc-dirty", CodeVersion.sanitize(" 0123abc-dirty\n"));
    }

    /**
     * The build templated the commit it was built from into the resource: inside a git checkout it is HEAD (the
     * 40-digit id, with "-dirty" when the tree had changes); without git it is "unknown". An unfiltered or empty
     * resource fails this test.
     */
    @Test
    void theBuildRecordedTheCheckedOutCommit() throws IOException, InterruptedException {
        String head = null;
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() == 0 && out.matches("[0-9a-f]{40}")) head = out;
        } catch (IOException e) {
            // no git on this machine
        }
        if (head == null) {
            assertEquals("unknown", CodeVersion.get());
        } else {
            assertTrue(CodeVersion.get().equals(head) || CodeVersion.get().equals(head + "-dirty"),
                    "built from " + CodeVersion.get() + ", checked out " + head);
        }
    }
}
