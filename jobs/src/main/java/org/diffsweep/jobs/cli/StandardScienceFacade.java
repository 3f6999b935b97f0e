package org.diffsweep.jobs.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diffsweep.core.dynamics.Curves;
import org.diffsweep.core.dynamics.RfSystem;
import org.diffsweep.core.features.FeatureSettings;
import org.diffsweep.core.linalg.LinAlg;
import org.diffsweep.core.point.ClassResult;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.point.StandardEvaluator;
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

/**
 * The science engines of {@code core} behind the {@code point}, {@code spectrum} and {@code speciation} commands,
 * with the same evaluator name and version (hence the same pointIds and random streams) as a sweep.
 */
public final class StandardScienceFacade implements ScienceFacade {
    private final StandardEvaluator evaluator = new StandardEvaluator();

    @Override public String evaluatorName() { return StandardEvaluator.NAME; }

    @Override public String evaluatorVersion() { return StandardEvaluator.VERSION; }

    @Override
    public Report point(PointParams p, boolean curves) {
        LinkedHashMap<String, Object> m = Reports.echo(p, evaluatorName(), evaluatorVersion());
        String pointId = (String) m.get("pointId");
        StandardEvaluator.Detailed det = evaluator.evaluateDetailed(p, pointId);
        m.put("status", det.result().status().name());
        m.put("diagnostic", det.result().diagnostic().isEmpty() ? null : det.result().diagnostic());
        m.put("tS", det.result().globalTS());
        List<Map<String, Object>> classes = classEntries(m);
        for (int c = 0; c < classes.size(); c++) {
            ClassResult r = det.result().classes().get(c);
            Map<String, Object> e = classes.get(c);
            e.put("tauGen", r.tauGen());
            e.put("tauMem", r.tauMem());
            e.put("window", r.window());
            e.put("ambiguous", r.ambiguous());
            e.put("tauGenPred", r.tauGenPred());
            e.put("tauMemPred", r.tauMemPred());
            e.put("tauGenPredCw", r.tauGenPredCw());
            e.put("tauMemPredCw", r.tauMemPredCw());
            e.put("tauGenTheory", r.tauGenTheory());
            e.put("tauMemTheory", r.tauMemTheory());
            e.put("memEdgeLo", r.memEdgeLo());
            e.put("memEdgeHi", r.memEdgeHi());
            e.put("tS", r.tS());
            e.put("tSMeasured", r.tSMeasured());
            e.put("preCommitted", r.preCommitted());
            e.put("tC", r.tC());
        }
        m.put("stageSeconds", det.result().stageSeconds());
        m.put("linAlg", LinAlg.best().name());
        if (curves && det.dynamics() != null) m.put("curves", curvesMap(det.dynamics().curves()));
        return new Report(m, List.of());
    }

    @Override
    public Report spectrum(PointParams p, boolean empirical) {
        LinkedHashMap<String, Object> m = Reports.echo(p, evaluatorName(), evaluatorVersion());
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
            bm.put("kind", b.kind().name().toLowerCase(java.util.Locale.ROOT));
            bulks.add(bm);
        }
        m.put("bulks", bulks);
        List<Map<String, Object>> classes = classEntries(m);
        for (int c = 0; c < classes.size() && c < s.classes().size(); c++) {
            ClassSpectrum cs = s.classes().get(c);
            Map<String, Object> e = classes.get(c);
            e.put("memEdgeLo", finite(cs.memEdgeLo()));
            e.put("memEdgeHi", finite(cs.memEdgeHi()));
            e.put("tauMemPred", finite(cs.tauMemPred()));
            e.put("tauGenPred", finite(cs.tauGenPred()));
            e.put("tauMemPredAll", finite(cs.tauMemPredAll()));
            e.put("tauMemPredCw", finite(cs.tauMemPredCw()));
            e.put("tauGenPredCw", finite(cs.tauGenPredCw()));
            e.put("cwMerged", cs.cwMerged());
            e.put("memEdgeLoAsymptotic", finite(cs.memEdgeLoAsym()));
            e.put("memEdgeHiAsymptotic", finite(cs.memEdgeHiAsym()));
        }
        m.put("solverFailures", s.failures());
        m.put("cpuSeconds", s.cpuNanos() / 1e9);
        m.put("density", s.densityPairs());
        if (empirical) {
            LinAlg la = LinAlg.best();
            RfSystem sys = RfSystem.build(p, RandomStreams.forKey((String) m.get("pointId")), FeatureSettings.DEFAULT, la);
            ClassResolvedSpectrum crs = ClassResolvedSpectrum.of(sys.moments(), sys.eigenvalues(), sys.eigenvectors(), la);
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("eigenvalues", crs.eigenvalues());
            List<Object> ec = new ArrayList<>();
            for (int c = 0; c < p.numClasses(); c++) {
                ClassResolvedSpectrum.ClassTimes ct = crs.classes().get(c);
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("name", p.classes().get(c).name());
                e.put("weights", crs.weights(c));
                e.put("memEdgeLo", finite(ct.memEdgeLo()));
                e.put("memEdgeHi", finite(ct.memEdgeHi()));
                e.put("tauMemPred", finite(ct.tauMemPred()));
                e.put("tauGenPred", finite(ct.tauGenPred()));
                e.put("tauMemPredAll", finite(ct.tauMemPredAll()));
                e.put("tauMemPredCw", finite(ct.tauMemPredCw()));
                e.put("tauGenPredCw", finite(ct.tauGenPredCw()));
                e.put("cwMerged", ct.cwMerged());
                ec.add(e);
            }
            em.put("classes", ec);
            m.put("empirical", em);
        }
        return new Report(m, List.of());
    }

    @Override
    public Report speciation(PointParams p) {
        LinkedHashMap<String, Object> m = Reports.echo(p, evaluatorName(), evaluatorVersion());
        SpeciationResult s = Speciation.analyse(p, RandomStreams.forKey((String) m.get("pointId")), SpeciationOptions.DEFAULT);
        m.put("tS", s.tS());
        m.put("lambda", s.lambda());
        m.put("tSExactSnr", s.tSExactSnr());
        m.put("kappa", s.kappa());
        List<Map<String, Object>> classes = classEntries(m);
        for (int c = 0; c < classes.size(); c++) {
            ClassSpeciation cs = s.classes().get(c);
            Map<String, Object> e = classes.get(c);
            e.put("tS", cs.tS());
            e.put("method", cs.method().name());
            e.put("tSMeasured", cs.tSMeasured());
            e.put("preCommitted", cs.preCommitted());
            e.put("tC", cs.tC());
            e.put("finalFraction", cs.finalFraction());
        }
        m.put("closedFormSeconds", s.closedFormNanos() / 1e9);
        m.put("simulationSeconds", s.simulationNanos() / 1e9);
        return new Report(m, List.of());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> classEntries(Map<String, Object> m) {
        return (List<Map<String, Object>>) m.get("classes");
    }

    private static Map<String, Object> curvesMap(Curves cv) {
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
