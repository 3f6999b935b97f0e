package org.diffsweep.jobs.run;

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
import org.diffsweep.core.evaluator.ClassField;
import org.diffsweep.core.evaluator.ClassResult;
import org.diffsweep.core.evaluator.Evaluator;
import org.diffsweep.core.evaluator.PointResult;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.jobs.cli.Main;
import org.diffsweep.jobs.ledger.MixtureModel;
import org.diffsweep.jobs.spec.SweepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code diffsweep replay}: bit-identical re-evaluation of a recorded point, through the CLI. */
class ReplayTest {
    @TempDir Path tmp;

    record Cli(int status, String out, String err) {}

    static Cli replay(MixtureModel m, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        List<String> a = new ArrayList<>(List.of("replay"));
        a.addAll(List.of(args));
        int s = Main.execute(new PrintWriter(out), new PrintWriter(err), m, a.toArray(new String[0]));
        return new Cli(s, out.toString(), err.toString());
    }

    static void sweep(Path out, SweepSpec s, MixtureModel m) throws IOException {
        Sweeps.run(out, s, m, SweepOptions.defaults()); // one wave: fewer Spark jobs
    }

    /** Fake evaluator whose class-0 tauGen is one ulp off: a replay must name exactly the fields this changes. */
    static final class OneUlpOff implements Evaluator<PointParams, PointResult>, java.io.Serializable {
        private final FakeEvaluator inner = new FakeEvaluator("replay-ulp", false);

        @Override public String name() { return inner.name(); }

        @Override public String version() { return inner.version(); }

        @Override public PointResult evaluate(PointParams p, String id) {
            PointResult r = inner.evaluate(p, id);
            if (r.classes().isEmpty()) return r;
            List<ClassResult> cs = new ArrayList<>(r.classes());
            ClassResult c = cs.get(0);
            Object[] v = c.values();
            v[ClassField.TAU_GEN.ordinal()] = Math.nextUp(c.tauGen());
            cs.set(0, new ClassResult(c.name(), c.weight(), c.nTrain(), v));
            return new PointResult(r.status(), r.diagnostic(), r.globalTS(), cs, r.stageSeconds());
        }
    }

    @Test
    void identicalDifferentAndUnknown() throws IOException {
        Path out = tmp.resolve("run");
        MixtureModel fake = FakeEvaluator.model("replay", false);
        sweep(out, Sweeps.spec("r", "[0.25, 1, 4]", "[0.25, 1, 4]", 1, 2), fake);
        List<Row> rows = Sweeps.ledger(out);
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
        Cli d = replay(new MixtureModel(OneUlpOff::new, "fake", "1"), ok, "--run", dir);
        assertEquals(1, d.status(), d.out() + d.err());
        Set<String> fields = new TreeSet<>();
        for (String line : d.out().split("\\R")) {
            if (line.startsWith("  row ")) fields.add(line.substring(2, line.indexOf(':')));
        }
        assertEquals(Set.of("row 0 tauGen", "row 0 dGen", "row 1 dGen"), fields, d.out());

        // a different evaluator version cannot reproduce the rows
        assertEquals(1, replay(new MixtureModel(() -> { throw new AssertionError("not called"); }, "fake", "2"), ok, "--run", dir).status());

        Cli u = replay(fake, "f".repeat(64), "--run", dir);
        assertEquals(2, u.status());
        assertTrue(u.err().startsWith("error: no point"), u.err());
        assertEquals(1, u.err().lines().count(), u.err());
        assertEquals(2, replay(fake, "not-hex", "--run", dir).status());
        assertEquals(2, replay(fake, ok, "--run", tmp.resolve("nothing").toString()).status());
    }

    /** An additive change (a new first axis value) renumbers every old point; replay finds it in the grown grid. */
    @Test
    @org.junit.jupiter.api.Tag("slow")
    void findsThePointAfterTheSpecGrew() throws IOException {
        Path out = tmp.resolve("grown");
        MixtureModel fake = FakeEvaluator.model("replay-grown", false);
        sweep(out, Sweeps.spec("r", "[0.25, 1, 4]", "[0.25, 1, 4]", 1, 2), fake);
        Row last = null;
        for (Row r : Sweeps.ledger(out)) if ((long) r.getAs("pointIndex") == 8L) last = r;
        String id = last.getAs("pointId");
        sweep(out, Sweeps.spec("r", "[0.1, 0.25, 1, 4]", "[0.25, 1, 4]", 1, 2), fake); // point 8 is now point 11
        Cli g = replay(fake, id, "--run", out.toString());
        assertEquals(0, g.status(), g.out() + g.err());
        assertTrue(g.out().contains("point 11,"), g.out());
    }

    /** The real evaluator on a tiny point: a Spark task and an in-process replay agree bit for bit (~50 s here). */
    @Test
    @org.junit.jupiter.api.Tag("slow")
    void standardEvaluatorReplaysBitIdentically() throws IOException {
        Path out = tmp.resolve("std");
        String yaml = "name: s\nbase: {d: 6, psiP: 2, psiN: 2, t: 0.05, seed: 5, tauGrid: {min: 0.01, max: 1e5, points: 20},"
                + " classes: [{name: A, weight: 0.5, radius: 1, angleDeg: 0, variance: 1}, {name: B, weight: 0.5, radius: 1,"
                + " angleDeg: 180, variance: 1}]}\naxes:\n  - {path: varianceRatio, values: [2]}\nseeds: 1\n";
        MixtureModel std = new MixtureModel();
        sweep(out, SweepSpec.parse(yaml, "test"), std);
        String id = Sweeps.ledger(out).get(0).getAs("pointId");
        Cli c = replay(std, id, "--run", out.toString());
        assertEquals(0, c.status(), c.out() + c.err());
    }
}
