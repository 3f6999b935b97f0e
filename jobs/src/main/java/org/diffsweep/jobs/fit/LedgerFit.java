package org.diffsweep.jobs.fit;

import static org.apache.spark.sql.functions.col;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.diffsweep.core.evaluator.ClassResult;
import org.diffsweep.jobs.ledger.Ledger;
import org.diffsweep.jobs.ledger.LedgerAggregation;
import org.diffsweep.jobs.ledger.LedgerTable;
import org.diffsweep.jobs.ledger.MixtureTable;

/**
 * Reads a Gaussian-mixture ledger into {@link FitData}: the deduplicated class rows of classes 0 and 1 (A and B),
 * paired per point, keyed by the point's coordinates (every seed of a parameter point shares them). The rows are
 * collected on the driver: meant for atlases of up to about a hundred thousand points.
 */
public final class LedgerFit {
    private LedgerFit() {}

    /** The fit input of the ledger of a sweep with coordinates {@code axes} (grid order: design ranges, then axes). */
    public static FitData read(SparkSession spark, Ledger ledger, List<String> axes) { return read(spark, ledger, axes, Map.of()); }

    /** As {@link #read(SparkSession, Ledger, List)}, with the scales the spec declares for some coordinates. */
    public static FitData read(SparkSession spark, Ledger ledger, List<String> axes, Map<String, org.diffsweep.jobs.phase.AxisScale> declared) {
        List<Row> rows = LedgerAggregation.view(spark, ledger, axes).where(col(LedgerTable.CLASS_INDEX.name()).leq(1))
                .orderBy(col(LedgerTable.POINT_INDEX.name()), col(LedgerTable.CLASS_INDEX.name())).collectAsList();
        Map<String, Row[]> byPoint = new java.util.LinkedHashMap<>();
        for (Row r : rows) {
            int ci = ((Number) LedgerTable.CLASS_INDEX.decode(r)).intValue();
            byPoint.computeIfAbsent((String) LedgerTable.POINT_ID.decode(r), z -> new Row[2])[ci] = r;
        }
        FitData data = new FitData(axes, declared);
        Map<String, Integer> index = new HashMap<>();
        for (Row[] ab : byPoint.values()) {
            Row any = ab[0] != null ? ab[0] : ab[1];
            double[] x = new double[axes.size()];
            for (int j = 0; j < x.length; j++) {
                int i = index.computeIfAbsent(axes.get(j), a -> any.fieldIndex(LedgerTable.axisColumn(a)));
                x[j] = any.isNullAt(i) ? Double.NaN : ((Number) any.get(i)).doubleValue();
            }
            ClassResult a = ab[0] == null ? null : MixtureTable.classResult(ab[0]);
            ClassResult b = ab[1] == null ? null : MixtureTable.classResult(ab[1]);
            data.add(x, a, b);
        }
        return data;
    }
}
