package org.diffsweep.jobs.fit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.diffsweep.core.evaluator.ClassResult;
import org.diffsweep.core.evaluator.CurveKind;
import org.diffsweep.jobs.ledger.Ledger;
import org.diffsweep.jobs.ledger.LedgerAggregation;
import org.diffsweep.jobs.ledger.StoredCurve;
import org.diffsweep.jobs.phase.Robustness;
import org.diffsweep.jobs.phase.SliceLayout;
import org.diffsweep.jobs.spec.SweepSpec;

/**
 * Robustness of the orders from a ledger's stored curves ({@link Robustness}; docs/science.md §16): reads every
 * (point, class) row that has curves, places the point in its phase cell exactly as the aggregation does (a design
 * sweep, which has no cells, is compared point by point: slice {@code points}, x = point index), and writes
 * {@code robustness.csv} and {@code robustness-summary.csv}. The curves are collected on the driver (about 2 KB per
 * row).
 */
public final class LedgerRobustness {
    public static final String CSV = "robustness.csv";
    public static final String SUMMARY_CSV = "robustness-summary.csv";

    private LedgerRobustness() {}

    /** The samples of the ledger's points that have stored curves. */
    public static List<Robustness.Sample> samples(SparkSession spark, Ledger ledger, SweepSpec spec) {
        List<String> axes = spec.grid().axisNames();
        List<StoredCurve> rows = LedgerAggregation.curves(LedgerAggregation.view(spark, ledger, axes), axes);
        Map<String, TreeSet<Double>> values = new LinkedHashMap<>();
        for (String a : axes) values.put(a, new TreeSet<>());
        for (StoredCurve c : rows) {
            for (int j = 0; j < axes.size(); j++) if (c.coordinates().get(j) != null) values.get(axes.get(j)).add(c.coordinates().get(j));
        }
        SliceLayout layout = SliceLayout.of(axes, values, spec.designPaths());
        Map<String, List<StoredCurve>> byPoint = new LinkedHashMap<>();
        for (StoredCurve c : rows) byPoint.computeIfAbsent(c.pointId(), k -> new ArrayList<>()).add(c);
        int dg = axes.indexOf("deltaGen");
        List<Robustness.Sample> out = new ArrayList<>();
        for (List<StoredCurve> p : byPoint.values()) {
            StoredCurve any = p.get(0);
            List<Double> co = any.coordinates();
            String slice;
            double x, y;
            if (layout.hasMap()) {
                Double xv = co.get(axes.indexOf(layout.x().name())), yv = co.get(axes.indexOf(layout.y().name()));
                if (xv == null || yv == null) continue;
                slice = layout.label(a -> co.get(axes.indexOf(a)));
                x = xv;
                y = yv;
            } else {
                slice = "points";
                x = any.pointIndex() % spec.grid().pointsPerSeed();
                y = 0;
            }
            int classes = p.stream().mapToInt(StoredCurve::classIndex).max().orElse(0) + 1;
            List<ClassResult> cr = new ArrayList<>();
            List<double[][]> cv = new ArrayList<>();
            for (int c = 0; c < classes; c++) {
                cr.add(null);
                cv.add(null);
            }
            for (StoredCurve c : p) {
                cr.set(c.classIndex(), c.result());
                double[] s = c.values(CurveKind.SCORE), g = c.values(CurveKind.GEN), t = c.values(CurveKind.TEST);
                cv.set(c.classIndex(), s == null || g == null ? null : new double[][] {c.tauValues(), s, g, t == null ? new double[s.length] : t});
            }
            double delta = dg >= 0 && co.get(dg) != null ? co.get(dg) : spec.base().deltaGen();
            out.add(new Robustness.Sample(slice, x, y, any.seedIndex(), any.pointId(), cr, cv, delta));
        }
        return out;
    }

    /** Evaluates the ledger and writes both files; returns the rows. */
    public static List<Robustness.Row> write(SparkSession spark, Ledger ledger, SweepSpec spec) throws IOException {
        List<Robustness.Row> rows = Robustness.evaluate(samples(spark, ledger, spec));
        ledger.writeText(CSV, Robustness.csv(rows));
        ledger.writeText(SUMMARY_CSV, Robustness.summaryCsv(rows));
        return rows;
    }
}
