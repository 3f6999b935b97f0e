package org.diffsweep.jobs.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.diffsweep.core.dynamics.Curves;
import org.diffsweep.core.dynamics.RfSystem;
import org.diffsweep.core.evaluator.ClassField;
import org.diffsweep.core.evaluator.ClassResult;
import org.diffsweep.core.evaluator.StandardEvaluator;
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
import org.diffsweep.core.spectrum.SpectrumSolver;
import org.diffsweep.jobs.json.Json;
import org.diffsweep.jobs.ledger.LedgerTable;
import org.diffsweep.jobs.ledger.MixtureModel;
import org.diffsweep.jobs.ledger.MixtureTable;

/**
 * The reports of {@code point}, {@code spectrum} and {@code speciation}: the science engines of {@code core} run on
 * one point with the sweep's evaluator name and version (hence the same pointId and random streams as in a sweep).
 * Every report starts with the point's identity ({@code pointId}, {@code evaluator}, {@code params}, {@code p},
 * {@code n}, {@code classes[].name / weight / nTrain}); a quantity that was not computed is absent, never zero.
 */
final class PointReports {
    private static final MixtureModel MODEL = new MixtureModel();

    private PointReports() {}

    /**
     * {@code diffsweep point}: status and every per-class field; with {@code curves}, the simulated and the asymptotic
     * curves over the tau grid; in {@code mode} THEORY_ONLY only the asymptotic side and closed-form speciation.
     */
    static Report point(PointParams p, boolean curves, StandardEvaluator.Mode mode) {
        MixtureModel model = new MixtureModel(mode);
        LinkedHashMap<String, Object> m = identity(p, model);
        StandardEvaluator.Detailed det = new StandardEvaluator(mode).evaluateDetailed(p, model.pointId(p));
        m.putAll(Json.object(LedgerTable.STATUS.name(), det.result().status().name(), LedgerTable.DIAGNOSTIC.name(),
                det.result().diagnostic().isEmpty() ? null : det.result().diagnostic(), MixtureTable.GLOBAL_TS.name(), det.result().globalTS()));
        List<Map<String, Object>> classes = classEntries(m);
        for (int c = 0; c < classes.size(); c++) {
            ClassResult r = det.result().classes().get(c);
            for (ClassField f : ClassField.values()) classes.get(c).put(f.column(), r.get(f));
        }
        m.putAll(Json.object("stageSeconds", det.result().stageSeconds(), "linAlg", LinAlg.best().name()));
        if (curves && det.dynamics() != null) m.put("curves", curves(det.dynamics().curves()));
        if (curves && det.asymptoticCurves() != null) m.put("curvesAsym", curves(det.asymptoticCurves().toCurves()));
        return new Report(m, List.of());
    }

    /** {@code diffsweep spectrum}: the class-resolved spectrum of U; with {@code empirical}, also a sampled U. */
    static Report spectrum(PointParams p, boolean empirical) {
        LinkedHashMap<String, Object> m = identity(p);
        SpectrumResult s = SpectrumSolver.solve(p);
        m.putAll(Json.object("deltaMass", s.deltaMass(), "deltaLocation", s.deltaLocation(), "totalMass", s.totalMass(), "bulks",
                s.bulks().stream().map(b -> Json.object("lo", b.lo(), "hi", b.hi(), "mass", b.mass(), "kind",
                        b.kind().name().toLowerCase(Locale.ROOT))).toList()));
        List<Map<String, Object>> classes = classEntries(m);
        for (int c = 0; c < classes.size() && c < s.classes().size(); c++) {
            ClassSpectrum cs = s.classes().get(c);
            Map<String, Object> e = classes.get(c);
            // the asymptotic predictions: the same quantities as the ledger's, under the same names
            e.putAll(Json.object(ClassField.MEM_EDGE_LO.column(), finite(cs.memEdgeLo()), ClassField.MEM_EDGE_HI.column(), finite(cs.memEdgeHi()),
                    ClassField.TAU_MEM_EDGE.column(), finite(cs.tauMemEdge()), ClassField.TAU_GEN_EDGE.column(), finite(cs.tauGenEdge()),
                    "tauMemEdgeAll", finite(cs.tauMemEdgeAll()), "tauMemEdgeCw", finite(cs.tauMemEdgeCw()), "tauGenEdgeCw",
                    finite(cs.tauGenEdgeCw()), "cwMerged", cs.cwMerged(), "memEdgeLoAsymptotic", finite(cs.memEdgeLoAsym()),
                    "memEdgeHiAsymptotic", finite(cs.memEdgeHiAsym())));
        }
        m.putAll(Json.object("solverFailures", s.failures(), "cpuSeconds", s.cpuNanos() / 1e9, "density", s.densityPairs()));
        if (empirical) m.put("empirical", empirical(p, MODEL.pointId(p)));
        return new Report(m, List.of());
    }

    private static Map<String, Object> empirical(PointParams p, String pointId) {
        LinAlg la = LinAlg.best();
        RfSystem sys = RfSystem.build(p, RandomStreams.forKey(pointId), FeatureSettings.DEFAULT, la);
        ClassResolvedSpectrum crs = ClassResolvedSpectrum.of(sys.moments(), sys.eigenvalues(), sys.eigenvectors(), la);
        List<Object> ec = new ArrayList<>();
        for (int c = 0; c < p.numClasses(); c++) {
            ClassResolvedSpectrum.SampledClassSpectrum ct = crs.classes().get(c);
            // the sampled-U (w, cw) predictions: the ledger's fields of the same names
            ec.add(Json.object("name", p.classes().get(c).name(), "weights", crs.weights(c), "memEdgeLoSampled", finite(ct.memEdgeLo()),
                    "memEdgeHiSampled", finite(ct.memEdgeHi()), ClassField.TAU_MEM_SPEC_W.column(), finite(ct.tauMemSpecW()),
                    ClassField.TAU_GEN_SPEC_W.column(), finite(ct.tauGenSpecW()), "tauMemSpecWAll", finite(ct.tauMemSpecWAll()),
                    ClassField.TAU_MEM_SPEC_CW.column(), finite(ct.tauMemSpecCw()), ClassField.TAU_GEN_SPEC_CW.column(),
                    finite(ct.tauGenSpecCw()), "cwMerged", ct.cwMerged()));
        }
        return Json.object("eigenvalues", crs.eigenvalues(), "classes", ec);
    }

    /** {@code diffsweep speciation}: global and per-class speciation (and collapse) times. */
    static Report speciation(PointParams p) {
        LinkedHashMap<String, Object> m = identity(p);
        SpeciationResult s = Speciation.analyse(p, RandomStreams.forKey(MODEL.pointId(p)), SpeciationOptions.DEFAULT);
        m.putAll(Json.object(MixtureTable.GLOBAL_TS.name(), s.tS(), "lambda", s.lambda(), "tSExactSnr", s.tSExactSnr(), "kappa", s.kappa()));
        List<Map<String, Object>> classes = classEntries(m);
        for (int c = 0; c < classes.size(); c++) {
            ClassSpeciation cs = s.classes().get(c);
            Map<String, Object> e = classes.get(c);
            e.putAll(Json.object(ClassField.T_S.column(), cs.tS(), "method", cs.method().name(), ClassField.T_S_MEASURED.column(),
                    cs.tSMeasured(), ClassField.PRE_COMMITTED.column(), cs.preCommitted(), ClassField.T_C.column(), cs.tC(), "finalFraction",
                    cs.finalFraction()));
        }
        m.putAll(Json.object("closedFormSeconds", s.closedFormNanos() / 1e9, "simulationSeconds", s.simulationNanos() / 1e9));
        return new Report(m, List.of());
    }

    /**
     * The part of every point report that needs no science engine, in this order: {@code pointId},
     * {@code evaluator {name, version}}, {@code params} (the point as parsed, defaults filled in), {@code p},
     * {@code n}, and {@code classes[]} with {@code name}, {@code weight} and {@code nTrain} (n_c, theory §12.3).
     */
    static LinkedHashMap<String, Object> identity(PointParams p) { return identity(p, MODEL); }

    private static LinkedHashMap<String, Object> identity(PointParams p, MixtureModel model) {
        List<Object> classes = new ArrayList<>();
        for (ClassSpec c : p.classes()) {
            classes.add(Json.object("name", c.name(), MixtureTable.WEIGHT.name(), c.weight(), MixtureTable.N_TRAIN.name(), p.classSize(c)));
        }
        return Json.object(LedgerTable.POINT_ID.name(), model.pointId(p), LedgerTable.EVALUATOR.name(), Json.object("name",
                model.evaluatorName(), "version", model.evaluatorVersion()), "params", MixtureModel.tree(p), MixtureTable.P.name(), p.p(),
                MixtureTable.N.name(), p.n(), "classes", classes);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> classEntries(Map<String, Object> m) {
        return (List<Map<String, Object>>) m.get("classes");
    }

    private static Map<String, Object> curves(Curves cv) {
        List<Object> cl = new ArrayList<>();
        for (int c = 0; c < cv.classNames().size(); c++) {
            cl.add(Json.object("name", cv.classNames().get(c), "trainLoss", cv.trainLoss()[c], "testLoss", cv.testLoss()[c], "genLoss",
                    cv.genLoss()[c], "scoreError", cv.scoreError()[c]));
        }
        return Json.object("tau", cv.tau(), "classes", cl);
    }

    private static Double finite(double v) { return Double.isFinite(v) ? v : null; }
}
