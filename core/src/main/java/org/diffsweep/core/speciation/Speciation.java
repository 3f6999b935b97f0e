package org.diffsweep.core.speciation;

import java.util.ArrayList;
import java.util.List;
import org.diffsweep.core.mixture.GaussianMixture;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.random.RandomStreams;

/**
 * Entry point of the speciation analysis (theory §6, §12.9, §12.12): global t_S, per-class t_S^(c)(kappa) (equal-
 * variance two-class closed form, otherwise the bracketed root of the mean log-odds of c against the rest), the
 * collapse times t_C^(c), and optionally their measurement along backward trajectories with the exact score.
 */
public final class Speciation {
    private Speciation() {}

    /** Closed form / bisection only (no simulation, no randomness): the cheap path for sweeps. */
    public static SpeciationResult closedForm(PointParams p) {
        return analyse(p, null, SpeciationOptions.CLOSED_FORM_ONLY);
    }

    /**
     * Full analysis of the point's mixture at its kappa. When {@code options.simulate()} the trajectories use stream
     * {@code options.stream()} of {@code streams} (default "backward").
     */
    public static SpeciationResult analyse(PointParams p, RandomStreams streams, SpeciationOptions options) {
        GaussianMixture gm = GaussianMixture.of(p.d(), p.classes());
        int[] sizes = new int[p.numClasses()];
        for (int c = 0; c < sizes.length; c++) sizes[c] = p.classSize(c);
        return analyse(gm, sizes, p.kappa(), streams, options);
    }

    /** As {@link #analyse(PointParams, RandomStreams, SpeciationOptions)} for an explicit mixture and class sizes. */
    public static SpeciationResult analyse(GaussianMixture gm, int[] classSizes, double kappa, RandomStreams streams,
                                           SpeciationOptions options) {
        if (!(kappa > 0 && kappa < 1)) throw new IllegalArgumentException("kappa must be in (0, 1), got " + kappa);
        if (classSizes.length != gm.numClasses()) throw new IllegalArgumentException("one class size per class");
        long t0 = System.nanoTime();
        int nc = gm.numClasses();
        double lambda = gm.centredCovarianceTopEigenvalue();
        double tS = 0.5 * Math.log(lambda);
        Double snr = SpeciationTheory.exactSnrTs(gm);
        boolean eqVarTwo = nc == 2 && gm.variance(0) == gm.variance(1);
        PosteriorQuadrature quad = nc > 2 ? new PosteriorQuadrature(gm, options.quadratureNodes()) : null;
        SpeciationTheory.ClassTime[] times = new SpeciationTheory.ClassTime[nc];
        double maxT = tS;
        for (int c = 0; c < nc; c++) {
            times[c] = eqVarTwo ? SpeciationTheory.equalVarianceClosedForm(gm, c, kappa)
                    : SpeciationTheory.bisection(gm, c, kappa, quad);
            if (times[c].tS() != null) maxT = Math.max(maxT, times[c].tS());
        }
        long closedNanos = System.nanoTime() - t0;

        BackwardRun run = null;
        double[] phi = null, phiClass = null, median = null;
        long simNanos = 0;
        if (options.simulate()) {
            if (streams == null) throw new IllegalArgumentException("simulation needs RandomStreams");
            long s0 = System.nanoTime();
            double horizon = Double.isNaN(options.horizon()) ? Math.max(1.0, maxT + 1.5) : options.horizon();
            run = BackwardSimulator.run(gm, horizon, options.steps(), options.trajectories(), options.integrator(),
                    streams.stream(options.stream()));
            double[] priors = new double[nc];
            for (int c = 0; c < nc; c++) priors[c] = gm.weight(c);
            phi = run.phi();
            phiClass = run.phiClass(priors);
            median = run.medianOwnPosterior();
            simNanos = System.nanoTime() - s0;
        }
        List<ClassSpeciation> out = new ArrayList<>(nc);
        for (int c = 0; c < nc; c++) {
            String name = gm.classes().get(c).name();
            double w = gm.weight(c);
            Double measured = run == null ? null : run.measuredTs(median, c, w, kappa);
            Double frac = run == null ? null : (double) run.finalCount(c) / run.trajectories();
            out.add(new ClassSpeciation(name, w, classSizes[c], w >= kappa, times[c].tS(), times[c].method(), measured,
                    SpeciationTheory.collapseTime(gm.variance(c), classSizes[c], gm.dimension()), frac));
        }
        return new SpeciationResult(lambda, tS, snr, kappa, out, run, phi, phiClass, median, closedNanos, simNanos);
    }

    /** Linear interpolation of {@code v[off + k]} over descending {@code times} at t (clamped to the ends). */
    static double interpolate(double[] times, double[] v, int off, double t) {
        int kk = times.length;
        if (t >= times[0]) return v[off];
        if (t <= times[kk - 1]) return v[off + kk - 1];
        int k = 1;
        while (times[k] > t) k++;
        double f = (times[k - 1] - t) / (times[k - 1] - times[k]);
        return v[off + k - 1] + f * (v[off + k] - v[off + k - 1]);
    }
}
