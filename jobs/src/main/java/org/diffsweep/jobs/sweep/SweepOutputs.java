package org.diffsweep.jobs.sweep;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.diffsweep.jobs.ledger.LedgerSchema;
import org.jfree.chart.JFreeChart;

/**
 * Writes the human-facing outputs of a sweep from the deduplicated ledger view, through the Hadoop filesystem:
 * {@code results.csv} (streamed from the executors in point order, so driver memory stays bounded),
 * {@code phase-diagram.png}/{@code .svg} and {@code summary.txt}.
 */
public final class SweepOutputs {
    public static final String CSV = "results.csv";
    public static final String PNG = "phase-diagram.png";
    public static final String SVG = "phase-diagram.svg";
    public static final String SUMMARY = "summary.txt";
    /** Most sign changes listed in the summary. */
    static final int MAX_SIGN_CHANGES = 40;

    private final SparkSession spark;
    private final FileSystem fs;
    private final Path out;

    SweepOutputs(SparkSession spark, FileSystem fs, Path out) {
        this.spark = spark;
        this.fs = fs;
        this.out = out;
    }

    /** Whether the summary (written last) exists. */
    static boolean exist(FileSystem fs, Path out) throws IOException {
        return fs.exists(new Path(out, SUMMARY));
    }

    /**
     * Writes every output; returns the number of grid points whose status is not OK.
     *
     * @param gridIds  (pointIndex, pointId, gx, gy) of every grid point
     * @param computed points computed by this run
     */
    long write(Dataset<Row> view, Dataset<Row> gridIds, SweepRequest req, LedgerSchema.Provenance prov,
               List<String> axes, long gridSize, long computed, double runSeconds) throws IOException {
        writeCsv(view);
        Dataset<Row> perPoint = view.where(col(LedgerSchema.CLASS_INDEX).equalTo(0));
        Map<String, Long> byStatus = new TreeMap<>();
        long inLedger = 0;
        for (Row r : perPoint.groupBy(LedgerSchema.STATUS).count().collectAsList()) {
            byStatus.put(r.getString(0), r.getLong(1));
            inLedger += r.getLong(1);
        }
        long failed = inLedger - byStatus.getOrDefault("OK", 0L);

        StringBuilder s = new StringBuilder();
        s.append("sweep: ").append(req.runName()).append('\n');
        s.append("specHash: ").append(req.specHash()).append('\n');
        s.append("code version: ").append(prov.codeVersion()).append('\n');
        s.append("evaluator: ").append(prov.evaluator()).append(' ').append(prov.evaluatorVersion()).append('\n');
        s.append("points: ").append(gridSize).append(" in the grid (seeds included), ").append(inLedger)
                .append(" in the ledger, ").append(computed).append(" computed by this run\n");
        s.append("failures: ").append(failed).append(" points with status other than OK");
        if (failed > 0) s.append(' ').append(byStatus);
        s.append('\n');
        s.append(String.format(Locale.ROOT, "time: %.1f s for this run (before writing outputs)%n", runSeconds));

        if (axes.size() >= 2) {
            phase(perPoint, gridIds, req.runName(), axes, s);
        } else {
            s.append("phase diagram: not drawn (needs two swept axes, the grid has ").append(axes.size()).append(")\n");
        }
        try (OutputStream o = fs.create(new Path(out, SUMMARY), true)) {
            o.write(s.toString().getBytes(StandardCharsets.UTF_8));
        }
        return failed;
    }

    private void phase(Dataset<Row> perPoint, Dataset<Row> gridIds, String name, List<String> axes, StringBuilder s)
            throws IOException {
        String xName = axes.get(0), yName = axes.get(1);
        double[] xs = distinct(gridIds, "gx"), ys = distinct(gridIds, "gy");
        double[][] v = new double[xs.length][ys.length];
        for (double[] row : v) Arrays.fill(row, Double.NaN);
        String cx = LedgerSchema.axisColumn(xName), cy = LedgerSchema.axisColumn(yName);
        List<Row> cells = perPoint.where(col(LedgerSchema.D_GEN).isNotNull())
                .groupBy(col(cx), col(cy)).agg(avg(LedgerSchema.D_GEN), count(LedgerSchema.D_GEN)).collectAsList();
        for (Row r : cells) {
            if (r.isNullAt(0) || r.isNullAt(1)) continue;
            int i = Arrays.binarySearch(xs, r.getDouble(0)), j = Arrays.binarySearch(ys, r.getDouble(1));
            if (i >= 0 && j >= 0) v[i][j] = r.getDouble(2);
        }
        JFreeChart chart = PhaseDiagramPlot.chart(name + ": sign of D_gen", xName, xs, yName, ys, v);
        try (OutputStream o = fs.create(new Path(out, PNG), true)) {
            PhaseDiagramPlot.writePng(chart, o, 800, 600);
        }
        try (OutputStream o = fs.create(new Path(out, SVG), true)) {
            PhaseDiagramPlot.writeSvg(chart, o, 800, 600);
        }
        int neg = 0, pos = 0, zero = 0, none = 0;
        for (double[] row : v) {
            for (double z : row) {
                if (Double.isNaN(z)) none++;
                else if (z < 0) neg++;
                else if (z > 0) pos++;
                else zero++;
            }
        }
        s.append(String.format(Locale.ROOT, "D_gen (class %s vs %s, mean over seeds) over %s x %s: %d cells < 0, %d > 0,"
                + " %d = 0, %d no data%n", "A=first", "B=second", xName, yName, neg, pos, zero, none));
        List<String> changes = signChanges(xName, xs, yName, ys, v);
        if (changes.isEmpty()) {
            s.append("D_gen sign changes: none along ").append(yName).append('\n');
        } else {
            s.append("D_gen changes sign (along ").append(yName).append(", interpolated zero in parentheses):\n");
            for (int k = 0; k < Math.min(MAX_SIGN_CHANGES, changes.size()); k++) s.append("  ").append(changes.get(k)).append('\n');
            if (changes.size() > MAX_SIGN_CHANGES) s.append("  ... ").append(changes.size() - MAX_SIGN_CHANGES).append(" more\n");
        }
    }

    /**
     * For each x column, the y intervals between neighbouring cells with values of opposite sign, with the zero of the
     * linear interpolation of D_gen (in log y for a log axis; theory §8 reversal boundary).
     */
    static List<String> signChanges(String xName, double[] xs, String yName, double[] ys, double[][] v) {
        boolean yLog = PhaseDiagramPlot.logAxis(yName, ys);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) {
            int prev = -1;
            for (int j = 0; j < ys.length; j++) {
                if (Double.isNaN(v[i][j]) || v[i][j] == 0) continue;
                if (prev >= 0 && Math.signum(v[i][prev]) != Math.signum(v[i][j])) {
                    double a = v[i][prev], b = v[i][j], f = a / (a - b);
                    double y0 = ys[prev], y1 = ys[j];
                    double z = yLog ? Math.exp(Math.log(y0) + f * (Math.log(y1) - Math.log(y0))) : y0 + f * (y1 - y0);
                    out.add(String.format(Locale.ROOT, "%s = %s: between %s = %s and %s (%s)", xName, fmt(xs[i]), yName,
                            fmt(y0), fmt(y1), fmt(z)));
                }
                prev = j;
            }
        }
        return out;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static double[] distinct(Dataset<Row> gridIds, String c) {
        List<Row> rows = gridIds.where(col(c).isNotNull()).select(c).distinct().collectAsList();
        double[] a = new double[rows.size()];
        for (int i = 0; i < a.length; i++) a[i] = rows.get(i).getDouble(0);
        Arrays.sort(a);
        return a;
    }

    private void writeCsv(Dataset<Row> view) throws IOException {
        String[] cols = view.columns();
        Iterator<Row> it = view.orderBy(LedgerSchema.POINT_INDEX, LedgerSchema.CLASS_INDEX).toLocalIterator();
        try (Writer w = new BufferedWriter(new OutputStreamWriter(fs.create(new Path(out, CSV), true), StandardCharsets.UTF_8))) {
            w.write(String.join(",", cols));
            w.write('\n');
            StringBuilder b = new StringBuilder();
            while (it.hasNext()) {
                Row r = it.next();
                b.setLength(0);
                for (int k = 0; k < cols.length; k++) {
                    if (k > 0) b.append(',');
                    if (!r.isNullAt(k)) b.append(csv(r.get(k)));
                }
                b.append('\n');
                w.write(b.toString());
            }
        }
    }

    /** CSV field: doubles in Java's shortest round-trip form, strings quoted when needed. */
    static String csv(Object o) {
        String s = String.valueOf(o);
        if (o instanceof String && (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0)) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
