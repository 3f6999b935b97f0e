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
import org.diffsweep.core.spectrum.Bulk;
import org.diffsweep.core.spectrum.ClassResolvedSpectrum;
import org.diffsweep.core.spectrum.ClassSpectrum;
import org.diffsweep.core.spectrum.SpectrumResult;
import org.diffsweep.core.spectrum.SpectrumSolver;
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
        m.put(LedgerTable.STATUS.name(), det.result().status().name());
        m.put(LedgerTable.DIAGNOSTIC.name(), det.result().diagnostic().isEmpty() ? null : det.result().diagnostic());
        m.put(MixtureTable.GLOBAL_TS.name(), det.result().globalTS());
        List<Map<String, Object>> classes = classEntries(m);
        for (int c = 0; c < classes.size(); c++) {
            ClassResult r = det.result().classes().get(c);
            for (ClassField f : ClassField.values()) classes.get(c).put(f.column(), r.get(f));
        }
        m.put("stageSeconds", det.result().stageSeconds());
        m.put("linAlg", LinAlg.best().name());
        if (curves && det.dynamics() != null) m.put("curves", curves(det.dynamics().curves()));
        if (curves && det.asymptoticCurves() != null) m.put("curvesAsym", curves(det.asymptoticCurves().toCurves()));
        return new Report(m, List.of());
    }

    /** {@code diffsweep spectrum}: the class-resolved spectrum of U; with {@code empirical}, also a sampled U. */
    static Report spectrum(PointParams p, boolean empirical) {
        LinkedHashMap<String, Object> m = identity(p);
        SpectrumResult s = SpectrumSolver.solve(p);
        m.put("deltaMass", s.deltaMass());
        m.put("deltaLocation", s.deltaLocation());
        m.put("totalMass", s.totalMass());
        List<Object> bulks = new ArrayList<>();
        for (Bulk b : s.bulks()) {
            Map<String, Object> bm = new LinkedHashMap<>();
            bm.put("lo", b.lo());
            bm.put("hi", b.hi());
            bm.put("mass", b.mass());
            bm.put("kind", b.kind().name().toLowerCase(Locale.ROOT));
            bulks.add(bm);
        }
        m.put("bulks", bulks);
        List<Map<String, Object>> classes = classEntries(m);
        for (int c = 0; c < classes.size() && c < s.classes().size(); c++) {
            ClassSpectrum cs = s.classes().get(c);
            Map<String, Object> e = classes.get(c);
            // the asymptotic predictions: the same quantities as the ledger's, under the same names
            e.put(ClassField.MEM_EDGE_LO.column(), finite(cs.memEdgeLo()));
            e.put(ClassField.MEM_EDGE_HI.column(), finite(cs.memEdgeHi()));
            e.put(ClassField.TAU_MEM_EDGE.column(), finite(cs.tauMemEdge()));
            e.put(ClassField.TAU_GEN_EDGE.column(), finite(cs.tauGenEdge()));
            e.put("tauMemEdgeAll", finite(cs.tauMemEdgeAll()));
            e.put("tauMemEdgeCw", finite(cs.tauMemEdgeCw()));
            e.put("tauGenEdgeCw", finite(cs.tauGenEdgeCw()));
            e.put("cwMerged", cs.cwMerged());
            e.put("memEdgeLoAsymptotic", finite(cs.memEdgeLoAsym()));
            e.put("memEdgeHiAsymptotic", finite(cs.memEdgeHiAsym()));
        }
        m.put("solverFailures", s.failures());
        m.put("cpuSeconds", s.cpuNanos() / 1e9);
        m.put("density", s.densityPairs());
        if (empirical) m.put("empirical", empirical(p, MODEL.pointId(p)));
        return new Report(m, List.of());
    }

    private static Map<String, Object> empirical(PointParams p, String pointId) {
        LinAlg la = LinAlg.best();
        RfSystem sys = RfSystem.build(p, RandomStreams.forKey(pointId), FeatureSettings.DEFAULT, la);
        ClassResolvedSpectrum crs = ClassResolvedSpectrum.of(sys.moments(), sys.eigenvalues(), sys.eigenvectors(), la);
        Map<String, Object> em = new LinkedHashMap<>();
        em.put("eigenvalues", crs.eigenvalues());
        List<Object> ec = new ArrayList<>();
        for (int c = 0; c < p.numClasses(); c++) {
            ClassResolvedSpectrum.SampledClassSpectrum ct = crs.classes().get(c);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", p.classes().get(c).name());
            e.put("weights", crs.weights(c));
            // the sampled-U (w, cw) predictions: the ledger's fields of the same names
            e.put("memEdgeLoSampled", finite(ct.memEdgeLo()));
            e.put("memEdgeHiSampled", finite(ct.memEdgeHi()));
            e.put(ClassField.TAU_MEM_SPEC_W.column(), finite(ct.tauMemSpecW()));
            e.put(ClassField.TAU_GEN_SPEC_W.column(), finite(ct.tauGenSpecW()));
            e.put("tauMemSpecWAll", finite(ct.tauMemSpecWAll()));
            e.put(ClassField.TAU_MEM_SPEC_CW.column(), finite(ct.tauMemSpecCw()));
            e.put(ClassField.TAU_GEN_SPEC_CW.column(), finite(ct.tauGenSpecCw()));
            e.put("cwMerged", ct.cwMerged());
            ec.add(e);
        }
        em.put("classes", ec);
        return em;
    }

    /** {@code diffsweep speciation}: global and per-class speciation (and collapse) times. */
    static Report speciation(PointParams p) {
        LinkedHashMap<String, Object> m = identity(p);
        SpeciationResult s = Speciation.analyse(p, RandomStreams.forKey(MODEL.pointId(p)), SpeciationOptions.DEFAULT);
        m.put(MixtureTable.GLOBAL_TS.name(), s.tS());
        m.put("lambda", s.lambda());
        m.put("tSExactSnr", s.tSExactSnr());
        m.put("kappa", s.kappa());
        List<Map<String, Object>> classes = classEntries(m);
        for (int c = 0; c < classes.size(); c++) {
            ClassSpeciation cs = s.classes().get(c);
            Map<String, Object> e = classes.get(c);
            e.put(ClassField.T_S.column(), cs.tS());
            e.put("method", cs.method().name());
            e.put(ClassField.T_S_MEASURED.column(), cs.tSMeasured());
            e.put(ClassField.PRE_COMMITTED.column(), cs.preCommitted());
            e.put(ClassField.T_C.column(), cs.tC());
            e.put("finalFraction", cs.finalFraction());
        }
        m.put("closedFormSeconds", s.closedFormNanos() / 1e9);
        m.put("simulationSeconds", s.simulationNanos() / 1e9);
        return new Report(m, List.of());
    }

    /**
     * The part of every point report that needs no science engine, in this order: {@code pointId},
     * {@code evaluator {name, version}}, {@code params} (the point as parsed, defaults filled in), {@code p},
     * {@code n}, and {@code classes[]} with {@code name}, {@code weight} and {@code nTrain} (n_c, theory §12.3).
     */
    static LinkedHashMap<String, Object> identity(PointParams p) { return identity(p, MODEL); }

    private static LinkedHashMap<String, Object> identity(PointParams p, MixtureModel model) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put(LedgerTable.POINT_ID.name(), model.pointId(p));
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("name", model.evaluatorName());
        ev.put("version", model.evaluatorVersion());
        m.put(LedgerTable.EVALUATOR.name(), ev);
        m.put("params", MixtureModel.tree(p));
        m.put(MixtureTable.P.name(), p.p());
        m.put(MixtureTable.N.name(), p.n());
        List<Object> classes = new ArrayList<>();
        for (ClassSpec c : p.classes()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("name", c.name());
            cm.put(MixtureTable.WEIGHT.name(), c.weight());
            cm.put(MixtureTable.N_TRAIN.name(), p.classSize(c));
            classes.add(cm);
        }
        m.put("classes", classes);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> classEntries(Map<String, Object> m) {
        return (List<Map<String, Object>>) m.get("classes");
    }

    private static Map<String, Object> curves(Curves cv) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tau", cv.tau());
        List<Object> cl = new ArrayList<>();
        for (int c = 0; c < cv.classNames().size(); c++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", cv.classNames().get(c));
            e.put("trainLoss", cv.trainLoss()[c]);
            e.put("testLoss", cv.testLoss()[c]);
            e.put("genLoss", cv.genLoss()[c]);
            e.put("scoreError", cv.scoreError()[c]);
            cl.add(e);
        }
        out.put("classes", cl);
        return out;
    }

    private static Double finite(double v) { return Double.isFinite(v) ? v : null; }
}
