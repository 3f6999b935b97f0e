package org.diffsweep.jobs.fit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.diffsweep.jobs.json.Csv;
import org.diffsweep.jobs.ledger.Ledger;
import org.diffsweep.jobs.phase.AxisScale;
import org.diffsweep.jobs.phase.PhaseTables;
import org.diffsweep.jobs.plot.LineChart;
import org.diffsweep.jobs.report.HtmlReport;
import org.diffsweep.jobs.report.ReportData;
import org.diffsweep.jobs.report.ReportFigure;
import org.diffsweep.jobs.report.ReportProvenance;
import org.diffsweep.jobs.report.ReportTable;
import org.jfree.chart.JFreeChart;

/**
 * The fit's files in the output folder (docs/outputs.md "Fit"): {@code fit.csv} (one row per target × feature),
 * {@code partial-dependence.csv}, {@code figures/pd-<target>.png|svg} and {@code fit.html} (the importance table
 * with bootstrap intervals, the held-out errors and the partial-dependence figures). Tables are deterministic (no
 * timings); every file is written atomically.
 */
public final class FitOutputs {

    public static final String FIT_CSV = "fit.csv";
    public static final String PD_CSV = "partial-dependence.csv";
    public static final String FIT_HTML = "fit.html";
    /** fit.csv's header. */
    public static final String HEADER = "target,feature,scale,importance,importanceLo,importanceHi,points,censoredPoints,missingPoints,"
            + "heldOut,heldOutRmse,heldOutR2,meanPredictorRmse,targetSd";

    private FitOutputs() {}

    /** fit.csv. */
    public static String fitCsv(List<HierarchyFit.TargetFit> fits) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (HierarchyFit.TargetFit t : fits) {
            List<Object> tail = List.of(t.points(), t.censoredPoints(), t.missingPoints(), t.heldOut(), t.heldOutRmse(), t.heldOutR2(),
                    t.meanRmse(), t.targetSd());
            if (t.features().isEmpty()) b.append(Csv.line(Stream.concat(Stream.of(t.target().name(), null, null, null, null, null), tail.stream()).toArray()));
            for (int j = 0; j < t.features().size(); j++) {
                FitFeature f = t.features().get(j);
                b.append(Csv.line(Stream.concat(Stream.of(t.target().name(), f.name(), f.scale().name().toLowerCase(Locale.ROOT),
                        t.importance()[j], t.importanceLo()[j], t.importanceHi()[j]), tail.stream()).toArray()));
            }
        }
        return b.toString();
    }

    /**
     * partial-dependence.csv: target, feature, value (axis units), prediction, and its 2.5 / 97.5 % percentiles over the
     * bootstrap forests (empty without bootstrap).
     */
    public static String pdCsv(List<HierarchyFit.TargetFit> fits) {
        StringBuilder b = new StringBuilder("target,feature,value,prediction,predictionLo,predictionHi\n");
        for (HierarchyFit.TargetFit t : fits) {
            for (int j = 0; j < t.features().size(); j++) {
                for (int k = 0; k < t.pdValues()[j].length; k++) {
                    b.append(Csv.line(t.target().name(), t.features().get(j).name(), t.pdValues()[j][k], t.pd()[j][k], t.pdLo()[j][k],
                            t.pdHi()[j][k]));
                }
            }
        }
        return b.toString();
    }

    /** The importance table: one row per target, one column per feature ("0.83 [0.78, 0.88]"). */
    public static ReportTable table(List<HierarchyFit.TargetFit> fits) {
        List<String> header = new ArrayList<>(List.of("order parameter", "points (censored, missing)", "held-out RMSE",
                "mean-predictor RMSE", "held-out R²"));
        List<FitFeature> features = fits.isEmpty() ? List.of() : fits.get(0).features();
        for (FitFeature f : features) header.add(f.label());
        List<List<String>> rows = new ArrayList<>();
        for (HierarchyFit.TargetFit t : fits) {
            List<String> r = new ArrayList<>(List.of(t.target().label(), t.points() + " (" + t.censoredPoints() + ", " + t.missingPoints() + ")",
                    PhaseTables.shortNumber(t.heldOutRmse()), PhaseTables.shortNumber(t.meanRmse()), PhaseTables.shortNumber(t.heldOutR2())));
            for (int j = 0; j < features.size(); j++) {
                r.add(PhaseTables.shortNumber(t.importance()[j]) + (Double.isNaN(t.importanceLo()[j]) ? ""
                        : " [" + PhaseTables.shortNumber(t.importanceLo()[j]) + ", " + PhaseTables.shortNumber(t.importanceHi()[j]) + "]"));
            }
            rows.add(r);
        }
        return new ReportTable("Feature importances of the random-forest fit (95 % bootstrap interval)", header, rows);
    }

    /** Writes every fit file into {@code out}; returns the files written, relative to the folder. */
    public static List<String> write(Ledger out, String name, String specHash, String master, List<HierarchyFit.TargetFit> fits,
                                     HierarchyFit.Options o) throws IOException {
        List<String> files = new ArrayList<>();
        out.writeText(FIT_CSV, fitCsv(fits));
        files.add(FIT_CSV);
        out.writeText(PD_CSV, pdCsv(fits));
        files.add(PD_CSV);
        List<ReportFigure> figures = new ArrayList<>();
        List<String> summary = new ArrayList<>();
        summary.add("Random forests (Spark MLlib, " + o.trees() + " trees, depth ≤ " + o.maxDepth() + ", seed " + o.seed() + ") of each "
                + "measured order parameter over the sweep's parameters (ln of ratio axes and of axes spanning a decade). "
                + "Response: the seed mean of a parameter point; points with a censored or missing seed are left out and counted.");
        summary.add("Held-out error: RMSE on " + Math.round(o.holdOut() * 100) + " % of the points held out from a forest trained on the "
                + "rest, next to the RMSE of predicting the training mean. Importances: impurity decrease of the forest on every point "
                + "(sum 1), with 2.5–97.5 % percentiles over " + o.bootstrap() + " forests on bootstrap resamples of the points.");
        for (HierarchyFit.TargetFit t : fits) {
            if (t.points() < 2 || t.features().isEmpty()) {
                summary.add(t.target().label() + ": not fitted (" + t.points() + " points with exact values; " + t.censoredPoints()
                        + " censored, " + t.missingPoints() + " missing).");
                continue;
            }
            summary.add(String.format(Locale.ROOT, "%s: %d points, held-out RMSE %s (mean predictor %s), fitted in %.1f s.", t.target().label(),
                    t.points(), PhaseTables.shortNumber(t.heldOutRmse()), PhaseTables.shortNumber(t.meanRmse()), t.seconds()));
            List<LineChart.Series> s = new ArrayList<>();
            for (int j = 0; j < t.features().size(); j++) {
                FitFeature f = t.features().get(j);
                double[] u = new double[t.pdValues()[j].length];
                double a = f.internal(f.min()), b = f.internal(f.max());
                for (int k = 0; k < u.length; k++) u[k] = (f.internal(t.pdValues()[j][k]) - a) / (b - a);
                s.add(new LineChart.Series(f.label(), u, t.pd()[j], j, LineChart.Style.MEASURED));
                if (o.bootstrap() > 0) {
                    s.add(new LineChart.Series(f.label() + " 2.5 %", u, t.pdLo()[j], j, LineChart.Style.DOTTED));
                    s.add(new LineChart.Series(f.label() + " 97.5 %", u, t.pdHi()[j], j, LineChart.Style.DOTTED));
                }
            }
            String sym = t.target().quantity().symbol();
            JFreeChart ch = LineChart.create("partial dependence of " + t.target().label(), "position in the feature's range (0 = min, 1 = max; "
                    + "log features in ln)", AxisScale.LINEAR, sym + " (fitted, mean over the points)", AxisScale.LINEAR, s);
            List<LineChart.LegendKey> keys = new ArrayList<>();
            for (int j = 0; j < t.features().size(); j++) keys.add(new LineChart.LegendKey(t.features().get(j).label(), j, LineChart.Style.MEASURED));
            if (o.bootstrap() > 0) keys.add(new LineChart.LegendKey("bootstrap 2.5 / 97.5 %", -1, LineChart.Style.DOTTED));
            LineChart.legend(ch, keys);
            byte[] png = ReportFigure.write(out, ch, ReportFigure.FIT_PREFIX + sym, ReportFigure.FIT_PREFIX + sym, files);
            figures.add(new ReportFigure("Partial dependence, " + t.target().label(), "Mean fitted " + sym + " over all points with one "
                    + "feature set to each value of its range (Friedman's partial dependence); a flat curve = the feature does not "
                    + "move " + sym + "." + (o.bootstrap() > 0 ? " Dotted: the 2.5 and 97.5 % percentiles over the " + o.bootstrap()
                    + " bootstrap forests." : ""), png, null));
        }
        out.writeText(FIT_HTML, HtmlReport.render(new ReportData("diffsweep fit: " + name, "", ReportProvenance.now("", specHash, master), summary, null, figures,
                List.of(table(fits)), List.of())));
        files.add(FIT_HTML);
        return files;
    }

}
