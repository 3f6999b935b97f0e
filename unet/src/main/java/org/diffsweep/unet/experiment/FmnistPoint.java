package org.diffsweep.unet.experiment;

import org.diffsweep.unet.data.ImbalancedSubset;

/**
 * One grid point of the Fashion-MNIST validation (theory §9.3): class pair (A, B), class-A share pi_A of a training
 * subset of n images, a seed replica index, and the run settings.
 */
public record FmnistPoint(int classA, int classB, double piA, int n, int seed, FmnistSettings settings)
        implements java.io.Serializable {
    public FmnistPoint {
        if (classA < 0 || classA > 9 || classB < 0 || classB > 9 || classA == classB)
            throw new IllegalArgumentException("class pair (" + classA + ", " + classB + ") must be two labels in 0..9");
        ImbalancedSubset.countA(n, piA); // validates n and piA
        if (seed < 0) throw new IllegalArgumentException("seed must be >= 0: " + seed);
        if (settings == null) throw new IllegalArgumentException("settings missing");
    }

    /** n_A = round(pi_A n). */
    public int nA() { return ImbalancedSubset.countA(n, piA); }

    /**
     * The stream key used when no external pointId is given: every coordinate and setting, so two points that differ
     * anywhere draw independent streams. A sweep engine passes its own pointId instead.
     */
    public String defaultKey() {
        return "fmnist-unet:A=" + classA + ",B=" + classB + ",piA=" + Double.toString(piA) + ",n=" + n
                + ",seed=" + seed + "," + settings.canonical();
    }

    /** Short directory-friendly label, e.g. {@code A1_B8_pi0.9_n64_s0}. */
    public String label() {
        return "A" + classA + "_B" + classB + "_pi" + piA + "_n" + n + "_s" + seed;
    }
}
