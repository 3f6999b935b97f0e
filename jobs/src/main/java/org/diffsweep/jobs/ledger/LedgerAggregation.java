package org.diffsweep.jobs.ledger;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.log;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.api.java.function.ReduceFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.diffsweep.core.evaluator.ClassField;
import org.diffsweep.core.evaluator.ClassResult;
import org.diffsweep.jobs.phase.BaselineRule;
import org.diffsweep.jobs.phase.CellKey;
import org.diffsweep.jobs.phase.CellStats;
import org.diffsweep.jobs.phase.ClassPair;
import org.diffsweep.jobs.phase.PairSample;
import org.diffsweep.jobs.phase.PhaseAggregator;
import org.diffsweep.jobs.phase.RunningStats;
import org.diffsweep.jobs.phase.PhaseTables;
import org.diffsweep.jobs.phase.SliceLayout;

/**
 * The Spark aggregation of a Gaussian-mixture ledger into {@link AggregatedLedger} (design data-flow step 6), used
 * by the report, the summary and the refinement loop alike. Rows are deduplicated on (pointId, classIndex) (a retried
 * or re-run wave may have written a point twice). Pairing the class rows of a point (every pair, {@link ClassPair}) and
 * the seed aggregation run
 * on the executors (partitions by pointId, {@link PhaseAggregator#accumulate} per partition, reduced with
 * {@link PhaseAggregator#merge}); the driver receives one accumulator per (slice, metric, cell), the per-cell class
 * means (a Spark SQL aggregate), the status counts and at most {@link #MAX_PROBLEMS} problem points.
 */
public final class LedgerAggregation {
    /** Most problem points listed. */
    public static final int MAX_PROBLEMS = 500;

    private LedgerAggregation() {}

    /** The deduplicated ledger rows (every column, {@code wave} included). Call only when the ledger has data. */
    public static Dataset<Row> view(SparkSession spark, Ledger ledger, List<String> axes) {
        return ledger.readAll(spark, MixtureTable.TABLE, axes)
                .dropDuplicates(LedgerTable.POINT_ID.name(), LedgerTable.CLASS_INDEX.name());
    }

    /**
     * The stored curves of every (point, class) row of a deduplicated {@link #view} that has them, in point and class
     * order, collected to the driver: O(points) memory (about 2 KB per row), so callers cap the ledger size they
     * call this for (the report: {@code SweepReport.MAX_DRILL_DOWN_POINTS}).
     */
    public static List<StoredCurve> curves(Dataset<Row> view, List<String> axes) {
        List<StoredCurve> out = new ArrayList<>();
        Dataset<Row> rows = view.where(col(MixtureTable.CURVE_TAU.name()).isNotNull())
                .orderBy(col(LedgerTable.POINT_INDEX.name()), col(LedgerTable.CLASS_INDEX.name()));
        Iterator<Row> it = rows.toLocalIterator();
        while (it.hasNext()) {
            Row r = it.next();
            List<Double> coords = new ArrayList<>();
            for (String a : axes) coords.add(number(r, LedgerTable.axisColumn(a)));
            float[][] c = new float[org.diffsweep.core.evaluator.CurveKind.values().length][];
            for (org.diffsweep.core.evaluator.CurveKind k : org.diffsweep.core.evaluator.CurveKind.values()) {
                c[k.ordinal()] = MixtureTable.floats(r, MixtureTable.column(k));
            }
            out.add(new StoredCurve((String) LedgerTable.POINT_ID.decode(r), ((Number) LedgerTable.POINT_INDEX.decode(r)).longValue(),
                    coords, ((Number) LedgerTable.SEED_INDEX.decode(r)).intValue(), ((Number) LedgerTable.CLASS_INDEX.decode(r)).intValue(),
                    MixtureTable.classResult(r), MixtureTable.floats(r, MixtureTable.CURVE_TAU), c));
        }
        return out;
    }

    /** Aggregates the ledger of {@code ledger}, whose sweep has axes {@code axes} (spec order). */
    public static AggregatedLedger aggregate(SparkSession spark, Ledger ledger, List<String> axes) {
        Dataset<Row> view = view(spark, ledger, axes).cache();
        try {
            return aggregate(view, axes);
        } finally { view.unpersist(); }
    }

    /** Aggregates an already deduplicated {@link #view}. */
    public static AggregatedLedger aggregate(Dataset<Row> view, List<String> axes) { return aggregate(view, axes, List.of()); }

    /**
     * Aggregates an already deduplicated {@link #view} whose axes {@code scattered} are a space-filling design's
     * ranges: such a sweep has no slices or phase maps ({@link SliceLayout#of(List, Map, List)}).
     */
    public static AggregatedLedger aggregate(Dataset<Row> view, List<String> axes, List<String> scattered) {
        Map<String, TreeSet<Double>> values = new LinkedHashMap<>();
        for (String a : axes) values.put(a, new TreeSet<>());
        if (!axes.isEmpty()) {
            Column[] cols = axes.stream().map(a -> col(LedgerTable.axisColumn(a))).toArray(Column[]::new);
            for (Row r : view.select(cols).distinct().collectAsList()) {
                for (int k = 0; k < axes.size(); k++) if (!r.isNullAt(k)) values.get(axes.get(k)).add(((Number) r.get(k)).doubleValue());
            }
        }
        SliceLayout layout = SliceLayout.of(axes, values, scattered);
        Partial cells = layout.hasMap()
                ? deserialize(view.repartition(col(LedgerTable.POINT_ID.name()))
                        .mapPartitions(new Accumulate(layout), Encoders.BINARY()).reduce((ReduceFunction<byte[]>) LedgerAggregation::mergeBytes))
                : new Partial(new HashMap<>(), new HashSet<>());
        Map<String, Long> status = new TreeMap<>();
        for (Row r : view.where(col(LedgerTable.CLASS_INDEX.name()).equalTo(0)).groupBy(LedgerTable.STATUS.name()).count().collectAsList()) {
            status.put(r.getString(0), r.getLong(1));
        }
        return new AggregatedLedger(axes, values, layout, cells.stats(), cells.balanced(), classMeans(view, axes),
                problems(view, axes), status, distinct(view, LedgerTable.CODE_VERSION), distinct(view, LedgerTable.SPEC_HASH));
    }

    private static TreeSet<String> distinct(Dataset<Row> view, org.diffsweep.jobs.ledger.Column<?> c) {
        TreeSet<String> out = new TreeSet<>();
        for (Row r : view.select(c.name()).distinct().collectAsList()) if (!r.isNullAt(0)) out.add(r.getString(0));
        return out;
    }

    /**
     * Per (axis values, class index): seed means of the aggregated class fields and of the global t_S. The seed values
     * are collected and averaged exactly ({@link RunningStats}), so the means do not depend on the shuffle's order
     * (Spark's {@code avg} sums doubles in arrival order).
     */
    private static Map<List<Double>, Map<String, Double>> classMeans(Dataset<Row> view, List<String> axes) {
        List<Column> group = new ArrayList<>();
        for (String a : axes) group.add(col(LedgerTable.axisColumn(a)));
        group.add(col(LedgerTable.CLASS_INDEX.name()));
        List<String> names = new ArrayList<>();
        List<Boolean> geometric = new ArrayList<>();
        List<Column> aggs = new ArrayList<>();
        for (ClassField f : ClassField.values()) {
            if (f.aggregate() == ClassField.Aggregate.NONE) continue;
            boolean geo = f.aggregate() == ClassField.Aggregate.GEOMETRIC;
            names.add(f.column());
            geometric.add(geo);
            aggs.add(collect_list(geo ? log(col(f.column())) : col(f.column())));
        }
        names.add(AggregatedLedger.GLOBAL_TS);
        geometric.add(false);
        aggs.add(collect_list(col(MixtureTable.GLOBAL_TS.name())));
        Dataset<Row> agg = view.groupBy(group.toArray(new Column[0]))
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]));
        Map<List<Double>, Map<String, Double>> out = new HashMap<>();
        for (Row r : agg.collectAsList()) {
            List<Double> key = new ArrayList<>();
            for (int k = 0; k <= axes.size(); k++) key.add(r.isNullAt(k) ? null : ((Number) r.get(k)).doubleValue());
            Map<String, Double> v = new LinkedHashMap<>();
            for (int k = 0; k < names.size(); k++) {
                int i = axes.size() + 1 + k;
                RunningStats seeds = RunningStats.EMPTY;
                for (Object x : r.getList(i)) seeds = seeds.plus(((Number) x).doubleValue());
                double mean = seeds.count() == 0 ? Double.NaN : seeds.mean();
                v.put(names.get(k), geometric.get(k) ? Math.exp(mean) : mean);
            }
            out.put(key, v);
        }
        return out;
    }

    private static List<ProblemPoint> problems(Dataset<Row> view, List<String> axes) {
        Dataset<Row> bad = view.where(col(LedgerTable.STATUS.name()).notEqual("OK").and(col(LedgerTable.CLASS_INDEX.name()).equalTo(0))
                        .or(col(ClassField.AMBIGUOUS.column()).equalTo(true)))
                .orderBy(col(LedgerTable.POINT_INDEX.name()), col(LedgerTable.CLASS_INDEX.name())).limit(MAX_PROBLEMS);
        List<ProblemPoint> out = new ArrayList<>();
        for (Row r : bad.collectAsList()) {
            StringBuilder c = new StringBuilder();
            for (String a : axes) {
                Object v = r.get(r.fieldIndex(LedgerTable.axisColumn(a)));
                c.append(a).append('=').append(v == null ? "null" : PhaseTables.shortNumber(((Number) v).doubleValue())).append(", ");
            }
            c.append("seed=").append(MixtureTable.SEED.decode(r));
            String st = (String) LedgerTable.STATUS.decode(r);
            String diag = (String) LedgerTable.DIAGNOSTIC.decode(r);
            if (Boolean.TRUE.equals(MixtureTable.column(ClassField.AMBIGUOUS).decode(r))) {
                st = "OK".equals(st) ? "AMBIGUOUS" : st + "+AMBIGUOUS";
                diag = "class " + MixtureTable.CLASS_NAME.decode(r) + ": a learning curve crosses its threshold more than once"
                        + (diag == null || diag.isBlank() ? "" : "; " + diag);
            }
            out.add(new ProblemPoint((String) LedgerTable.POINT_ID.decode(r), c.toString(), st, diag == null ? "" : diag));
        }
        return out;
    }

    /** The executor-side result: seed statistics per cell and the cells whose points are balanced. */
    record Partial(Map<CellKey, CellStats> stats, Set<List<Object>> balanced) implements Serializable {}

    /** Pairs the class rows of each point of one partition and accumulates them. */
    static final class Accumulate implements MapPartitionsFunction<Row, byte[]> {
        private final SliceLayout layout;

        Accumulate(SliceLayout layout) { this.layout = layout; }

        @Override
        public Iterator<byte[]> call(Iterator<Row> it) {
            Map<String, TreeMap<Integer, Row>> open = new HashMap<>();
            while (it.hasNext()) {
                Row r = it.next();
                int ci = ((Number) LedgerTable.CLASS_INDEX.decode(r)).intValue();
                open.computeIfAbsent((String) LedgerTable.POINT_ID.decode(r), z -> new TreeMap<>()).put(ci, r);
            }
            String xc = LedgerTable.axisColumn(layout.x().name()), yc = LedgerTable.axisColumn(layout.y().name());
            List<PairSample> samples = new ArrayList<>();
            Set<List<Object>> balanced = new HashSet<>();
            for (Map.Entry<String, TreeMap<Integer, Row>> e : open.entrySet()) {
                TreeMap<Integer, Row> rows = e.getValue();
                Row any = rows.firstEntry().getValue();
                Double x = number(any, xc), y = number(any, yc);
                if (x == null || y == null) continue;
                int classes = Math.max(2, rows.lastKey() + 1);
                List<ClassResult> cr = new ArrayList<>();
                for (int c = 0; c < classes; c++) cr.add(rows.containsKey(c) ? MixtureTable.classResult(rows.get(c)) : null);
                List<PairSample> ps = ClassPair.samples(layout.label(a -> number(any, LedgerTable.axisColumn(a))), x, y, ((Number) LedgerTable.SEED_INDEX.decode(any)).intValue(),
                        e.getKey(), cr);
                samples.addAll(ps);
                balanced.addAll(BaselineRule.balancedCells(ps));
            }
            return List.of(serialize(new Partial(new HashMap<>(PhaseAggregator.standard().accumulate(samples)), balanced))).iterator();
        }
    }

    private static Double number(Row r, String column) {
        int i = r.fieldIndex(column);
        return r.isNullAt(i) ? null : ((Number) r.get(i)).doubleValue();
    }

    static byte[] mergeBytes(byte[] a, byte[] b) {
        Partial x = deserialize(a), y = deserialize(b);
        Set<List<Object>> bal = new HashSet<>(x.balanced());
        bal.addAll(y.balanced());
        return serialize(new Partial(new HashMap<>(PhaseAggregator.merge(x.stats(), y.stats())), bal));
    }

    static byte[] serialize(Serializable o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Partial deserialize(byte[] b) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b))) {
            return (Partial) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
