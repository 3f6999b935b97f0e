package org.diffsweep.jobs.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpecCompatibilityTest {
    static final String BASE = """
            name: q
            base: {d: 100, psiP: 32, psiN: 4, t: 0.01,
                   classes: [{name: A, weight: 0.5, variance: 2.0}, {name: B, weight: 0.5, variance: 0.5}]}
            axes:
              - {path: varianceRatio, values: [0.25, 1, 4]}
              - {path: imbalanceRatio, log: {from: 0.01, to: 100, points: 5}}
            seeds: 3
            """;

    static Optional<String> check(String now) {
        return SpecCompatibility.incompatibility(BASE, now);
    }

    @Test
    void identicalAndReformattedSpecsAreCompatible() {
        assertEquals(Optional.empty(), check(BASE));
        assertEquals(Optional.empty(), check(BASE.replace("psiN: 4,", "psiN: 4.0,")));
    }

    @Test
    void moreSeedsAndMoreAxisValuesAreAdditive() {
        assertEquals(Optional.empty(), check(BASE.replace("seeds: 3", "seeds: 5")));
        assertEquals(Optional.empty(), check(BASE.replace("[0.25, 1, 4]", "[0.25, 0.5, 1, 2, 4]")));
    }

    @Test
    void incompatibleChangesNameTheField() {
        assertMessage(check(BASE.replace("psiN: 4,", "psiN: 8,")), "'base.psiN' changed from 4 to 8");
        assertMessage(check(BASE.replace("seeds: 3", "seeds: 2")), "'seeds' changed from 3 to 2");
        assertMessage(check(BASE.replace("[0.25, 1, 4]", "[0.25, 2, 4, 8]")), "'axes[0].values' lost the value 1");
        assertMessage(check(BASE.replace("points: 5", "points: 9")), "'axes[1].log.points' changed from 5 to 9");
        assertMessage(check(BASE.replace("variance: 0.5}", "variance: 0.5, radius: 2}")), "'base.classes[1].radius' changed from absent to 2");
        assertMessage(check(BASE.replace("t: 0.01,", "")), "'base.t' changed from 0.01 to absent");
    }

    private static void assertMessage(Optional<String> why, String expected) {
        assertTrue(why.isPresent(), "expected a refusal containing " + expected);
        assertTrue(why.get().contains(expected), why.get());
    }
}
