package org.diffsweep.jobs.spec;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.point.NoiseMode;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.point.PointProblem;
import org.diffsweep.core.point.TauGrid;

/**
 * Mutable copy of a {@link PointParams} (primitives only, so it is {@link Serializable}), so that several axes can be
 * applied before the point is validated.
 */
final class PointBuilder implements Serializable {
    private static final long serialVersionUID = 1L;

    int d;
    double psiP, psiN, t, deltaGen, kappa;
    long seed;
    final String[] name;
    final double[] weight, radius, angleDeg, variance;
    private final double tauMin, tauMax;
    private final int tauPoints, noiseDraws;

    PointBuilder(PointParams p) {
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
        tauMin = p.tauGrid().min();
        tauMax = p.tauGrid().max();
        tauPoints = p.tauGrid().points();
        noiseDraws = p.noise().monteCarloDraws();
    }

    /** A copy of {@code b}. */
    PointBuilder(PointBuilder b) {
        d = b.d;
        psiP = b.psiP;
        psiN = b.psiN;
        t = b.t;
        deltaGen = b.deltaGen;
        kappa = b.kappa;
        seed = b.seed;
        name = b.name.clone();
        weight = b.weight.clone();
        radius = b.radius.clone();
        angleDeg = b.angleDeg.clone();
        variance = b.variance.clone();
        tauMin = b.tauMin;
        tauMax = b.tauMax;
        tauPoints = b.tauPoints;
        noiseDraws = b.noiseDraws;
    }

    /** What is wrong with the point as it stands ({@link PointParams#problems}, first problem), or null. */
    String problem() {
        List<ClassSpec> cs = new ArrayList<>(name.length);
        for (int i = 0; i < name.length; i++) {
            try {
                cs.add(new ClassSpec(name[i], weight[i], radius[i], angleDeg[i], variance[i]));
            } catch (IllegalArgumentException e) {
                return "classes[" + i + "]." + e.getMessage();
            }
        }
        List<PointProblem> p = PointParams.problems(d, psiP, psiN, t, cs, deltaGen, kappa);
        return p.isEmpty() ? null : p.get(0).message();
    }

    /** The validated point (throws IllegalArgumentException from the records if invalid). */
    PointParams build() {
        List<ClassSpec> cs = new ArrayList<>(name.length);
        for (int i = 0; i < name.length; i++) cs.add(new ClassSpec(name[i], weight[i], radius[i], angleDeg[i], variance[i]));
        return new PointParams(d, psiP, psiN, t, seed, cs, deltaGen, kappa, new TauGrid(tauMin, tauMax, tauPoints),
                noiseDraws == 0 ? NoiseMode.EXACT : NoiseMode.monteCarlo(noiseDraws));
    }
}
