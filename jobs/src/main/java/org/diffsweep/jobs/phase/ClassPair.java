package org.diffsweep.jobs.phase;

import java.util.ArrayList;
import java.util.List;
import org.diffsweep.core.evaluator.ClassResult;

/**
 * A pair of classes (i, j), i &lt; j in spec order, in the roles of A and B of the order parameters. With two
 * classes there is one pair and slices keep their plain labels; with C ≥ 3 every pair is its own family of slices,
 * labelled {@code pair=i/j (A_name/B_name)} followed by the plain slice label (e.g.
 * {@code pair=0/2 (A/C), t=0.1}), so that phase maps, boundaries and baselines never mix pairs.
 *
 * @param i index of the class in the role of A
 * @param j index of the class in the role of B
 */
public record ClassPair(int i, int j) {
    /** The prefix of a pair slice label. */
    public static final String PREFIX = "pair=";

    /** The two classes of a two-class point. */
    public static final ClassPair FIRST_TWO = new ClassPair(0, 1);

    public ClassPair {
        if (!(i >= 0 && j > i)) throw new IllegalArgumentException("a class pair needs 0 <= i < j, got " + i + ", " + j);
    }

    /** Every pair of {@code numClasses} classes, lexicographic. */
    public static List<ClassPair> all(int numClasses) {
        List<ClassPair> out = new ArrayList<>();
        for (int a = 0; a < numClasses; a++) for (int b = a + 1; b < numClasses; b++) out.add(new ClassPair(a, b));
        return out;
    }

    /**
     * The slice label of this pair: {@code base} unchanged for a two-class point, else the pair prefix with the class
     * names, then {@code base} unless it is {@code all}.
     */
    public String label(String base, int numClasses, String nameI, String nameJ) {
        if (numClasses <= 2) return base;
        String p = PREFIX + i + "/" + j + " (" + nameI + "/" + nameJ + ")";
        return "all".equals(base) ? p : p + ", " + base;
    }

    /** The pair of a slice label ({@link #FIRST_TWO} for a plain label). */
    public static ClassPair of(String slice) {
        if (!slice.startsWith(PREFIX)) return FIRST_TWO;
        String ij = slice.substring(PREFIX.length(), slice.indexOf(' '));
        int s = ij.indexOf('/');
        return new ClassPair(Integer.parseInt(ij.substring(0, s)), Integer.parseInt(ij.substring(s + 1)));
    }

    /** The plain slice label inside a pair label ({@code all} when it has none); a plain label is returned as is. */
    public static String baseSlice(String slice) {
        if (!slice.startsWith(PREFIX)) return slice;
        int close = slice.indexOf(')');
        return close + 2 < slice.length() ? slice.substring(close + 3) : "all";
    }

    /**
     * The pair samples of one seed of one point: one per class pair ({@code classes} in class-index order, null for a
     * class without a row).
     */
    public static List<PairSample> samples(String base, double x, double y, int seedIndex, String pointId,
                                           List<ClassResult> classes) {
        List<PairSample> out = new ArrayList<>();
        int c = Math.max(2, classes.size());
        for (ClassPair p : all(c)) {
            ClassResult a = p.i < classes.size() ? classes.get(p.i) : null;
            ClassResult b = p.j < classes.size() ? classes.get(p.j) : null;
            String label = p.label(base, c, a == null ? "?" : a.name(), b == null ? "?" : b.name());
            out.add(new PairSample(label, x, y, seedIndex, pointId, a, b));
        }
        return out;
    }
}
