package org.diffsweep.jobs.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.diffsweep.core.evaluator.ClassResult;
import org.junit.jupiter.api.Test;

class ClassPairTest {
    @Test
    void labelsRoundTripAndTwoClassLabelsStayPlain() {
        assertEquals(List.of(new ClassPair(0, 1), new ClassPair(0, 2), new ClassPair(0, 3), new ClassPair(1, 2),
                new ClassPair(1, 3), new ClassPair(2, 3)), ClassPair.all(4));
        ClassPair p = new ClassPair(1, 2);
        assertEquals("t=0.1", ClassPair.FIRST_TWO.label("t=0.1", 2, "A", "B"));
        String l = p.label("t=0.1, psiN=2", 3, "B", "C");
        assertEquals("pair=1/2 (B/C), t=0.1, psiN=2", l);
        assertEquals(p, ClassPair.of(l));
        assertEquals("t=0.1, psiN=2", ClassPair.baseSlice(l));
        assertEquals("all", ClassPair.baseSlice(p.label("all", 3, "B", "C")));
        assertEquals(ClassPair.FIRST_TWO, ClassPair.of("t=0.1"));
        assertEquals("t=0.1", ClassPair.baseSlice("t=0.1"));
        assertThrows(IllegalArgumentException.class, () -> new ClassPair(2, 2));
    }

    @Test
    void samplesCoverEveryPairWithTheRightClasses() {
        ClassResult a = ClassResult.empty("A", 0.5, 5), b = ClassResult.empty("B", 0.3, 3), c = ClassResult.empty("C", 0.2, 2);
        List<PairSample> s = ClassPair.samples("all", 1, 2, 0, "id", List.of(a, b, c));
        assertEquals(3, s.size());
        assertEquals("pair=0/2 (A/C)", s.get(1).slice());
        assertEquals(a, s.get(1).a());
        assertEquals(c, s.get(1).b());
        List<PairSample> two = ClassPair.samples("all", 1, 2, 0, "id", List.of(a, b));
        assertEquals(1, two.size());
        assertEquals("all", two.get(0).slice());
        // a failed point has no class rows: one pair of nulls (a missing seed)
        List<PairSample> none = ClassPair.samples("all", 1, 2, 0, "id", Arrays.asList(null, null));
        assertEquals(1, none.size());
        assertNull(none.get(0).a());
    }
}
