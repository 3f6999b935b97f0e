package org.diffsweep.jobs.sweep;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.diffsweep.jobs.grid.Grid;
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
     * Writes every output in one pass over the view (sorted by point index, streamed to the driver partition by
     * partition): each row goes to the CSV and updates the per-status point counts and the per-cell D_gen sums, so
     * the driver holds O(cells), not O(points). Returns the number of grid points whose status is not OK.
     *
     * @param computed points computed by this run
     */
    long write(Dataset<Row> view, SweepRequest req, LedgerSchema.Provenance prov, List<String> axes, long gridSize,
               long computed, double runSeconds) throws IOException {
        boolean phase = axes.size() >= 2;
        String xName = phase ? axes.get(0) : null, yName = phase ? axes.get(1) : null;
        String[] cols = view.columns();
        int iClass = index(cols, LedgerSchema.CLASS_INDEX), iStatus = index(cols, LedgerSchema.STATUS);
        int iD = index(cols, LedgerSchema.D_GEN);
        int iX = phase ? index(cols, LedgerSchema.axisColumn(xName)) : -1;
        int iY = phase ? index(cols, LedgerSchema.axisColumn(yName)) : -1;
        Map<String, Long> byStatus = new TreeMap<>();
        Map<List<Double>, double[]> cells = new HashMap<>();
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
                if (r.getInt(iClass) != 0) continue;
                byStatus.merge(r.getString(iStatus), 1L, Long::sum);
                if (phase && !r.isNullAt(iD) && !r.isNullAt(iX) && !r.isNullAt(iY)) {
                    double[] acc = cells.computeIfAbsent(List.of(r.getDouble(iX), r.getDouble(iY)), k -> new double[2]);
                    acc[0] += r.getDouble(iD);
                    acc[1]++;
                }
            }
        }
        long inLedger = byStatus.values().stream().mapToLong(Long::longValue).sum();
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
        if (phase) {
            phase(req.grid(), cells, req.runName(), xName, yName, s);
        } else {
            s.append("phase diagram: not drawn (needs two swept axes, the grid has ").append(axes.size()).append(")\n");
        }
        try (OutputStream o = fs.create(new Path(out, SUMMARY), true)) {
            o.write(s.toString().getBytes(StandardCharsets.UTF_8));
        }
        return failed;
    }

    private static int index(String[] cols, String name) {
        for (int i = 0; i < cols.length; i++) if (cols[i].equals(name)) return i;
        throw new IllegalStateException("ledger view lacks column " + name);
    }

    private void phase(Grid grid, Map<List<Double>, double[]> cells, String name, String xName, String yName,
                       StringBuilder s) throws IOException {
        // Axis values of the whole grid (points not computed yet become 'no data' cells): one point at a time.
        TreeSet<Double> xset = new TreeSet<>(), yset = new TreeSet<>();
        for (long i = 0, n = grid.size(); i < n; i++) {
            Map<String, Double> c = grid.point(i).coordinates();
            Double x = c.get(xName), y = c.get(yName);
            if (x != null) xset.add(x);
            if (y != null) yset.add(y);
        }
        double[] xs = xset.stream().mapToDouble(Double::doubleValue).toArray();
        double[] ys = yset.stream().mapToDouble(Double::doubleValue).toArray();
        double[][] v = new double[xs.length][ys.length];
        for (double[] row : v) Arrays.fill(row, Double.NaN);
        for (Map.Entry<List<Double>, double[]> e : cells.entrySet()) {
            int i = Arrays.binarySearch(xs, e.getKey().get(0)), j = Arrays.binarySearch(ys, e.getKey().get(1));
            if (i >= 0 && j >= 0) v[i][j] = e.getValue()[0] / e.getValue()[1];
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
        s.append(String.format(Locale.ROOT, "D_gen = log(tau_gen,A / tau_gen,B) (first vs second class, mean over seeds)"
                + " over %s x %s: %d cells < 0, %d > 0, %d = 0, %d no data%n", xName, yName, neg, pos, zero, none));
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

    /** CSV field: doubles in Java's shortest round-trip form, strings quoted when needed. */
    static String csv(Object o) {
        String s = String.valueOf(o);
        if (o instanceof String && (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0)) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
