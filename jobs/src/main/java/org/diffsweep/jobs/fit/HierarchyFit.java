package org.diffsweep.jobs.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.RandomForestRegressionModel;
import org.apache.spark.ml.regression.RandomForestRegressor;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.diffsweep.jobs.phase.DMetric;

/**
 * The hierarchy fit (docs/science.md §15): for each target order parameter, a Spark MLlib random-forest regression
 * over the sweep's parameters (log scales where {@link FitData#features} says; every split may use every feature, so
 * the forest is bagged trees and an irrelevant feature is never forced into a split), with
 * <ul>
 *   <li>held-out error: RMSE and R² on a seeded random 20 % of the points, for a forest trained on the other 80 %,
 *       next to the RMSE of predicting the training mean (what "no model" scores);</li>
 *   <li>feature importances of the forest trained on every point (MLlib's impurity decrease, normalised to sum 1),
 *       with percentile intervals over {@code bootstrap} forests trained on resamples of the points with
 *       replacement;</li>
 *   <li>partial dependence of every feature (Friedman 2001): the mean prediction over all points with that feature
 *       set to each of {@link Options#pdPoints} values evenly spaced (in its scale) over its range.</li>
 * </ul>
 * Deterministic given {@link Options#seed} (the training table is one partition, so the forest does not depend on the
 * master's parallelism). Small tables (a few thousand points) are collected on the driver;
 * training runs on Spark.
 */
public final class HierarchyFit {
    private HierarchyFit() {}

    /**
     * Fit settings.
     *
     * @param trees     trees per forest
     * @param maxDepth  maximum tree depth
     * @param bootstrap bootstrap forests for the importance intervals (0 = none)
     * @param pdPoints  partial-dependence values per feature
     * @param holdOut   fraction of points held out for the error
     * @param seed      seed of the split, the resamples and the forests
     */
    public record Options(int trees, int maxDepth, int bootstrap, int pdPoints, double holdOut, long seed) {
        public Options {
            if (trees < 1 || maxDepth < 1 || bootstrap < 0 || pdPoints < 2 || !(holdOut > 0 && holdOut < 1)) {
                throw new IllegalArgumentException("invalid fit options " + trees + ", " + maxDepth + ", " + bootstrap + ", "
                        + pdPoints + ", " + holdOut);
            }
        }

        /** 100 trees of depth ≤ 6, 30 bootstrap forests, 12 partial-dependence values, 20 % held out, seed 1. */
        public static Options defaults() { return new Options(100, 6, 30, 12, 0.2, 1L); }
    }

    /**
     * One target's fit.
     *
     * @param target         the order parameter
     * @param features       the inputs
     * @param points         points in the regression
     * @param censoredPoints points left out: a seed's time is off the tau grid
     * @param missingPoints  points left out: a seed's value was not computed
     * @param targetSd       standard deviation of the response over the points
     * @param heldOutRmse    RMSE on the held-out points (NaN with fewer than 5 points)
     * @param heldOutR2      1 − SSE/SST on the held-out points, SST about the training mean
     * @param meanRmse       RMSE of predicting the training mean on the held-out points
     * @param heldOut        held-out points
     * @param importance     importances of the all-points forest, per feature (sum 1)
     * @param importanceLo   2.5 % bootstrap percentile, per feature (NaN without bootstrap)
     * @param importanceHi   97.5 % bootstrap percentile
     * @param pdValues       per feature, the partial-dependence abscissae (axis units)
     * @param pd             per feature, the mean prediction at each abscissa
     * @param pdLo           per feature, the 2.5 % bootstrap percentile of the partial dependence at each abscissa
     *                       (NaN without bootstrap)
     * @param pdHi           the 97.5 % percentile
     * @param seconds        wall time of this target's fits
     */
    public record TargetFit(DMetric target, List<FitFeature> features, int points, int censoredPoints, int missingPoints,
                            double targetSd, double heldOutRmse, double heldOutR2, double meanRmse, int heldOut,
                            double[] importance, double[] importanceLo, double[] importanceHi, double[][] pdValues,
                            double[][] pd, double[][] pdLo, double[][] pdHi, double seconds) {}

    /** Fits every target of {@link FitData#TARGETS} that has at least 2 points; the others are reported with 0 points. */
    public static List<TargetFit> fit(SparkSession spark, FitData data, Options o) {
        List<FitFeature> features = data.features();
        List<TargetFit> out = new ArrayList<>();
        for (DMetric t : FitData.TARGETS) out.add(fitOne(spark, t, features, data.table(t, features), o));
        return out;
    }

    static TargetFit fitOne(SparkSession spark, DMetric target, List<FitFeature> features, FitData.Table tab, Options o) {
        long t0 = System.nanoTime();
        int n = tab.size(), f = features.size();
        double[] nan = new double[f];
        Arrays.fill(nan, Double.NaN);
        if (n < 2 || f == 0) {
            return new TargetFit(target, features, n, tab.censored(), tab.missing(), sd(tab.y()), Double.NaN, Double.NaN, Double.NaN, 0,
                    nan, nan, nan, new double[f][0], new double[f][0], new double[f][0], new double[f][0], 0);
        }
        Random r = new Random(o.seed());
        // held-out error
        double rmse = Double.NaN, r2 = Double.NaN, meanRmse = Double.NaN;
        int nTest = n >= 5 ? Math.max(1, (int) Math.round(o.holdOut() * n)) : 0;
        if (nTest > 0) {
            int[] perm = permutation(n, r);
            int[] test = Arrays.copyOfRange(perm, 0, nTest), train = Arrays.copyOfRange(perm, nTest, n);
            RandomForestRegressionModel m = train(spark, tab, train, o, o.seed());
            double mean = 0;
            for (int i : train) mean += tab.y()[i] / train.length;
            double sse = 0, sst = 0;
            for (int i : test) {
                double e = m.predict(Vectors.dense(tab.x()[i])) - tab.y()[i];
                sse += e * e;
                sst += (tab.y()[i] - mean) * (tab.y()[i] - mean);
            }
            rmse = Math.sqrt(sse / nTest);
            meanRmse = Math.sqrt(sst / nTest);
            r2 = sst > 0 ? 1 - sse / sst : Double.NaN;
        }
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        RandomForestRegressionModel full = train(spark, tab, all, o, o.seed());
        double[] imp = importances(full, f);
        double[] lo = nan.clone(), hi = nan.clone();
        double[][] pdx = new double[f][o.pdPoints()];
        double[][] internal = new double[f][o.pdPoints()];
        for (int j = 0; j < f; j++) {
            FitFeature ft = features.get(j);
            double a = ft.internal(ft.min()), b = ft.internal(ft.max());
            for (int k = 0; k < o.pdPoints(); k++) {
                internal[j][k] = a + (b - a) * k / (o.pdPoints() - 1);
                pdx[j][k] = ft.external(internal[j][k]);
            }
        }
        double[][] pdy = partialDependence(full, tab, internal);
        double[][] pdLo = new double[f][o.pdPoints()], pdHi = new double[f][o.pdPoints()];
        for (double[] row : pdLo) Arrays.fill(row, Double.NaN);
        for (double[] row : pdHi) Arrays.fill(row, Double.NaN);
        if (o.bootstrap() > 0) {
            double[][] boot = new double[f][o.bootstrap()];
            double[][][] bootPd = new double[f][o.pdPoints()][o.bootstrap()];
            for (int b = 0; b < o.bootstrap(); b++) {
                int[] idx = new int[n];
                for (int i = 0; i < n; i++) idx[i] = r.nextInt(n);
                RandomForestRegressionModel m = train(spark, tab, idx, o, o.seed() + 1 + b);
                double[] bi = importances(m, f);
                double[][] bp = partialDependence(m, tab, internal);
                for (int j = 0; j < f; j++) {
                    boot[j][b] = bi[j];
                    for (int k = 0; k < o.pdPoints(); k++) bootPd[j][k][b] = bp[j][k];
                }
            }
            for (int j = 0; j < f; j++) {
                lo[j] = percentile(boot[j], 0.025);
                hi[j] = percentile(boot[j], 0.975);
                for (int k = 0; k < o.pdPoints(); k++) {
                    pdLo[j][k] = percentile(bootPd[j][k], 0.025);
                    pdHi[j][k] = percentile(bootPd[j][k], 0.975);
                }
            }
        }
        return new TargetFit(target, features, n, tab.censored(), tab.missing(), sd(tab.y()), rmse, r2, meanRmse, nTest, imp, lo, hi,
                pdx, pdy, pdLo, pdHi, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Partial dependence of {@code m} (Friedman): for feature j at each internal value u, the mean prediction over the
     * table's rows with feature j set to u.
     */
    private static double[][] partialDependence(RandomForestRegressionModel m, FitData.Table tab, double[][] internal) {
        double[][] out = new double[internal.length][];
        for (int j = 0; j < internal.length; j++) {
            out[j] = new double[internal[j].length];
            for (int k = 0; k < internal[j].length; k++) {
                double s = 0;
                for (double[] row : tab.x()) {
                    double[] z = row.clone();
                    z[j] = internal[j][k];
                    s += m.predict(Vectors.dense(z));
                }
                out[j][k] = s / tab.size();
            }
        }
        return out;
    }

    private static RandomForestRegressionModel train(SparkSession spark, FitData.Table tab, int[] rows, Options o, long seed) {
        List<Row> data = new ArrayList<>(rows.length);
        for (int i : rows) data.add(RowFactory.create(Vectors.dense(tab.x()[i]), tab.y()[i]));
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType(), false).add("label", DataTypes.DoubleType, false);
        Dataset<Row> df = spark.createDataFrame(data, schema).coalesce(1); // one partition: the same forest on any master
        return new RandomForestRegressor().setNumTrees(o.trees()).setMaxDepth(o.maxDepth()).setSeed(seed).setFeatureSubsetStrategy("all")
                .setFeaturesCol("features").setLabelCol("label").fit(df);
    }

    private static double[] importances(RandomForestRegressionModel m, int f) {
        Vector v = m.featureImportances();
        double[] out = new double[f];
        for (int j = 0; j < f && j < v.size(); j++) out[j] = v.apply(j);
        return out;
    }

    private static int[] permutation(int n, Random r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Linear-interpolated percentile (type 7) of {@code v} at {@code q} in [0, 1]. */
    static double percentile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        double h = (s.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    private static double sd(double[] y) {
        if (y.length < 2) return Double.NaN;
        double m = Arrays.stream(y).average().orElse(0), s = 0;
        for (double v : y) s += (v - m) * (v - m);
        return Math.sqrt(s / (y.length - 1));
    }
}
