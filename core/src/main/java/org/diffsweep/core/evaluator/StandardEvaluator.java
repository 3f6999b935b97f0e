package org.diffsweep.core.evaluator;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diffsweep.core.dynamics.DynamicsResult;
import org.diffsweep.core.dynamics.MeasuredClassTimes;
import org.diffsweep.core.dynamics.RfDynamics;
import org.diffsweep.core.dynamics.RfSystem;
import org.diffsweep.core.features.FeatureSettings;
import org.diffsweep.core.linalg.LinAlg;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.random.RandomStreams;
import org.diffsweep.core.speciation.ClassSpeciation;
import org.diffsweep.core.speciation.Speciation;
import org.diffsweep.core.speciation.SpeciationOptions;
import org.diffsweep.core.speciation.SpeciationResult;
import org.diffsweep.core.spectrum.ClassResolvedSpectrum;
import org.diffsweep.core.spectrum.ClassSpectrum;
import org.diffsweep.core.spectrum.SpectrumResult;
import org.diffsweep.core.theory.AsymptoticCurves;
import org.diffsweep.core.theory.AsymptoticPoint;
import org.diffsweep.core.theory.ClassCurves;

/**
 * The evaluator of every sweep point: for one {@link PointParams} it runs, with all random streams derived from
 * the pointId (theory §12.10),
 * <ol>
 *   <li>the finite-size random-features system — exact-noise U, V per class, one eigendecomposition of the pooled
 *       U — and its closed-form training dynamics, giving the measured per-class times (§12.6);</li>
 *   <li>the class-resolved spectrum of that sampled U, definitions (w) and (cw) (§5.3(3), §12.7);</li>
 *   <li>the asymptotic side, no sampling ({@link AsymptoticPoint}): the reduced saddle point's spectrum (§5.4) with
 *       its per-class edge times, and the asymptotic per-class learning curves with the times read off them exactly
 *       like the measured ones (docs/theory-curves.md);</li>
 *   <li>speciation: closed form / bisection and backward-diffusion measurement (§6.2, §12.9).</li>
 * </ol>
 * In {@link Mode#THEORY_ONLY} only the asymptotic side and the closed-form speciation times run (no random draw):
 * about 10 two-class points per core-second, for maps far larger than simulation can afford. Its results differ, so
 * it has its own evaluator name and pointIds.
 * A stage that fails numerically (non-convergence, NaN) leaves its fields null and turns the status to
 * {@link PointStatus#PARTIAL} with a diagnostic; other exceptions are bugs and propagate.
 */
public final class StandardEvaluator implements Evaluator<PointParams, PointResult> {
    /** What an evaluation computes. */
    public enum Mode {
        /** Simulation and theory: every field. */
        FULL("rf-gmm"),
        /** Asymptotic theory and closed-form speciation only: the measured and sampled-spectrum fields stay null. */
        THEORY_ONLY("rf-gmm-theory");

        private final String evaluatorName;

        Mode(String evaluatorName) { this.evaluatorName = evaluatorName; }

        /** The evaluator name of this mode (part of every pointId). */
        public String evaluatorName() { return evaluatorName; }
    }

    /** Evaluator name of the full mode, part of every pointId. */
    public static final String NAME = Mode.FULL.evaluatorName();
    /**
     * Bumped on any change to a computed value (docs/architecture.md). 2: class-conditioned speciation measurement on
     * the reduced backward process with its interval, exact median, faster spectrum solver (issue 14). 3: asymptotic
     * learning curves and their times, one name per quantity (issue 15). 4: the per-class curves of the
     * simulation and the theory stored with every point ({@link PointCurves}, issue 16).
     */
    public static final String VERSION = "4";

    private final SpeciationOptions speciationOptions;
    private final Mode mode;

    /** Full mode with the default speciation measurement (class-conditioned to a 95 % half-width of 0.01, a 500-trajectory check run). */
    public StandardEvaluator() { this(SpeciationOptions.DEFAULT, Mode.FULL); }

    public StandardEvaluator(Mode mode) { this(SpeciationOptions.DEFAULT, mode); }

    public StandardEvaluator(SpeciationOptions speciationOptions) { this(speciationOptions, Mode.FULL); }

    public StandardEvaluator(SpeciationOptions speciationOptions, Mode mode) {
        this.speciationOptions = speciationOptions;
        this.mode = mode;
    }

    @Override public String name() { return mode.evaluatorName(); }

    @Override public String version() { return VERSION; }

    @Override
    public PointResult evaluate(PointParams params, String pointId) { return evaluateDetailed(params, pointId).result(); }

    /**
     * Everything computed for one point: the flat result plus each stage's full output (null when the stage
     * failed), for commands that print curves or densities.
     */
    public record Detailed(PointResult result, DynamicsResult dynamics, ClassResolvedSpectrum sampledSpectrum,
                           SpectrumResult spectrum, AsymptoticCurves asymptoticCurves, SpeciationResult speciation) {}

    /** Runs every stage; see the class comment. */
    public Detailed evaluateDetailed(PointParams params, String pointId) {
        RandomStreams streams = RandomStreams.forKey(pointId);
        LinAlg la = LinAlg.best();
        Map<String, Double> seconds = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();

        DynamicsResult dyn = null;
        ClassResolvedSpectrum sampled = null;
        long t0 = System.nanoTime();
        if (mode == Mode.FULL) try {
            RfSystem sys = RfSystem.build(params, streams, FeatureSettings.DEFAULT, la);
            dyn = RfDynamics.run(sys, params, la);
            seconds.put("features", dyn.timings().featuresMs() / 1e3);
            seconds.put("eigen", dyn.timings().eigenMs() / 1e3);
            seconds.put("projections", dyn.timings().projectionMs() / 1e3);
            seconds.put("curves", dyn.timings().curvesMs() / 1e3);
            long s0 = System.nanoTime();
            sampled = ClassResolvedSpectrum.of(sys.moments(), sys.eigenvalues(), sys.eigenvectors(), la);
            seconds.put("sampledSpectrum", (System.nanoTime() - s0) / 1e9);
        } catch (ArithmeticException e) {
            problems.add("dynamics: " + e.getMessage());
            seconds.put("dynamics", (System.nanoTime() - t0) / 1e9);
        }

        SpectrumResult spec = null;
        AsymptoticCurves asym = null;
        long s1 = System.nanoTime();
        try {
            AsymptoticPoint ap = AsymptoticPoint.of(params);
            spec = ap.spectrum();
            asym = ap.curves();
            if (spec.failures() > 0) problems.add("spectrum: " + spec.failures() + " lambda points did not converge");
            seconds.put("asymptoticCurves", asym.diagnostics().cpuNanos() / 1e9);
        } catch (ArithmeticException e) {
            problems.add("asymptotic theory: " + e.getMessage());
        }
        seconds.put("spectrum", (System.nanoTime() - s1) / 1e9 - seconds.getOrDefault("asymptoticCurves", 0.0));

        SpeciationResult sp = null;
        long s2 = System.nanoTime();
        try {
            sp = mode == Mode.FULL ? Speciation.analyse(params, streams, speciationOptions) : Speciation.closedForm(params);
        } catch (ArithmeticException e) {
            problems.add("speciation: " + e.getMessage());
        }
        seconds.put("speciation", (System.nanoTime() - s2) / 1e9);

        List<ClassResult> classes = new ArrayList<>();
        for (int c = 0; c < params.numClasses(); c++) {
            classes.add(classResult(params, c, dyn, sampled, spec, asym, sp));
        }
        PointStatus status = problems.isEmpty() ? PointStatus.OK
                : (dyn == null && spec == null && asym == null && sp == null ? PointStatus.FAILED : PointStatus.PARTIAL);
        PointCurves curves = dyn == null && asym == null ? null
                : PointCurves.sample(params.tauGrid().values(), dyn == null ? null : dyn.curves(), asym, params.numClasses());
        PointResult result = new PointResult(status, String.join("; ", problems), sp == null ? null : finite(sp.tS()),
                classes, seconds, curves);
        return new Detailed(result, dyn, sampled, spec, asym, sp);
    }

    private static ClassResult classResult(PointParams params, int c, DynamicsResult dyn, ClassResolvedSpectrum sampled,
                                           SpectrumResult spec, AsymptoticCurves asym, SpeciationResult sp) {
        ClassSpec cs = params.classes().get(c);
        MeasuredClassTimes ct = dyn == null ? null : dyn.classes().get(c);
        ClassResolvedSpectrum.SampledClassSpectrum w = sampled == null ? null : sampled.classes().get(c);
        ClassSpectrum th = spec == null || spec.classes().isEmpty() ? null : spec.classes().get(c);
        ClassSpeciation cspec = sp == null ? null : sp.classes().get(c);
        Map<ClassField, Object> f = new EnumMap<>(ClassField.class);
        if (ct != null) {
            f.put(ClassField.TAU_GEN, ct.tauGen());
            f.put(ClassField.TAU_MEM, ct.tauMem());
            f.put(ClassField.WINDOW, ct.window());
        }
        f.put(ClassField.AMBIGUOUS, ct == null ? null : ct.ambiguous());
        if (asym != null) {
            ClassCurves cc = asym.classes().get(c);
            f.put(ClassField.TAU_GEN_ASYM, cc.tauGenAsym());
            f.put(ClassField.TAU_MEM_ASYM, cc.tauMemAsym());
        }
        if (w != null) {
            f.put(ClassField.TAU_GEN_SPEC_W, finite(w.tauGenPred()));
            f.put(ClassField.TAU_MEM_SPEC_W, finite(w.tauMemPred()));
            f.put(ClassField.TAU_GEN_SPEC_CW, finite(w.tauGenPredCw()));
            f.put(ClassField.TAU_MEM_SPEC_CW, finite(w.tauMemPredCw()));
        }
        if (th != null) {
            f.put(ClassField.MEM_EDGE_LO, finite(th.memEdgeLo()));
            f.put(ClassField.MEM_EDGE_HI, finite(th.memEdgeHi()));
            f.put(ClassField.TAU_GEN_EDGE, finite(th.tauGenPred()));
            f.put(ClassField.TAU_MEM_EDGE, finite(th.tauMemPred()));
        }
        if (cspec != null) {
            f.put(ClassField.T_S, cspec.tS());
            f.put(ClassField.T_S_EXACT_MEDIAN, cspec.tSExactMedian());
            f.put(ClassField.T_S_MEASURED, cspec.tSMeasured());
            f.put(ClassField.T_S_MEASURED_CI_LO, cspec.tSMeasuredCiLo());
            f.put(ClassField.T_S_MEASURED_CI_HI, cspec.tSMeasuredCiHi());
            f.put(ClassField.T_S_TRAJECTORIES, cspec.effectiveTrajectories());
            f.put(ClassField.T_S_STATUS, cspec.measurementStatus() == null ? null : cspec.measurementStatus().name());
            f.put(ClassField.T_S_SCHEME, cspec.scheme() == null ? null : cspec.scheme().name());
            f.put(ClassField.PRE_COMMITTED, cspec.preCommitted());
            f.put(ClassField.T_C, cspec.tC());
        }
        return ClassResult.of(cs.name(), cs.weight(), params.classSize(c), f);
    }

    /** NaN and infinities become null: a quantity that does not exist is absent, never made up. */
    static Double finite(double v) { return Double.isFinite(v) ? v : null; }
}
