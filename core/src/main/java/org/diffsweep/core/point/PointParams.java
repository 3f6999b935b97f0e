package org.diffsweep.core.point;

import java.util.List;
import org.diffsweep.core.mixture.ClassSpec;

/**
 * Coordinates of one grid point: mixture, model size, diffusion time and evaluation settings
 * (theory §12). Sizes follow {@code p = round(psiP d)}, {@code n_c = round(pi_c psiN d)}, {@code n = sum n_c}.
 *
 * @param d         data dimension
 * @param psiP      p/d
 * @param psiN      n/d
 * @param t         diffusion (OU) time, > 0
 * @param seed      user seed; combined with the point identity to seed every random stream
 * @param classes   the mixture classes; weights sum to 1
 * @param deltaGen  threshold on L_gen,c defining tau_mem,c (§12.6)
 * @param kappa     posterior level defining per-class speciation (§12.9)
 * @param tauGrid   training-time grid (paper units)
 * @param noise     exact or Monte-Carlo noise averaging of U and V
 */
public record PointParams(int d, double psiP, double psiN, double t, long seed, List<ClassSpec> classes,
                          double deltaGen, double kappa, TauGrid tauGrid, NoiseMode noise) {
    public static final double DEFAULT_DELTA_GEN = 0.01;
    public static final double DEFAULT_KAPPA = 0.9;
    /** Tolerance on |sum of weights - 1|. */
    public static final double WEIGHT_SUM_TOLERANCE = 1e-9;

    public PointParams {
        classes = List.copyOf(classes);
        if (d < 1) throw new IllegalArgumentException("d must be >= 1, got " + d);
        if (!(psiP > 0) || !Double.isFinite(psiP)) throw new IllegalArgumentException("psiP must be finite and > 0, got " + psiP);
        if (!(psiN > 0) || !Double.isFinite(psiN)) throw new IllegalArgumentException("psiN must be finite and > 0, got " + psiN);
        if (!(t > 0) || !Double.isFinite(t)) throw new IllegalArgumentException("t must be finite and > 0, got " + t);
        if (classes.isEmpty()) throw new IllegalArgumentException("classes must not be empty");
        double sum = 0;
        for (ClassSpec c : classes) sum += c.weight();
        if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) throw new IllegalArgumentException("class weights must sum to 1, got " + sum);
        if (!(deltaGen > 0) || !Double.isFinite(deltaGen)) throw new IllegalArgumentException("deltaGen must be finite and > 0, got " + deltaGen);
        if (!(kappa > 0 && kappa < 1)) throw new IllegalArgumentException("kappa must be in (0, 1), got " + kappa);
        if (tauGrid == null) tauGrid = TauGrid.DEFAULT;
        if (noise == null) noise = NoiseMode.EXACT;
        // Fields are not assigned yet inside a compact constructor: compute from the parameters, not via p().
        long pp = Math.round(psiP * d);
        if (pp < 1) throw new IllegalArgumentException("psiP * d must give p >= 1, got p = " + pp);
        for (ClassSpec c : classes) {
            if (Math.round(c.weight() * psiN * d) < 1) throw new IllegalArgumentException("class " + c.name() + " would get 0 training points (round("
                    + c.weight() + " * " + psiN + " * " + d + ") = 0)");
        }
    }

    /** Point with the default deltaGen, kappa, tau grid and exact noise. */
    public static PointParams of(int d, double psiP, double psiN, double t, long seed, List<ClassSpec> classes) {
        return new PointParams(d, psiP, psiN, t, seed, classes, DEFAULT_DELTA_GEN, DEFAULT_KAPPA, TauGrid.DEFAULT, NoiseMode.EXACT);
    }

    /** Number of random features {@code p = round(psiP d)}. */
    public int p() { return (int) Math.round(psiP * d); }

    /** Training points of one class, {@code n_c = round(pi_c psiN d)} (theory §12.3). */
    public int classSize(ClassSpec c) { return (int) Math.round(c.weight() * psiN * d); }

    /** Training points of class index c. */
    public int classSize(int c) { return classSize(classes.get(c)); }

    /** Total training points {@code n = sum_c n_c}. */
    public int n() {
        int n = 0;
        for (ClassSpec c : classes) n += classSize(c);
        return n;
    }

    /** {@code Delta_t = 1 - e^{-2t}}. */
    public double deltaT() { return -Math.expm1(-2 * t); }

    public int numClasses() { return classes.size(); }
}
