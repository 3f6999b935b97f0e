package org.diffsweep.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.diffsweep.core.features.FeatureSettings;
import org.diffsweep.core.features.NoiseAveragedMatrices;
import org.diffsweep.core.linalg.EigenWorkspace;
import org.diffsweep.core.linalg.LinAlg;
import org.diffsweep.core.mixture.ClassSpec;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.random.RandomStreams;
import org.diffsweep.core.speciation.Speciation;
import org.diffsweep.core.speciation.SpeciationOptions;
import org.diffsweep.core.spectrum.SpectrumResult;
import org.diffsweep.core.spectrum.SpectrumSolver;

/**
 * Times the production per-point stages of {@code core} (features + noise-averaged U/V, eigendecomposition,
 * spectrum solve, speciation) on the same two-class point as {@link ReferencePoint}. "U/V equal-work" repeats
 * features + U/V with K = 40 nodes and n_c population points per class, i.e. the same work as ReferencePoint's
 * features + quadrature + gram stages, for a like-for-like comparison.
 */
public final class ProductionStages {
    /** Stage names in run order. */
    public static final List<String> STAGES = List.of("features+U/V", "eigen", "spectrum(400)", "speciation(cf)",
            "speciation(sim)", "U/V equal-work");

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
        double[] u = m.pooledTrainU();
        long t1 = Clock.nanos();
        int p = m.p();
        double[] w = new double[p];
        la.symmetricEigen(p, u, w, ws);
        long t2 = Clock.nanos();
        SpectrumResult sr = SpectrumSolver.solve(params);
        long t3 = Clock.nanos();
        Speciation.closedForm(params);
        long t4 = Clock.nanos();
        if (simulate) Speciation.analyse(params, rs, SpeciationOptions.DEFAULT);
        long t5 = Clock.nanos();
        seconds[0] = (t1 - t0) * 1e-9;
        seconds[1] = (t2 - t1) * 1e-9;
        seconds[2] = (t3 - t2) * 1e-9;
        seconds[3] = (t4 - t3) * 1e-9;
        seconds[4] = simulate ? (t5 - t4) * 1e-9 : Double.NaN;
        // the same work as ReferencePoint's features + quadrature + gram: K = 40 nodes, n_c population points per class
        FeatureSettings equal = new FeatureSettings(params.classSize(0), 40, FeatureSettings.DEFAULT.activation());
        long t6 = Clock.nanos();
        NoiseAveragedMatrices.compute(params, rs, equal, la).pooledTrainU();
        seconds[5] = (Clock.nanos() - t6) * 1e-9;
        note = String.format(Locale.ROOT, "population %d/class, spectrum: %d solves, %d failures, mass %.4f, %d bulks",
                m.populationSize(), sr.solves(), sr.failures(), sr.totalMass(), sr.bulks().size());
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
