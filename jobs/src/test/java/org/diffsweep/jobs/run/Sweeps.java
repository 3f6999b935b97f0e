package org.diffsweep.jobs.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.diffsweep.core.evaluator.PointResult;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.jobs.grid.Grid;
import org.diffsweep.jobs.ledger.MixtureModel;
import org.diffsweep.jobs.spec.SweepSpec;

/** Test sweeps on the shared local[2,3] session: specs, runs with the real outputs, and raw ledger reads. */
final class Sweeps {
    private Sweeps() {}

    /**
     * Two classes (sigma_B^2 = 1), axes classes[0].variance (= R_sigma) x imbalanceRatio, d = 8, p = 8, n = 16.
     *
     * @param variances  the YAML list of class-A variances, e.g. {@code "[0.25, 1, 4]"}
     * @param imbalances the YAML list of imbalance ratios
     */
    static SweepSpec spec(String name, String variances, String imbalances, int seeds, double psiN) {
        return SweepSpec.parse("name: " + name + "\nbase: {d: 8, psiP: 1, psiN: " + psiN + ", t: 0.01, seed: 3, classes: "
                + "[{name: A, weight: 0.5, radius: 1, angleDeg: 0, variance: 1}, {name: B, weight: 0.5, radius: 1, angleDeg: 180,"
                + " variance: 1}]}\naxes:\n  - {path: \"classes[0].variance\", values: " + variances + "}\n"
                + "  - {path: imbalanceRatio, values: " + imbalances + "}\nseeds: " + seeds + "\n", "test");
    }

    static SweepRequest<PointParams, PointResult> request(SweepSpec s, Grid<PointParams> grid, Path out, MixtureModel model) {
        return new SweepRequest<>(s.name(), s.specHash(), s.canonicalText(), grid, out.toUri().toString(), model);
    }

    /** Runs {@code s} into {@code out} and writes the outputs as {@code diffsweep run} does. */
    static SweepOutcome run(Path out, SweepSpec s, MixtureModel model, SweepOptions opt) throws IOException {
        return new SweepRunner(TestSpark.get()).run(request(s, s.grid(), out, model), opt,
                ledger -> MixtureOutputs.write(TestSpark.get(), ledger, s, "local[2,3]"));
    }

    /** Every raw ledger row (schema inferred: this also ships StructType[] through Kryo). One Spark job. */
    static List<Row> ledger(Path out) {
        return TestSpark.get().read().parquet(out.resolve("ledger").toString()).collectAsList();
    }

    static long maxRowsPerKey(List<Row> l) {
        Map<String, Long> n = l.stream().collect(Collectors.groupingBy(r -> r.getAs("pointId") + "/" + r.getAs("classIndex"),
                Collectors.counting()));
        return n.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    static Set<String> ids(List<Row> l) {
        return l.stream().map(r -> (String) r.getAs("pointId")).collect(Collectors.toSet());
    }

    static long count(List<Row> l, java.util.function.Predicate<Row> p) {
        return l.stream().filter(p).count();
    }

    static Set<String> gridIds(Grid<PointParams> g, MixtureModel m) {
        Set<String> s = new HashSet<>();
        for (long i = 0; i < g.size(); i++) s.add(m.pointId(g.point(i).params()));
        return s;
    }
}
