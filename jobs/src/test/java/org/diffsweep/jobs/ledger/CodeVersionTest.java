package org.diffsweep.jobs.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class CodeVersionTest {
    @Test
    void unfilteredOrBlankValuesBecomeUnknown() {
        assertEquals("unknown", CodeVersion.sanitize("${diffsweep.git.commit}"));
        assertEquals("unknown", CodeVersion.sanitize("  "));
        assertEquals("unknown", CodeVersion.sanitize(null));
        assertEquals("0123abc-dirty", CodeVersion.sanitize(" 0123abc-dirty\n"));
    }

    @Test
    void theBuildTemplatedTheResource() {
        // The build filters diffsweep-version.properties: the placeholder never survives into the jar.
        assertFalse(CodeVersion.get().contains("${"));
        assertFalse(CodeVersion.get().isBlank());
    }
}
