package org.diffsweep.core.point;

import java.util.ArrayList;
import java.util.List;

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
        if (tauGrid == null) tauGrid = TauGrid.DEFAULT;
        if (noise == null) noise = NoiseMode.EXACT;
        List<PointProblem> problems = problems(d, psiP, psiN, t, classes, deltaGen, kappa);
        if (!problems.isEmpty()) throw new IllegalArgumentException(problems.get(0).message());
    }

    /**
     * Everything wrong with these coordinates, in field order, the per-field rules of {@link PointField} first
     * (class fields and the tau grid are checked by their own records) and then the rules that couple fields:
     * class weights sum to 1, {@code p = round(psiP d) >= 1}, every class gets {@code n_c = round(pi_c psiN d) >= 1}
     * training points (theory §12.3). Empty when the point is valid.
     */
    public static List<PointProblem> problems(int d, double psiP, double psiN, double t, List<ClassSpec> classes,
                                              double deltaGen, double kappa) {
        List<PointProblem> out = new ArrayList<>();
        check(out, PointField.D, d);
        check(out, PointField.PSI_P, psiP);
        check(out, PointField.PSI_N, psiN);
        check(out, PointField.T, t);
        check(out, PointField.DELTA_GEN, deltaGen);
        check(out, PointField.KAPPA, kappa);
        if (classes.isEmpty()) out.add(new PointProblem("classes", "[]", "must list at least one class"));
        if (!out.isEmpty()) return out;
        double sum = 0;
        StringBuilder terms = new StringBuilder();
        for (ClassSpec c : classes) {
            sum += c.weight();
            if (terms.length() > 0) terms.append(" + ");
            terms.append(PointProblem.show(c.weight()));
        }
        if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
            out.add(new PointProblem("classes[*].weight", classes.size() > 1 ? terms + " = " + PointProblem.show(sum) : terms.toString(),
                    "class weights must sum to 1 (within " + WEIGHT_SUM_TOLERANCE + ")"));
        }
        long p = Math.round(psiP * d);
        if (p < 1 || p > Integer.MAX_VALUE) {
            out.add(new PointProblem(PointField.PSI_P.key(), PointProblem.show(psiP), "gives p = round(psiP * d) = round(" + PointProblem.show(psiP)
                    + " * " + d + ") = " + p + " random features; must give " + (p < 1 ? "p >= 1" : "p <= " + Integer.MAX_VALUE)));
        }
        for (int i = 0; i < classes.size(); i++) {
            ClassSpec c = classes.get(i);
            if (Math.round(c.weight() * psiN * d) < 1) {
                out.add(new PointProblem("classes[" + i + "].weight", PointProblem.show(c.weight()), "class " + c.name()
                        + " would get round(weight * psiN * d) = round(" + PointProblem.show(c.weight()) + " * "
                        + PointProblem.show(psiN) + " * " + d + ") = 0 training points; every class needs >= 1"));
            }
        }
        return out;
    }

    private static void check(List<PointProblem> out, PointField f, double v) {
        if (!f.accepts(v)) out.add(new PointProblem(f.key(), PointProblem.show(v), f.rule()));
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
