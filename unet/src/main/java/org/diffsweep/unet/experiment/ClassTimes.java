package org.diffsweep.unet.experiment;

/**
 * Per-class times of one point, read off its checkpoint curves (theory §9.3, operational definitions inferred; see
 * {@link FmnistExperiment}). Times are in optimiser steps; null means "not reached inside the run".
 *
 * @param label        class label
 * @param role         "A" or "B"
 * @param nTrain       training images of the class
 * @param variance     (1/d) Tr Cov_c of the whole class (all its training images, padded [0,1] space)
 * @param centroidNorm |mean_c - mean of the whole training split|
 * @param tauGen       half-drop time of the per-class test loss at t*
 * @param tauMem       first time f_mem,c >= fmemThreshold
 * @param tauGap       first time (L_test,c - L_train,c)/L_test,c >= gapThreshold
 * @param tauGenEarly  true when the half-drop happened at or before the first checkpoint after step 0: not resolved
 *                     by the checkpoint schedule, so tauGen is null (a linear interpolation from step 0 would report
 *                     an artefact, e.g. half the first checkpoint)
 * @param tauGen90     the 90 % drop time of the same loss (y_min + 0.1 (y_0 - y_min)): past the generic first drop
 *                     of an untrained network's loss, closer to the end of the class's generalization phase;
 *                     null when not reached or not resolved (same early rule)
 */
public record ClassTimes(int label, String role, int nTrain, double variance, double centroidNorm,
                         Double tauGen, Double tauMem, Double tauGap, boolean tauGenEarly, Double tauGen90) {

    /** CSV header matching {@link #csv()}. */
    public static final String HEADER = "class,role,n_train,variance,centroid_norm,tau_gen,tau_mem,tau_gap,tau_gen_early,tau_gen90";

    /** One CSV line; nulls are empty fields. */
    public String csv() {
        return label + "," + role + "," + nTrain + "," + variance + "," + centroidNorm + "," + s(tauGen) + ","
                + s(tauMem) + "," + s(tauGap) + "," + tauGenEarly + "," + s(tauGen90);
    }

    /** Parses one {@link #csv()} line (empty fields are null). */
    public static ClassTimes parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length < 8) throw new IllegalArgumentException("times.csv line has " + f.length + " fields, need 8+: " + line);
        return new ClassTimes(Integer.parseInt(f[0]), f[1], Integer.parseInt(f[2]), Double.parseDouble(f[3]),
                Double.parseDouble(f[4]), opt(f[5]), opt(f[6]), opt(f[7]), f.length > 8 && Boolean.parseBoolean(f[8]),
                f.length > 9 ? opt(f[9]) : null);
    }

    private static Double opt(String v) { return v.isEmpty() ? null : Double.valueOf(v); }

    private static String s(Double v) { return v == null ? "" : v.toString(); }
}
