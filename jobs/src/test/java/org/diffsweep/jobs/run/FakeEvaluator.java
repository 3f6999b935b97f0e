package org.diffsweep.jobs.run;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.diffsweep.core.evaluator.ClassField;
import org.diffsweep.core.evaluator.ClassResult;
import org.diffsweep.core.evaluator.Evaluator;
import org.diffsweep.core.evaluator.PointResult;
import org.diffsweep.core.evaluator.PointStatus;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.jobs.ledger.MixtureModel;

/**
 * Deterministic fake: tau_gen,c = sigma_c^2 / pi_c, so D_gen = log(R_sigma / R_pi) and the sign changes exactly on
 * R_pi = R_sigma, for every class. tau_mem is never reached (null: censored above the tau grid). A point with sigma_A^2 >= 4 and pi_A/pi_B >= 4 is a numerical
 * failure (status FAILED, no class results). Optionally throws on a task's first attempt for points whose id starts
 * with a hex digit < 6 (about 3/8 of the points), to exercise Spark retries. Evaluations are counted per pointId in
 * a static map (local mode: executors share the test JVM).
 */
public final class FakeEvaluator implements Evaluator<PointParams, PointResult>, Serializable {
    static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    static final AtomicInteger THROWN = new AtomicInteger();
    private final boolean throwOnFirstAttempt;
    private final String tag;

    FakeEvaluator(String tag, boolean throwOnFirstAttempt) {
        this.tag = tag;
        this.throwOnFirstAttempt = throwOnFirstAttempt;
    }

    /** The Gaussian-mixture model evaluated by this fake (evaluator "fake", version "1"). */
    public static MixtureModel model(String tag, boolean throwOnFirstAttempt) {
        return new MixtureModel(() -> new FakeEvaluator(tag, throwOnFirstAttempt), "fake", "1");
    }

    static int calls(String tag, String pointId) {
        AtomicInteger a = CALLS.get(tag + "/" + pointId);
        return a == null ? 0 : a.get();
    }

    static int totalCalls(String tag) {
        int n = 0;
        for (Map.Entry<String, AtomicInteger> e : CALLS.entrySet()) if (e.getKey().startsWith(tag + "/")) n += e.getValue().get();
        return n;
    }

    @Override public String name() { return "fake"; }

    @Override public String version() { return "1"; }

    @Override
    public PointResult evaluate(PointParams p, String pointId) {
        TaskContext tc = TaskContext.get();
        if (throwOnFirstAttempt && tc != null && tc.attemptNumber() == 0 && Character.digit(pointId.charAt(0), 16) < 6) {
            THROWN.incrementAndGet();
            throw new IllegalStateException("injected executor fault for " + pointId);
        }
        CALLS.computeIfAbsent(tag + "/" + pointId, k -> new AtomicInteger()).incrementAndGet();
        ClassSpec a = p.classes().get(0), b = p.classes().get(1);
        if (a.variance() >= 4 && a.weight() / b.weight() >= 4 - 1e-9) {
            return new PointResult(PointStatus.FAILED, "fake non-convergence", null, List.of(), Map.of());
        }
        List<ClassResult> cs = new ArrayList<>();
        for (int c = 0; c < p.numClasses(); c++) {
            ClassSpec s = p.classes().get(c);
            Map<ClassField, Object> f = new EnumMap<>(ClassField.class);
            f.put(ClassField.TAU_GEN, s.variance() / s.weight());
            f.put(ClassField.AMBIGUOUS, false);
            cs.add(ClassResult.of(s.name(), s.weight(), p.classSize(c), f));
        }
        return new PointResult(PointStatus.OK, "", null, cs, Map.of("fake", 0.0));
    }
}
