package org.diffsweep.unet.data;

import java.util.Arrays;
import org.diffsweep.core.random.SeededStream;

/**
 * A two-class training subset of n images with n_A = round(pi_A n) from class A and n_B = n - n_A from class B
 * (theory §9.3 "Imbalance", convention §12.3: every class keeps at least one image).
 *
 * @param classA  label of class A
 * @param classB  label of class B
 * @param nA      number of class-A images
 * @param nB      number of class-B images
 * @param indices training-split indices, class-A images first (in draw order), then class B; no duplicates
 */
public record ImbalancedSubset(int classA, int classB, int nA, int nB, int[] indices) {

    /** Total size n. */
    public int n() { return nA + nB; }

    /** The class-A count for (n, pi_A): round(pi_A n), rejected when it leaves a class empty. */
    public static int countA(int n, double piA) {
        if (!(piA > 0 && piA < 1)) throw new IllegalArgumentException("piA must be in (0,1), got " + piA);
        if (n < 2) throw new IllegalArgumentException("n must be >= 2, got " + n);
        long nA = Math.round(piA * n);
        if (nA < 1 || nA > n - 1) throw new IllegalArgumentException("n=" + n + ", piA=" + piA
                + " gives n_A=" + nA + ": every class needs at least one image");
        return (int) nA;
    }

    /**
     * Draws the subset without replacement from the class pools of {@code data}'s training split (partial
     * Fisher-Yates shuffle driven by {@code rng}, class A first, then class B).
     */
    public static ImbalancedSubset draw(FmnistDataset data, int classA, int classB, int n, double piA,
                                        SeededStream rng) {
        return draw(data.indicesOfClass(true, classA), data.indicesOfClass(true, classB), classA, classB, n, piA, rng);
    }

    /** As {@link #draw(FmnistDataset, int, int, int, double, SeededStream)} with explicit class pools. */
    public static ImbalancedSubset draw(int[] poolA, int[] poolB, int classA, int classB, int n, double piA,
                                        SeededStream rng) {
        if (classA == classB) throw new IllegalArgumentException("classA == classB == " + classA);
        int nA = countA(n, piA);
        int nB = n - nA;
        if (nA > poolA.length) throw new IllegalArgumentException("n_A=" + nA + " > " + poolA.length
                + " images of class " + classA);
        if (nB > poolB.length) throw new IllegalArgumentException("n_B=" + nB + " > " + poolB.length
                + " images of class " + classB);
        int[] out = new int[n];
        System.arraycopy(sample(poolA, nA, rng), 0, out, 0, nA);
        System.arraycopy(sample(poolB, nB, rng), 0, out, nA, nB);
        return new ImbalancedSubset(classA, classB, nA, nB, out);
    }

    private static int[] sample(int[] pool, int k, SeededStream rng) {
        int[] a = Arrays.copyOf(pool, pool.length);
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(a.length - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return Arrays.copyOf(a, k);
    }

    /** Label of subset position j (A for j < nA). */
    public int labelAt(int j) { return j < nA ? classA : classB; }
}
