package org.diffsweep.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.diffsweep.core.point.ClassResult;
import org.diffsweep.core.point.PointEvaluator;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.point.PointResult;
import org.diffsweep.core.point.StandardEvaluator;
import org.diffsweep.jobs.cli.EchoScienceFacade;
import org.diffsweep.jobs.cli.Main;
import org.diffsweep.jobs.grid.PointIds;
import org.diffsweep.jobs.spec.SweepPlan;
import org.diffsweep.jobs.spec.SweepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code diffsweep replay}: bit-identical re-evaluation of a recorded point, through the CLI. */
class ReplayTest {
    @TempDir Path tmp;

    record Cli(int status, String out, String err) {}

    static Cli replay(EvaluatorFactory f, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        List<String> a = new ArrayList<>(List.of("replay"));
        a.addAll(List.of(args));
        int s = Main.execute(new PrintWriter(out), new PrintWriter(err), new EchoScienceFacade(),
                new SparkSweepExecutor(f, PointIds::pointId), a.toArray(new String[0]));
        return new Cli(s, out.toString(), err.toString());
    }

    static String spec(String varianceRatios, int seeds) {
        return "name: r\nbase: {d: 8, psiP: 1, psiN: 2, t: 0.01, seed: 3, classes: [{name: A, weight: 0.5, radius: 1, "
                + "angleDeg: 0, variance: 1}, {name: B, weight: 0.5, radius: 1, angleDeg: 180, variance: 1}]}\naxes:\n"
                + "  - {path: \"classes[0].variance\", values: " + varianceRatios + "}\n"
                + "  - {path: imbalanceRatio, values: [0.25, 1, 4]}\nseeds: " + seeds + "\n";
    }

    static void sweep(Path out, String yaml, EvaluatorFactory f) throws IOException {
        SweepPlan plan = SweepPlan.of(SweepSpec.parse(yaml, "test"), out.toUri().toString());
        SweepRequest req = new SweepRequest(plan.name(), plan.specHash(), plan.canonicalSpec(), plan.grid(),
                plan.outputDir(), f, PointIds::pointId);
        new SweepRunner(TestSpark.get()).run(req, SweepOptions.defaults()); // one wave: fewer Spark jobs
    }

    static List<Row> ledger(Path out) {
        return TestSpark.get().read().parquet(out.resolve("ledger").toString()).collectAsList();
    }

    /** Fake evaluator whose class-0 tauGen is one ulp off: a replay must name exactly the fields this changes. */
    static final class OneUlpOff implements PointEvaluator, java.io.Serializable {
        private final FakeEvaluator inner = new FakeEvaluator("replay-ulp", false);

        @Override public String name() { return inner.name(); }

        @Override public String version() { return inner.version(); }

        @Override public PointResult evaluate(PointParams p, String id) {
            PointResult r = inner.evaluate(p, id);
            if (r.classes().isEmpty()) return r;
            List<ClassResult> cs = new ArrayList<>(r.classes());
            ClassResult c = cs.get(0);
            cs.set(0, new ClassResult(c.name(), c.weight(), c.nTrain(), Math.nextUp(c.tauGen()), c.tauMem(), c.window(),
                    c.ambiguous(), c.tauGenPred(), c.tauMemPred(), c.tauGenPredCw(), c.tauMemPredCw(), c.memEdgeLo(),
                    c.memEdgeHi(), c.tauGenTheory(), c.tauMemTheory(), c.tS(), c.tSMeasured(), c.preCommitted(), c.tC()));
            return new PointResult(r.status(), r.diagnostic(), r.globalTS(), cs, r.stageSeconds());
        }
    }

    @Test
    void identicalDifferentAndUnknown() throws IOException {
        Path out = tmp.resolve("run");
        EvaluatorFactory fake = EvaluatorFactory.of(new FakeEvaluator("replay", false));
        sweep(out, spec("[0.25, 1, 4]", 1), fake);
        List<Row> rows = ledger(out);
        String ok = null, failed = null;
        for (Row r : rows) {
            if ("OK".equals(r.getAs("status")) && ok == null) ok = r.getAs("pointId");
            if ("FAILED".equals(r.getAs("status"))) failed = r.getAs("pointId");
        }
        String dir = out.toString();

        Cli c = replay(fake, ok, "--run", dir);
        assertEquals(0, c.status(), c.out() + c.err());
        assertTrue(c.out().contains("identical: 2 ledger row(s)"), c.out());

        // a numerical failure is a recorded result too: replayed identically (rows rebuilt from the spec)
        Cli f = replay(fake, failed.substring(0, 10), "--run", dir);
        assertEquals(0, f.status(), f.out() + f.err());

        // one ulp in one class's tauGen: exactly that field and the D_gen log-ratio (on both class rows) differ
        Cli d = replay(EvaluatorFactory.of(new OneUlpOff()), ok, "--run", dir);
        assertEquals(1, d.status(), d.out() + d.err());
        Set<String> fields = new TreeSet<>();
        for (String line : d.out().split("\\R")) {
            if (line.startsWith("  class ")) fields.add(line.substring(2, line.indexOf(':')));
        }
        assertEquals(Set.of("class 0 (A) tauGen", "class 0 (A) dGen", "class 1 (B) dGen"), fields, d.out());

        // a different evaluator version cannot reproduce the rows
        PointEvaluator other = new PointEvaluator() {
            @Override public String name() { return "fake"; }

            @Override public String version() { return "2"; }

            @Override public PointResult evaluate(PointParams p, String id) { throw new AssertionError("not called"); }
        };
        assertEquals(1, replay(() -> other, ok, "--run", dir).status());

        Cli u = replay(fake, "f".repeat(64), "--run", dir);
        assertEquals(2, u.status());
        assertTrue(u.err().startsWith("error: no point"), u.err());
        assertEquals(2, replay(fake, "not-hex", "--run", dir).status());
        assertEquals(2, replay(fake, ok, "--run", tmp.resolve("nothing").toString()).status());
    }

    /** An additive change (a new first axis value) renumbers every old point; replay finds it by its coordinates. */
    @Test
    @org.junit.jupiter.api.Tag("slow")
    void findsThePointAfterTheSpecGrew() throws IOException {
        Path out = tmp.resolve("grown");
        EvaluatorFactory fake = EvaluatorFactory.of(new FakeEvaluator("replay-grown", false));
        sweep(out, spec("[0.25, 1, 4]", 1), fake);
        Row last = null;
        for (Row r : ledger(out)) if ((long) r.getAs("pointIndex") == 8L) last = r;
        String id = last.getAs("pointId");
        sweep(out, spec("[0.1, 0.25, 1, 4]", 1), fake); // point 8 is now point 11
        Cli g = replay(fake, id, "--run", out.toString());
        assertEquals(0, g.status(), g.out() + g.err());
        assertTrue(g.out().contains("point 11 of r"), g.out());
    }

    /** The real evaluator on a tiny point: a Spark task and an in-process replay agree bit for bit (~50 s here). */
    @Test
    @org.junit.jupiter.api.Tag("slow")
    void standardEvaluatorReplaysBitIdentically() throws IOException {
        Path out = tmp.resolve("std");
        String yaml = "name: s\nbase: {d: 6, psiP: 2, psiN: 2, t: 0.05, seed: 5, tauGrid: {min: 0.01, max: 1e5, points: 20},"
                + " classes: [{name: A, weight: 0.5, radius: 1, angleDeg: 0, variance: 1}, {name: B, weight: 0.5, radius: 1,"
                + " angleDeg: 180, variance: 1}]}\naxes:\n  - {path: varianceRatio, values: [2]}\nseeds: 1\n";
        EvaluatorFactory std = StandardEvaluator::new;
        sweep(out, yaml, std);
        String id = ledger(out).get(0).getAs("pointId");
        Cli c = replay(std, id, "--run", out.toString());
        assertEquals(0, c.status(), c.out() + c.err());
    }
}
