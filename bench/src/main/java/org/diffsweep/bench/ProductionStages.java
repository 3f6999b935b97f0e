package org.diffsweep.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.diffsweep.core.dynamics.DynamicsResult;
import org.diffsweep.core.dynamics.RfDynamics;
import org.diffsweep.core.dynamics.RfSystem;
import org.diffsweep.core.features.FeatureSettings;
import org.diffsweep.core.features.NoiseAveragedMatrices;
import org.diffsweep.core.linalg.EigenWorkspace;
import org.diffsweep.core.linalg.LinAlg;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.random.RandomStreams;
import org.diffsweep.core.speciation.Speciation;
import org.diffsweep.core.speciation.SpeciationOptions;
import org.diffsweep.core.spectrum.SpectrumResult;
import org.diffsweep.core.spectrum.SpectrumSolver;

/**
 * Times the production per-point stages of {@code core} on the same two-class point as {@link ReferencePoint}:
 * features + noise-averaged U/V ({@code NoiseAveragedMatrices}), score moments + eigendecomposition
 * ({@code RfSystem.of}), closed-form curves + measured times ({@code RfDynamics.run}), an isolated dsyevd of the
 * pooled U, the spectrum solve (400 lambda points), speciation closed form and with the backward simulation. "U/V equal-work" repeats
 * features + U/V with K = 40 nodes and n_c population points per class, i.e. the same work as ReferencePoint's
 * features + quadrature + gram stages, for a like-for-like comparison.
 */
public final class ProductionStages {
    /** Stage names in run order. */
    public static final List<String> STAGES = List.of("features+U/V", "score+eigen", "curves+times", "eigen(pooled U)",
            "spectrum(400)", "speciation(cf)", "speciation(sim)", "U/V equal-work");

    private final PointParams params;
    private final LinAlg la;
    private final EigenWorkspace ws = new EigenWorkspace();
    /** Seconds of each stage in the last run ({@link Clock}); NaN when skipped. */
    public final double[] seconds = new double[STAGES.size()];
    /** Extra facts of the last run, for the table header. */
    public String note = "";

    public ProductionStages(int d, double psiP, double psiN, LinAlg la) {
        this.params = PointParams.of(d, psiP, psiN, 0.01, 7L, List.of(
                new ClassSpec("A", 0.5, 1.0, 0.0, 1.0), new ClassSpec("B", 0.5, 1.0, 180.0, 0.5)));
        this.la = la;
    }

    public PointParams params() { return params; }

    /** One run of every stage; {@code simulate} includes the backward-SDE speciation measurement. */
    public void run(String key, boolean simulate) {
        RandomStreams rs = RandomStreams.forKey(key);
        long t0 = Clock.nanos();
        NoiseAveragedMatrices m = NoiseAveragedMatrices.compute(params, rs, FeatureSettings.DEFAULT, la);
        long t1 = Clock.nanos();
        RfSystem sys = RfSystem.of(m, rs.stream("scoreNoise"), la);
        long t2 = Clock.nanos();
        DynamicsResult dr = RfDynamics.run(sys, params, la);
        long t3 = Clock.nanos();
        double[] u = m.pooledTrainU();
        int p = m.p();
        double[] w = new double[p];
        long t4 = Clock.nanos();
        la.symmetricEigen(p, u, w, ws);
        long t5 = Clock.nanos();
        SpectrumResult sr = SpectrumSolver.solve(params);
        long t6 = Clock.nanos();
        Speciation.closedForm(params);
        long t7 = Clock.nanos();
        if (simulate) Speciation.analyse(params, rs, SpeciationOptions.DEFAULT);
        long t8 = Clock.nanos();
        // the same work as ReferencePoint's features + quadrature + gram: K = 40 nodes, n_c population points per class
        FeatureSettings equal = new FeatureSettings(params.classSize(0), 40, FeatureSettings.DEFAULT.activation());
        long t9 = Clock.nanos();
        NoiseAveragedMatrices.compute(params, rs, equal, la).pooledTrainU();
        long t10 = Clock.nanos();
        seconds[0] = (t1 - t0) * 1e-9;
        seconds[1] = (t2 - t1) * 1e-9;
        seconds[2] = (t3 - t2) * 1e-9;
        seconds[3] = (t5 - t4) * 1e-9;
        seconds[4] = (t6 - t5) * 1e-9;
        seconds[5] = (t7 - t6) * 1e-9;
        seconds[6] = simulate ? (t8 - t7) * 1e-9 : Double.NaN;
        seconds[7] = (t10 - t9) * 1e-9;
        note = String.format(Locale.ROOT, "population %d/class, %d tau; spectrum: %d solves, %d failures, mass %.4f, %d bulks",
                m.populationSize(), dr.curves().tau().length, sr.solves(), sr.failures(), sr.totalMass(), sr.bulks().size());
    }

    /** Stage samples over repeats: [stage][repeat]. */
    public static double[][] sample(ProductionStages ps, int repeats, boolean simulate) {
        ps.run("prod-warmup", simulate);
        double[][] s = new double[STAGES.size()][repeats];
        for (int r = 0; r < repeats; r++) {
            ps.run("prod-" + r, simulate);
            for (int k = 0; k < STAGES.size(); k++) s[k][r] = ps.seconds[k];
        }
        return s;
    }

    static List<String> stages() { return new ArrayList<>(STAGES); }
}
