package org.diffsweep.jobs.spec;

import java.util.ArrayList;
import java.util.List;
import org.diffsweep.core.mixture.ClassSpec;
import org.diffsweep.core.point.PointParams;

/** Mutable copy of a {@link PointParams}, so that several axes can be applied before the point is validated. */
final class PointBuilder {
    int d;
    double psiP, psiN, t, deltaGen, kappa;
    long seed;
    final String[] name;
    final double[] weight, radius, angleDeg, variance;
    private final PointParams base;

    PointBuilder(PointParams p) {
        base = p;
        d = p.d();
        psiP = p.psiP();
        psiN = p.psiN();
        t = p.t();
        deltaGen = p.deltaGen();
        kappa = p.kappa();
        seed = p.seed();
        int c = p.numClasses();
        name = new String[c];
        weight = new double[c];
        radius = new double[c];
        angleDeg = new double[c];
        variance = new double[c];
        for (int i = 0; i < c; i++) {
            ClassSpec s = p.classes().get(i);
            name[i] = s.name();
            weight[i] = s.weight();
            radius[i] = s.radius();
            angleDeg[i] = s.angleDeg();
            variance[i] = s.variance();
        }
    }

    /** What is wrong with the point as it stands (weights, p >= 1, n_c >= 1), or null. */
    String problem() {
        double sum = 0;
        for (double w : weight) sum += w;
        if (Math.abs(sum - 1) > PointParams.WEIGHT_SUM_TOLERANCE) return "class weights sum to " + Yaml.fmt(sum) + ", must sum to 1";
        long p = Math.round(psiP * d);
        if (p < 1) return "p = round(psiP * d) = round(" + Yaml.fmt(psiP) + " * " + d + ") = 0 random features, must be >= 1";
        for (int i = 0; i < weight.length; i++) {
            if (Math.round(weight[i] * psiN * d) < 1) {
                return "class " + name[i] + " would get round(weight * psiN * d) = round(" + Yaml.fmt(weight[i]) + " * "
                        + Yaml.fmt(psiN) + " * " + d + ") = 0 training points, every class needs >= 1";
            }
        }
        return null;
    }

    /** The validated point (throws IllegalArgumentException from the records if invalid). */
    PointParams build() {
        List<ClassSpec> cs = new ArrayList<>(name.length);
        for (int i = 0; i < name.length; i++) cs.add(new ClassSpec(name[i], weight[i], radius[i], angleDeg[i], variance[i]));
        return new PointParams(d, psiP, psiN, t, seed, cs, deltaGen, kappa, base.tauGrid(), base.noise());
    }
}
