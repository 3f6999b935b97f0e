package org.diffsweep.jobs.report;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.log;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.diffsweep.core.point.ClassResult;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.spectrum.SpectrumResult;
import org.diffsweep.core.spectrum.SpectrumSolver;
import org.diffsweep.jobs.grid.GridPoint;
import org.diffsweep.jobs.ledger.Ledger;
import org.diffsweep.jobs.ledger.LedgerSchema;
import org.diffsweep.jobs.phase.AxisScale;
import org.diffsweep.jobs.phase.BaselineRule;
import org.diffsweep.jobs.phase.BoundaryExtractor;
import org.diffsweep.jobs.phase.BoundaryPoint;
import org.diffsweep.jobs.phase.CellKey;
import org.diffsweep.jobs.phase.CellStats;
import org.diffsweep.jobs.phase.DMetric;
import org.diffsweep.jobs.phase.PairSample;
import org.diffsweep.jobs.phase.PhaseAggregator;
import org.diffsweep.jobs.phase.PhaseCell;
import org.diffsweep.jobs.phase.PhaseTables;
import org.diffsweep.jobs.phase.SliceAxis;
import org.diffsweep.jobs.phase.SliceField;
import org.diffsweep.jobs.plot.ChartFiles;
import org.diffsweep.jobs.plot.PhaseMapChart;
import org.diffsweep.jobs.plot.SpeciationChart;
import org.diffsweep.jobs.plot.SpectrumChart;
import org.diffsweep.jobs.plot.TimesChart;
import org.diffsweep.jobs.spec.SpecGrid;
import org.diffsweep.jobs.spec.SweepSpec;
import org.jfree.chart.JFreeChart;

/**
 * The report step (design data-flow step 6): reads a sweep's ledger with Spark and writes, under the output folder,
 * {@code phase.csv}, {@code boundary.csv}, {@code figures/*.png|svg} and {@code report.html}. Nothing is recomputed
 * except the analytic spectrum of one baseline point per slice (milliseconds).
 *
 * <p><b>Slices.</b> The two slice axes are chosen among the swept axes with at least two values in the ledger: when
 * {@code imbalanceRatio} is swept it is the y axis and x is the last other such axis in spec order; otherwise x, y
 * are the last two. Every combination of the remaining axes' values is one slice, labelled {@code name=value, ...}
 * ({@code all} when there is none).
 *
 * <p><b>Baseline</b> (theory §12.8). With an {@code imbalanceRatio} y axis the baseline of a cell is the cell
 * (x, 1) of the same slice. Without one, a cell is its own baseline when its two classes have equal weights (the
 * sweep never leaves balance there, so nothing can be reversed) and has none otherwise ({@code NO_BASELINE}).
 *
 * <p><b>Scaling.</b> Pairing the two class rows of a point and the seed aggregation run on the executors
 * (partitions by pointId, {@link PhaseAggregator#accumulate} per partition, tree-reduced with
 * {@link PhaseAggregator#merge}); the driver receives one accumulator per (slice, metric, cell), the per-cell
 * class-time means (a Spark SQL aggregate) and the problem points (capped at {@link #MAX_PROBLEMS}).
 */
public final class SweepReport {
    public static final String PHASE_CSV = "phase.csv";
    public static final String BOUNDARY_CSV = "boundary.csv";
    /** Parquet copy of the phase table (same columns as phase.csv). */
    public static final String PHASE_PARQUET = "phase.parquet";
    public static final String REPORT_HTML = "report.html";
    public static final String FIGURES = "figures";
    /** Most problem points listed in the report. */
    public static final int MAX_PROBLEMS = 500;
    static final String IMBALANCE = "imbalanceRatio";

    /** Thrown when the folder has no ledger. */
    public static final class NoLedgerException extends IOException {
        public NoLedgerException(String msg) {
            super(msg);
        }
    }

    /**
     * What was written.
     *
     * @param slices    slice labels
     * @param xAxis     x axis name ({@code null} with fewer than two swept axes)
     * @param yAxis     y axis name
     * @param cells     phase.csv rows
     * @param boundaryPoints boundary.csv rows
     * @param files     written files, relative to the output folder
     * @param phaseCells the phase table itself
     */
    public record Outcome(List<String> slices, String xAxis, String yAxis, int cells, int boundaryPoints,
                          List<String> files, List<PhaseCell> phaseCells) {
    }

    private final SparkSession spark;

    /** Whether {@code outputFolder} (a Hadoop path) holds a ledger; needs no Spark session. */
    public static boolean hasLedger(String outputFolder) throws IOException {
        Path out = new Path(outputFolder);
        FileSystem fs = out.getFileSystem(new org.apache.hadoop.conf.Configuration());
        return new Ledger(fs, fs.makeQualified(out)).hasData();
    }

    public SweepReport(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * Regenerates every report output of the sweep in {@code outputFolder} (a Hadoop path) from its ledger.
     *
     * @param masterUrl Spark master URL recorded in the provenance (the run's, or this session's)
     * @throws NoLedgerException when the folder has no ledger
     */
    public Outcome generate(String outputFolder, String masterUrl) throws IOException {
        return generate(outputFolder, masterUrl, true);
    }

    /**
     * As {@link #generate(String, String)}; with {@code full = false} only the phase table is computed and
     * returned (nothing is written): the adaptive-refinement planner's input after each wave.
     */
    public Outcome generate(String outputFolder, String masterUrl, boolean full) throws IOException {
        Path out = new Path(outputFolder);
        FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
        out = fs.makeQualified(out);
        Ledger ledger = new Ledger(fs, out);
        if (!ledger.hasData()) {
            throw new NoLedgerException(outputFolder + ": no ledger (expected " + Ledger.LEDGER_DIR
                    + "/wave=N/*.parquet written by 'diffsweep run')");
        }
        String specText = ledger.readSpec();
        SweepSpec spec = null;
        if (specText != null) {
            try {
                spec = SweepSpec.parse(specText, Ledger.SPEC_FILE);
            } catch (RuntimeException e) {
                spec = null; // an older canonical form: figures that need the spec's base point are skipped
            }
        }
        Dataset<Row> all = spark.read().parquet(ledger.ledgerDir().toString());
        // A re-run wave or a retried task may have written a (point, class) twice: keep one.
        Dataset<Row> view = all.dropDuplicates(LedgerSchema.POINT_ID, LedgerSchema.CLASS_INDEX).cache();
        try {
            return generate(fs, out, view, spec, specText, masterUrl, full);
        } finally {
            view.unpersist();
        }
    }

    private Outcome generate(FileSystem fs, Path out, Dataset<Row> view, SweepSpec spec, String specText,
                             String masterUrl, boolean full) throws IOException {
        List<String> axisCols = new ArrayList<>();
        for (String c : view.columns()) {
            if (c.startsWith(LedgerSchema.AXIS_PREFIX)) axisCols.add(c);
        }
        Map<String, String> colToName = new LinkedHashMap<>();
        if (spec != null) {
            for (String n : spec.grid().axisNames()) colToName.put(LedgerSchema.axisColumn(n), n);
        }
        for (String c : axisCols) colToName.putIfAbsent(c, c.substring(LedgerSchema.AXIS_PREFIX.length()));
        Map<String, Integer> idx = new HashMap<>();
        for (int k = 0; k < axisCols.size(); k++) idx.put(axisCols.get(k), k);
        axisIndex = idx;

        // Distinct axis combinations: one per cell and slice (small).
        Map<String, TreeSet<Double>> values = new LinkedHashMap<>();
        for (String c : axisCols) values.put(c, new TreeSet<>());
        if (!axisCols.isEmpty()) {
            for (Row r : view.select(axisCols.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
                    .distinct().collectAsList()) {
                for (int k = 0; k < axisCols.size(); k++) {
                    if (!r.isNullAt(k)) values.get(axisCols.get(k)).add(((Number) r.get(k)).doubleValue());
                }
            }
        }
        List<String> swept = new ArrayList<>();
        for (String c : axisCols) if (values.get(c).size() >= 2) swept.add(c);
        String yCol = null;
        String xCol = null;
        String imbCol = LedgerSchema.axisColumn(IMBALANCE);
        if (swept.contains(imbCol) && swept.size() >= 2) {
            yCol = imbCol;
            for (String c : swept) if (!c.equals(imbCol)) xCol = c;
        } else if (swept.size() >= 2) {
            xCol = swept.get(swept.size() - 2);
            yCol = swept.get(swept.size() - 1);
        }
        List<String> sliceCols = new ArrayList<>();
        for (String c : swept) if (!c.equals(xCol) && !c.equals(yCol)) sliceCols.add(c);
        List<String> sliceNames = sliceCols.stream().map(colToName::get).toList();

        List<String> files = new ArrayList<>();
        List<PhaseCell> cells = List.of();
        List<BoundaryPoint> boundary = new ArrayList<>();
        List<ReportFigure> figures = new ArrayList<>();
        List<String> summary = new ArrayList<>();
        List<ReportTable> tables = new ArrayList<>();
        TreeSet<String> slices = new TreeSet<>();

        Map<List<Double>, double[]> classTimes = full ? classTimes(view, axisCols) : Map.of();
        if (xCol != null) {
            String xName = colToName.get(xCol);
            String yName = colToName.get(yCol);
            SliceAxis xa = axis(xName, values.get(xCol));
            SliceAxis ya = axis(yName, values.get(yCol));
            Map<CellKey, CellStats> merged = aggregate(view, xCol, yCol, sliceCols, sliceNames);
            for (CellKey k : merged.keySet()) slices.add(k.slice());
            BaselineRule rule;
            String baselineText;
            if (yCol.equals(imbCol)) {
                rule = BaselineRule.alongY(1.0);
                baselineText = "baseline = the balanced cell (imbalance ratio 1) of the same geometry";
            } else {
                Set<List<Object>> balanced = balancedCells(view, xCol, yCol, sliceCols, sliceNames);
                rule = k -> balanced.contains(List.of(k.slice(), k.x(), k.y())) ? k : null;
                baselineText = "no imbalanceRatio axis: a cell is its own baseline when its classes have equal "
                        + "weights, else it has none (NO_BASELINE)";
            }
            cells = PhaseAggregator.standard().summarise(merged, rule);
            if (!full) {
                return new Outcome(List.copyOf(slices), xName, yName, cells.size(), 0, List.of(), cells);
            }
            summary.add("Slices: x = " + xName + ", y = " + yName + (sliceNames.isEmpty() ? ""
                    : ", one slice per value of " + String.join(", ", sliceNames)) + "; " + baselineText + ".");
            summary.addAll(ReversalSummary.describe(cells, xa.label(), ya.label()));

            for (String slice : slices) {
                String slug = slug(slice);
                for (DMetric m : DMetric.values()) {
                    if (m.isResidual()) continue;
                    SliceField mean = SliceField.fromCells(xa, ya, cells, slice, m, PhaseCell::mean);
                    if (Arrays.stream(mean.values()).allMatch(Double::isNaN)) continue;
                    SliceField hw = SliceField.fromCells(xa, ya, cells, slice, m, PhaseCell::halfWidth);
                    boundary.addAll(BoundaryExtractor.withUncertainty(slice, m.label(), mean, hw, null));
                }
                for (DMetric.Quantity q : DMetric.Quantity.values()) {
                    String qn = switch (q) {
                        case GEN -> "D_gen";
                        case MEM -> "D_mem";
                        case S -> "D_S";
                    };
                    PhaseMapChart.Data d = PhaseMapChart.fromCells(slice, xa, ya, cells, q, null);
                    d = new PhaseMapChart.Data(qn + " (measured), " + slice, d.x(), d.y(), d.valueLabel(), d.values(),
                            d.disagree(), d.boundaries());
                    figures.add(figure(fs, out, files, "phase-" + qn + "-" + slug, PhaseMapChart.create(d),
                            qn + " phase map, " + slice,
                            "Colour: measured seed mean of " + qn + (q == DMetric.Quantity.S
                                    ? " = t_S^(A) − t_S^(B) (OU time)" : " = ln(τ_A/τ_B)")
                                    + "; grey = missing. Solid black: measured D = 0; dashed: each predictor's D = 0; "
                                    + "hatched cells: a predictor and the measurement disagree on the phase."));
                }
                PhaseMapChart.Data res = PhaseMapChart.residualFromCells(slice, xa, ya, cells, DMetric.RESID_GEN_W);
                figures.add(figure(fs, out, files, "residual-D_gen-w-" + slug, PhaseMapChart.create(res),
                        "D_gen residual (predicted w − measured), " + slice,
                        "Seed mean of D_gen(w) − D_gen(measured), paired per seed; spectral and measured times "
                                + "differ in scale, so only the sign pattern of D is compared in the phase maps."));
                sliceFigures(fs, out, files, figures, slice, slug, xa, ya, xCol, yCol, sliceCols, sliceNames,
                        classTimes, spec);
            }
            tables.add(phaseTable(cells, xa, ya));
        } else {
            summary.add("No phase map: the ledger has " + swept.size() + " axis with two or more values; "
                    + "a 2-D slice needs two.");
        }

        write(fs, new Path(out, PHASE_CSV), PhaseTables.cellsCsv(cells));
        files.add(PHASE_CSV);
        writePhaseParquet(cells, new Path(out, PHASE_PARQUET));
        files.add(PHASE_PARQUET);
        write(fs, new Path(out, BOUNDARY_CSV), PhaseTables.boundaryCsv(boundary));
        files.add(BOUNDARY_CSV);

        String[] prov = provenance(view);
        String version = SweepReport.class.getPackage().getImplementationVersion();
        Provenance p = new Provenance(version == null ? "development build" : version, prov[0], prov[1],
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), masterUrl);
        String title = "diffsweep report: " + (spec != null ? spec.name() : out.getName());
        ReportData data = new ReportData(title, specText, p, summary, figures, tables, problems(view, axisCols,
                colToName));
        write(fs, new Path(out, REPORT_HTML), HtmlReport.render(data));
        files.add(REPORT_HTML);
        return new Outcome(List.copyOf(slices), xCol == null ? null : colToName.get(xCol),
                yCol == null ? null : colToName.get(yCol), cells.size(), boundary.size(), files, cells);
    }

    private void writePhaseParquet(List<PhaseCell> cells, Path dir) {
        org.apache.spark.sql.types.StructType st = new org.apache.spark.sql.types.StructType()
                .add("slice", "string").add("metric", "string").add("x", "double").add("y", "double")
                .add("seeds", "long").add("missing", "long").add("ambiguous", "long").add("mean", "double")
                .add("sd", "double").add("halfWidth", "double").add("ciLow", "double").add("ciHigh", "double")
                .add("sign", "int").add("baselineSign", "int").add("phase", "string");
        List<Row> rows = new ArrayList<>(cells.size());
        for (PhaseCell c : cells) {
            rows.add(org.apache.spark.sql.RowFactory.create(c.slice(), c.metric().name(), c.x(), c.y(), c.seeds(),
                    c.missing(), c.ambiguous(), nan(c.mean()), nan(c.sd()), nan(c.halfWidth()), nan(c.ciLow()),
                    nan(c.ciHigh()), c.sign(), c.baselineSign(), c.phase().name()));
        }
        spark.createDataFrame(rows, st).coalesce(1).write().mode(org.apache.spark.sql.SaveMode.Overwrite)
                .parquet(dir.toString());
    }

    /** NaN as null (empty in the CSV, null in Parquet). */
    private static Double nan(double v) {
        return Double.isNaN(v) ? null : v;
    }

    // ---------------------------------------------------------------- executor-side aggregation

    /** Pairs class rows per point and accumulates one partition; emits the Java-serialized accumulator map. */
    static final class Accumulate implements FlatMapFunction<Iterator<Row>, byte[]> {
        private final String xCol;
        private final String yCol;
        private final List<String> sliceCols;
        private final List<String> sliceNames;

        Accumulate(String xCol, String yCol, List<String> sliceCols, List<String> sliceNames) {
            this.xCol = xCol;
            this.yCol = yCol;
            this.sliceCols = List.copyOf(sliceCols);
            this.sliceNames = List.copyOf(sliceNames);
        }

        @Override
        public Iterator<byte[]> call(Iterator<Row> it) {
            List<PairSample> samples = new ArrayList<>();
            Map<String, Row[]> open = new HashMap<>();
            while (it.hasNext()) {
                Row r = it.next();
                String id = r.getAs(LedgerSchema.POINT_ID);
                int ci = r.<Integer>getAs(LedgerSchema.CLASS_INDEX);
                if (ci > 1) continue; // the phase diagram compares the first two classes (A, B)
                open.computeIfAbsent(id, z -> new Row[2])[ci] = r;
            }
            for (Map.Entry<String, Row[]> e : open.entrySet()) {
                Row any = e.getValue()[0] != null ? e.getValue()[0] : e.getValue()[1];
                Double x = num(any, xCol);
                Double y = num(any, yCol);
                if (x == null || y == null) continue;
                samples.add(new PairSample(sliceLabel(any, sliceCols, sliceNames), x, y,
                        any.<Integer>getAs("seedIndex"), e.getKey(), classResult(e.getValue()[0]),
                        classResult(e.getValue()[1])));
            }
            Map<CellKey, CellStats> acc = PhaseAggregator.standard().accumulate(samples);
            return List.of(serialize(new HashMap<>(acc))).iterator();
        }
    }

    private Map<CellKey, CellStats> aggregate(Dataset<Row> view, String xCol, String yCol, List<String> sliceCols,
                                              List<String> sliceNames) {
        byte[] merged = view.repartition(col(LedgerSchema.POINT_ID)).javaRDD()
                .mapPartitions(new Accumulate(xCol, yCol, sliceCols, sliceNames))
                .treeReduce(SweepReport::mergeBytes);
        return deserialize(merged);
    }

    static byte[] mergeBytes(byte[] a, byte[] b) {
        return serialize(new HashMap<>(PhaseAggregator.merge(deserialize(a), deserialize(b))));
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

    @SuppressWarnings("unchecked")
    static Map<CellKey, CellStats> deserialize(byte[] b) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b))) {
            return (Map<CellKey, CellStats>) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The slice label of the given values of the slice axes ({@code all} when there are none). */
    public static String sliceLabel(List<String> names, double[] values) {
        if (names.isEmpty()) return "all";
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < names.size(); k++) {
            if (k > 0) b.append(", ");
            b.append(names.get(k)).append('=').append(PhaseTables.shortNumber(values[k]));
        }
        return b.toString();
    }

    static String sliceLabel(Row r, List<String> cols, List<String> names) {
        if (cols.isEmpty()) return "all";
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < cols.size(); k++) {
            if (k > 0) b.append(", ");
            Double v = num(r, cols.get(k));
            b.append(names.get(k)).append('=').append(v == null ? "null" : PhaseTables.shortNumber(v));
        }
        return b.toString();
    }

    static Double num(Row r, String c) {
        int i = r.fieldIndex(c);
        return r.isNullAt(i) ? null : ((Number) r.get(i)).doubleValue();
    }

    private static Boolean bool(Row r, String c) {
        int i = r.fieldIndex(c);
        return r.isNullAt(i) ? null : r.getBoolean(i);
    }

    /** A ledger class row as the evaluator's {@link ClassResult}; null for a missing row. */
    static ClassResult classResult(Row r) {
        if (r == null) return null;
        Double w = num(r, "weight");
        Double n = num(r, "nTrain");
        Boolean amb = bool(r, "ambiguous");
        return new ClassResult(r.getAs("className"), w == null ? Double.NaN : w, n == null ? 0 : n.intValue(),
                num(r, "tauGen"), num(r, "tauMem"), num(r, "window"), amb != null && amb,
                num(r, "tauGenPred"), num(r, "tauMemPred"), num(r, "tauGenPredCw"), num(r, "tauMemPredCw"),
                num(r, "memEdgeLo"), num(r, "memEdgeHi"), num(r, "tauGenTheory"), num(r, "tauMemTheory"),
                num(r, "tS"), num(r, "tSMeasured"), bool(r, "preCommitted"), num(r, "tC"));
    }

    // ---------------------------------------------------------------- driver-side small aggregates

    /** Time fields averaged per (axis values..., classIndex): geometric means of the τ, arithmetic of the t_S. */
    static final String[] LOG_FIELDS = {"tauGen", "tauMem", "tauGenPred", "tauMemPred", "tauGenPredCw",
            "tauMemPredCw", "tauGenTheory", "tauMemTheory"};
    static final String[] LIN_FIELDS = {"tS", "tSMeasured", "globalTS"};

    /** Key: axis values in ledger column order, then the class index; value: LOG_FIELDS then LIN_FIELDS. */
    private Map<List<Double>, double[]> classTimes(Dataset<Row> view, List<String> axisCols) {
        List<Column> group = new ArrayList<>();
        for (String c : axisCols) group.add(col(c));
        group.add(col(LedgerSchema.CLASS_INDEX));
        List<Column> aggs = new ArrayList<>();
        for (String f : LOG_FIELDS) aggs.add(avg(log(col(f))).alias(f));
        for (String f : LIN_FIELDS) aggs.add(avg(col(f)).alias(f));
        aggs.add(first(col("className")).alias("className"));
        Map<List<Double>, double[]> out = new HashMap<>();
        Dataset<Row> agg = view.where(col(LedgerSchema.CLASS_INDEX).leq(1)).groupBy(group.toArray(new Column[0]))
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]));
        for (Row r : agg.collectAsList()) {
            List<Double> key = new ArrayList<>();
            for (int k = 0; k <= axisCols.size(); k++) key.add(r.isNullAt(k) ? null : ((Number) r.get(k)).doubleValue());
            double[] v = new double[LOG_FIELDS.length + LIN_FIELDS.length];
            for (int k = 0; k < v.length; k++) {
                int i = axisCols.size() + 1 + k;
                v[k] = r.isNullAt(i) ? Double.NaN : (k < LOG_FIELDS.length ? Math.exp(r.getDouble(i)) : r.getDouble(i));
            }
            out.put(key, v);
        }
        return out;
    }

    private Set<List<Object>> balancedCells(Dataset<Row> view, String xCol, String yCol, List<String> sliceCols,
                                            List<String> sliceNames) {
        Set<List<Object>> out = new HashSet<>();
        for (Row r : view.where(col(LedgerSchema.CLASS_INDEX).equalTo(0)).collectAsList()) {
            Double w = num(r, "weight");
            if (w != null && Math.abs(w - 0.5) < 1e-12) {
                out.add(List.of(sliceLabel(r, sliceCols, sliceNames), num(r, xCol), num(r, yCol)));
            }
        }
        return out;
    }

    private static String[] provenance(Dataset<Row> view) {
        TreeSet<String> code = new TreeSet<>();
        TreeSet<String> hash = new TreeSet<>();
        for (Row r : view.select("codeVersion", "specHash").distinct().collectAsList()) {
            if (!r.isNullAt(0)) code.add(r.getString(0));
            if (!r.isNullAt(1)) hash.add(r.getString(1));
        }
        return new String[] {String.join(", ", code), String.join(", ", hash)};
    }

    private static List<ProblemPoint> problems(Dataset<Row> view, List<String> axisCols,
                                               Map<String, String> colToName) {
        Dataset<Row> bad = view.where(col(LedgerSchema.STATUS).notEqual("OK").and(col(LedgerSchema.CLASS_INDEX)
                .equalTo(0)).or(col("ambiguous").equalTo(true)))
                .orderBy(col(LedgerSchema.POINT_INDEX), col(LedgerSchema.CLASS_INDEX)).limit(MAX_PROBLEMS);
        List<ProblemPoint> out = new ArrayList<>();
        for (Row r : bad.collectAsList()) {
            StringBuilder c = new StringBuilder();
            for (String a : axisCols) {
                Double v = num(r, a);
                c.append(colToName.get(a)).append('=').append(v == null ? "null" : PhaseTables.shortNumber(v))
                        .append(", ");
            }
            c.append("seed=").append(r.<Object>getAs("seed"));
            String status = r.getAs(LedgerSchema.STATUS);
            boolean amb = Boolean.TRUE.equals(bool(r, "ambiguous"));
            String diag = r.getAs("diagnostic");
            if (amb) {
                status = "OK".equals(status) ? "AMBIGUOUS" : status + "+AMBIGUOUS";
                diag = "class " + r.getAs("className") + ": a learning curve crosses its threshold more than once"
                        + (diag == null || diag.isBlank() ? "" : "; " + diag);
            }
            out.add(new ProblemPoint(r.getAs(LedgerSchema.POINT_ID), c.toString(), status, diag == null ? "" : diag));
        }
        return out;
    }

    // ---------------------------------------------------------------- figures

    private void sliceFigures(FileSystem fs, Path out, List<String> files, List<ReportFigure> figures, String slice,
                              String slug, SliceAxis xa, SliceAxis ya, String xCol, String yCol,
                              List<String> sliceCols, List<String> sliceNames, Map<List<Double>, double[]> times,
                              SweepSpec spec) throws IOException {
        // The column x* farthest from the symmetric geometry (largest |ln x| or |x|): the most contrast between classes.
        int ix = 0;
        for (int i = 0; i < xa.size(); i++) {
            if (Math.abs(xa.internal(i)) > Math.abs(xa.internal(ix))) ix = i;
        }
        double xStar = xa.value(ix);
        // Per-class means along y at x = x*, for this slice.
        List<String> names = new ArrayList<>(List.of("A", "B"));
        double[][][] v = new double[2][ya.size()][];
        for (Map.Entry<List<Double>, double[]> e : times.entrySet()) {
            List<Double> k = e.getKey();
            // key layout: all axis columns in ledger order, then class index; rebuild the slice label from it
            if (!matchesSlice(k, slice, sliceCols, sliceNames, xCol, yCol, xStar)) continue;
            Double y = k.get(axisIndex.get(yCol));
            int j = y == null ? -1 : ya.indexOf(y);
            int c = k.get(k.size() - 1).intValue();
            if (j >= 0 && c <= 1) v[c][j] = e.getValue();
        }
        String where = xa.name() + " = " + PhaseTables.shortNumber(xStar);
        for (int q = 0; q < 2; q++) {
            List<TimesChart.ClassCurves> curves = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                double[] meas = column(v[c], q == 0 ? 0 : 1);
                double[] w = column(v[c], q == 0 ? 2 : 3);
                double[] cw = column(v[c], q == 0 ? 4 : 5);
                curves.add(new TimesChart.ClassCurves(names.get(c), ya.values(), meas, w, cw));
            }
            String what = q == 0 ? "τ_gen" : "τ_mem";
            JFreeChart ch = TimesChart.create(what + " per class vs " + ya.name() + ", " + slice + ", " + where,
                    ya.label(), ya.scale(), what + " (training time, paper units)", curves);
            figures.add(figure(fs, out, files, "times-" + (q == 0 ? "gen" : "mem") + "-" + slug, ch,
                    what + " per class, " + slice + ", " + where,
                    "Geometric mean over seeds: measured (solid, markers), predicted w (dashed), cw (dotted)."));
        }
        if (yCol.equals(LedgerSchema.axisColumn(IMBALANCE))) {
            List<SpeciationChart.ClassTimes> ct = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                ct.add(new SpeciationChart.ClassTimes(names.get(c), column(v[c], LOG_FIELDS.length),
                        column(v[c], LOG_FIELDS.length + 1)));
            }
            JFreeChart ch = SpeciationChart.create("per-class speciation time vs imbalance, " + slice + ", " + where,
                    ya.values(), ct, column(v[0], LOG_FIELDS.length + 2));
            figures.add(figure(fs, out, files, "speciation-" + slug, ch, "speciation times, " + slice + ", " + where,
                    "t_S^(c) (OU time; smaller = later in the backward run): closed form lines, backward-simulation "
                            + "markers; a pre-committed class (π_c ≥ κ) has none."));
        }
        PointParams base = baselinePoint(spec, slice, sliceCols, sliceNames, xCol, yCol, xStar);
        if (base != null) {
            try {
                SpectrumResult s = SpectrumSolver.solve(base);
                List<double[]> per = new ArrayList<>(Arrays.asList(s.rhoClass()));
                List<String> cn = new ArrayList<>();
                for (var c : base.classes()) cn.add(c.name());
                JFreeChart ch = SpectrumChart.create("asymptotic spectrum of U, " + slice + ", " + where + ", "
                        + ya.name() + " = " + PhaseTables.shortNumber(yBaseline(ya)), s.lambda(), s.rho(), cn, per, true);
                figures.add(figure(fs, out, files, "spectrum-" + slug, ch, "spectrum at the baseline point, " + slice,
                        "Asymptotic spectral density ρ(λ) of U (black) with each class's ρ_c shaded (§5.4), "
                                + "recomputed for the slice's baseline point; λ in eigenvalue units of U."));
            } catch (RuntimeException e) {
                // the solver failed on this point: the report simply has no spectrum figure for the slice
            }
        }
    }

    private Map<String, Integer> axisIndex = Map.of();

    private boolean matchesSlice(List<Double> key, String slice, List<String> sliceCols, List<String> sliceNames,
                                 String xCol, String yCol, double xStar) {
        Double x = key.get(axisIndex.get(xCol));
        if (x == null || Math.abs(x - xStar) > 1e-9 * Math.abs(xStar)) return false;
        if (sliceCols.isEmpty()) return true;
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < sliceCols.size(); k++) {
            if (k > 0) b.append(", ");
            Double v = key.get(axisIndex.get(sliceCols.get(k)));
            b.append(sliceNames.get(k)).append('=').append(v == null ? "null" : PhaseTables.shortNumber(v));
        }
        return b.toString().equals(slice);
    }

    private static double yBaseline(SliceAxis ya) {
        int j = ya.indexOf(1.0);
        return j >= 0 ? 1.0 : ya.value(ya.size() / 2);
    }

    /** The spec's seed-0 point of this slice at (x*, baseline y), or null without a parsable spec. */
    private static PointParams baselinePoint(SweepSpec spec, String slice, List<String> sliceCols,
                                             List<String> sliceNames, String xCol, String yCol, double xStar) {
        if (spec == null) return null;
        SpecGrid g = spec.grid();
        if (g.pointsPerSeed() > 1_000_000) return null;
        for (long i = 0; i < g.pointsPerSeed(); i++) {
            GridPoint p = g.point(i);
            Map<String, Double> c = new HashMap<>();
            p.coordinates().forEach((k, v) -> c.put(LedgerSchema.axisColumn(k), v));
            Double x = c.get(xCol);
            Double y = c.get(yCol);
            if (x == null || y == null || Math.abs(x - xStar) > 1e-9 * Math.abs(xStar)) continue;
            boolean imb = yCol.equals(LedgerSchema.axisColumn(IMBALANCE));
            if (imb && Math.abs(y - 1.0) > 1e-9) continue;
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < sliceCols.size(); k++) {
                if (k > 0) b.append(", ");
                Double v = c.get(sliceCols.get(k));
                b.append(sliceNames.get(k)).append('=').append(v == null ? "null" : PhaseTables.shortNumber(v));
            }
            if (sliceCols.isEmpty() ? "all".equals(slice) : b.toString().equals(slice)) return p.params();
        }
        return null;
    }

    private static double[] column(double[][] rows, int k) {
        double[] o = new double[rows.length];
        for (int j = 0; j < rows.length; j++) o[j] = rows[j] == null ? Double.NaN : rows[j][k];
        return o;
    }

    private static ReportFigure figure(FileSystem fs, Path out, List<String> files, String base, JFreeChart chart,
                                       String title, String caption) throws IOException {
        byte[] png = ChartFiles.png(chart, ChartFiles.WIDTH, ChartFiles.HEIGHT);
        Path dir = new Path(out, FIGURES);
        try (OutputStream o = fs.create(new Path(dir, base + ".png"), true)) {
            o.write(png);
        }
        write(fs, new Path(dir, base + ".svg"), ChartFiles.svg(chart, ChartFiles.WIDTH, ChartFiles.HEIGHT, base));
        files.add(FIGURES + "/" + base + ".png");
        files.add(FIGURES + "/" + base + ".svg");
        return new ReportFigure(title, caption, png, null);
    }

    private static ReportTable phaseTable(List<PhaseCell> cells, SliceAxis xa, SliceAxis ya) {
        List<List<String>> rows = new ArrayList<>();
        for (PhaseCell c : cells) {
            if (c.metric().isResidual()) continue;
            rows.add(List.of(c.slice(), c.metric().label(), PhaseTables.shortNumber(c.x()),
                    PhaseTables.shortNumber(c.y()), PhaseTables.shortNumber(c.mean()),
                    PhaseTables.shortNumber(c.halfWidth()), c.seeds() + (c.missing() > 0 ? " (" + c.missing()
                            + " missing)" : ""), c.phase().name()));
        }
        return new ReportTable("Phase table (all order parameters; residuals in phase.csv)",
                List.of("slice", "metric", xa.name(), ya.name(), "mean", "95% half-width", "seeds", "phase"), rows);
    }

    /** The slice axis the report uses for {@code name} with these values (log scale for ratios and wide ranges). */
    public static SliceAxis axis(String name, TreeSet<Double> vals) {
        double[] v = vals.stream().mapToDouble(Double::doubleValue).toArray();
        boolean positive = v[0] > 0;
        boolean log = positive && (name.endsWith("Ratio") || v[v.length - 1] / v[0] >= 10);
        return new SliceAxis(name, label(name), log ? AxisScale.LOG : AxisScale.LINEAR, v);
    }

    static String label(String name) {
        return switch (name) {
            case "varianceRatio" -> "variance ratio σ²_A/σ²_B (dimensionless)";
            case IMBALANCE -> "imbalance ratio π_A/π_B (dimensionless)";
            case "radiusRatio" -> "radius ratio r_A/r_B (dimensionless)";
            case "angleDeg" -> "angle between centroids (degrees)";
            case "t" -> "diffusion time t (OU time)";
            case "psiP" -> "ψ_p = p/d (dimensionless)";
            case "psiN" -> "ψ_n = n/d (dimensionless)";
            case "d" -> "dimension d";
            default -> name;
        };
    }

    static String slug(String slice) {
        String s = slice.replaceAll("[^A-Za-z0-9.]+", "_").replaceAll("^_+|_+$", "");
        return s.isEmpty() ? "all" : s;
    }

    private static void write(FileSystem fs, Path p, String text) throws IOException {
        try (OutputStream o = fs.create(p, true)) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
