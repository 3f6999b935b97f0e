package org.diffsweep.jobs.run;

import java.io.IOException;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.diffsweep.jobs.ledger.AggregatedLedger;
import org.diffsweep.jobs.ledger.Exports;
import org.diffsweep.jobs.ledger.Ledger;
import org.diffsweep.jobs.ledger.LedgerAggregation;
import org.diffsweep.jobs.ledger.MixtureModel;
import org.diffsweep.jobs.report.SweepReport;
import org.diffsweep.jobs.spec.SweepSpec;

/**
 * Every output of a Gaussian-mixture sweep, derived from its ledger alone: {@code results.csv}, the aggregated
 * tables ({@link LedgerAggregation}) rendered by {@link SweepReport} (phase and boundary tables, figures, summary,
 * report.html) and {@code phase.parquet}. {@code diffsweep run} and {@code diffsweep report} both write them here.
 */
public final class MixtureOutputs {
    private MixtureOutputs() {}

    /**
     * Writes the outputs of {@code ledger}, a sweep of {@code spec} (its stored spec).
     *
     * @param master Spark master of the run, for the provenance
     */
    public static SweepReport.Outcome write(SparkSession spark, Ledger ledger, SweepSpec spec, String master) throws IOException {
        List<String> axes = spec.grid().axisNames();
        Dataset<Row> view = LedgerAggregation.view(spark, ledger, axes).cache();
        try {
            Exports.resultsCsv(ledger, view);
            AggregatedLedger agg = LedgerAggregation.aggregate(view, axes, spec.designPaths());
            MixtureModel model = new MixtureModel(spec.mode());
            List<org.diffsweep.jobs.ledger.StoredCurve> curves = agg.points() <= SweepReport.MAX_DRILL_DOWN_POINTS
                    ? LedgerAggregation.curves(view, axes) : List.of();
            SweepReport.Outcome o = SweepReport.write(ledger, agg, curves, new SweepReport.Input(spec.name(), spec, spec.rawText(),
                    spec.grid().size(), model.evaluatorName() + " " + model.evaluatorVersion(), master));
            Exports.phaseParquet(spark, ledger, o.phaseCells());
            return o;
        } finally { view.unpersist(); }
    }
}
