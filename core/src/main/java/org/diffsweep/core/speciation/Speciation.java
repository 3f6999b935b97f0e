package org.diffsweep.core.speciation;

import java.util.ArrayList;
import java.util.List;
import org.diffsweep.core.mixture.GaussianMixture;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.random.RandomStreams;

/**
 * Entry point of the speciation analysis (theory §6, §12.9, §12.12): global t_S, per-class t_S^(c)(kappa) (equal-
 * variance two-class closed form, otherwise the bracketed root of the mean log-odds of c against the rest), the exact
 * median time of two-class mixtures ({@link MedianTheory}), the collapse times t_C^(c), and optionally their
 * measurement along backward trajectories with the exact score.
 *
 * <p>Measurement (when {@code options.simulate()}): per class, by default with trajectories conditioned on their
 * final class ({@link MeasurementScheme#CONDITIONED}, {@link ConditionedSampler}), so that every class has about the
 * same precision whatever its prior, with a 95 % interval and an effective number of trajectories; plus one
 * unconditioned run of the mixture's backward SDE in the exact reduced coordinates ({@link ReducedSimulator}) as the
 * mixture-level check ({@link UnconditionedCheck}), which also gives phi(t), phi_c(t) and the final fractions.
 */
public final class Speciation {
    private Speciation() {}

    /** Closed form / bisection / exact median only (no simulation, no randomness): the cheap path for sweeps. */
    public static SpeciationResult closedForm(PointParams p) {
        return analyse(p, null, SpeciationOptions.CLOSED_FORM_ONLY);
    }

    /**
     * Full analysis of the point's mixture at its kappa. When {@code options.simulate()} the check run uses stream
     * {@code options.stream()} of {@code streams} (default "backward") and class c's conditioned trajectories stream
     * {@code options.stream() + "/conditioned/" + c}.
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
        Double[] median = new Double[nc];
        double maxT = tS;
        for (int c = 0; c < nc; c++) {
            times[c] = eqVarTwo ? SpeciationTheory.equalVarianceClosedForm(gm, c, kappa)
                    : SpeciationTheory.bisection(gm, c, kappa, quad);
            if (times[c].tS() != null) maxT = Math.max(maxT, times[c].tS());
            if (nc == 2 && gm.weight(c) < kappa) {
                median[c] = MedianTheory.medianTime(gm, c, kappa, times[c].tS());
                if (median[c] != null) maxT = Math.max(maxT, median[c]);
            }
        }
        long closedNanos = System.nanoTime() - t0;

        BackwardRun run = null;
        double[] phi = null, phiClass = null;
        UnconditionedCheck check = null;
        ClassMeasurement[] measured = new ClassMeasurement[nc];
        long simNanos = 0, condNanos = 0;
        if (options.simulate()) {
            if (streams == null) throw new IllegalArgumentException("simulation needs RandomStreams");
            long s0 = System.nanoTime();
            double horizon = Double.isNaN(options.horizon()) ? Math.max(1.0, maxT + 1.5) : options.horizon();
            boolean varDiffer = false;
            for (int c = 1; c < nc; c++) varDiffer |= gm.variance(c) != gm.variance(0);
            run = ReducedSimulator.run(gm, horizon, options.checkSteps(gm.dimension(), varDiffer),
                    options.trajectories(), options.integrator(), streams.stream(options.stream()));
            double[] priors = new double[nc];
            for (int c = 0; c < nc; c++) priors[c] = gm.weight(c);
            double[][] moments = run.moments();
            phi = run.phi(moments);
            phiClass = run.phiClass(priors, moments);
            List<ClassMeasurement> unc = new ArrayList<>(nc);
            List<Boolean> covered = new ArrayList<>(nc);
            for (int c = 0; c < nc; c++) {
                ClassMeasurement m = run.measure(c, priors[c], kappa, options.minEffective());
                unc.add(m);
                Double ref = median[c] != null ? median[c] : times[c].tS();
                covered.add(ref == null || m.ciLo() == null || m.ciHi() == null
                        || m.effective() < options.minEffective() ? null : m.covers(ref));
            }
            check = new UnconditionedCheck(run.trajectories(), run.steps(), run.integrator(), horizon,
                    maxFractionZ(run, priors), maxMartingaleZ(run, priors, moments), unc, covered);
            long c0 = System.nanoTime();
            for (int c = 0; c < nc; c++) {
                if (priors[c] >= kappa) measured[c] = ClassMeasurement.none(MeasurementStatus.PRE_COMMITTED);
                else if (options.scheme() == MeasurementScheme.UNCONDITIONED) measured[c] = unc.get(c);
                else measured[c] = ConditionedSampler.measure(gm, c, kappa,
                        streams.stream(options.stream() + "/conditioned/" + c), horizon, options.pilotTrajectories(),
                        options.maxTrajectories(), options.targetHalfWidth(), options.minEffective());
            }
            long s1 = System.nanoTime();
            condNanos = options.scheme() == MeasurementScheme.CONDITIONED ? s1 - c0 : 0;
            simNanos = s1 - s0;
        }
        List<ClassSpeciation> out = new ArrayList<>(nc);
        for (int c = 0; c < nc; c++) {
            String name = gm.classes().get(c).name();
            double w = gm.weight(c);
            ClassMeasurement m = measured[c] != null ? measured[c] : ClassMeasurement.none(
                    w >= kappa ? MeasurementStatus.PRE_COMMITTED : MeasurementStatus.NOT_SIMULATED);
            MeasurementScheme scheme = run == null || w >= kappa ? null : options.scheme();
            Double frac = run == null ? null : (double) run.finalCount(c) / run.trajectories();
            out.add(new ClassSpeciation(name, w, classSizes[c], w >= kappa, times[c].tS(), times[c].method(), median[c],
                    m.tS(), m.ciLo(), m.ciHi(), m.effective(), m.status(), scheme,
                    SpeciationTheory.collapseTime(gm.variance(c), classSizes[c], gm.dimension()), frac));
        }
        return new SpeciationResult(lambda, tS, snr, kappa, out, run, phi, phiClass, check, closedNanos,
                simNanos, condNanos);
    }

    /** {@code max_c |f_c - pi_c| / sqrt(pi_c (1 - pi_c) / N)} over classes with 0 < pi_c < 1. */
    static double maxFractionZ(BackwardRun run, double[] priors) {
        double z = 0;
        int n = run.trajectories();
        for (int c = 0; c < priors.length; c++) {
            double pi = priors[c];
            if (!(pi > 0 && pi < 1)) continue;
            double f = (double) run.finalCount(c) / n;
            z = Math.max(z, Math.abs(f - pi) / Math.sqrt(pi * (1 - pi) / n));
        }
        return z;
    }

    /**
     * {@code max_{c,k} |mean_j p_c(t_k) - pi_c| / sqrt(pi_c (1 - pi_c) / N)}: the standard error is the largest the
     * mean can have, because p_c lies in [0, 1] with mean pi_c (the sample variance is not used: it vanishes for a
     * rare class whose trajectories all have p_c ~ 0, and the z-score then explodes).
     */
    static double maxMartingaleZ(BackwardRun run, double[] priors, double[][] moments) {
        int n = run.trajectories(), kk = run.recorded(), nc = run.numClasses();
        double z = 0;
        for (int c = 0; c < nc; c++) {
            double pi = priors[c];
            if (!(pi > 0 && pi < 1)) continue;
            double se = Math.sqrt(pi * (1 - pi) / n);
            for (int k = 0; k < kk; k++) z = Math.max(z, Math.abs(moments[0][c * kk + k] / n - pi) / se);
        }
        return z;
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
