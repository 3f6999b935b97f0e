package org.diffsweep.jobs.sweep;

import org.diffsweep.jobs.report.SweepReport;
import org.diffsweep.jobs.spec.RefineSpec;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.diffsweep.core.point.StandardEvaluator;
import org.diffsweep.jobs.grid.PointIds;
import org.diffsweep.jobs.spark.SparkSessions;
import org.diffsweep.jobs.spec.RunOptions;
import org.diffsweep.jobs.spec.SweepExecutor;
import org.diffsweep.jobs.spec.SweepPlan;

/**
 * {@code diffsweep run}: the validated plan evaluated on Spark with the {@link StandardEvaluator}. Refusals (lock
 * held, incompatible spec) print one line and exit 2; the run's outcome is printed as text or JSON.
 */
public final class SparkSweepExecutor implements SweepExecutor {
    private final EvaluatorFactory factory;
    private final PointIdFunction ids;

    /** The production wiring: {@link StandardEvaluator} and {@link PointIds#pointId}. */
    public SparkSweepExecutor() {
        this(StandardEvaluator::new, PointIds::pointId);
    }

    /** Another evaluator or identity function (tests). */
    public SparkSweepExecutor(EvaluatorFactory factory, PointIdFunction ids) {
        this.factory = factory;
        this.ids = ids;
    }

    @Override
    public int run(SweepPlan plan, RunOptions opts) {
        SparkSession spark = SparkSessions.getOrCreate(opts.master(), "diffsweep " + plan.name(), false,
                Map.of("spark.executorEnv.OPENBLAS_NUM_THREADS", "1"));
        SweepRequest req = new SweepRequest(plan.name(), plan.specHash(), plan.canonicalSpec(), plan.grid(),
                plan.outputDir(), factory, ids);
        try {
            SweepOptions so = SweepOptions.defaults().withProgress(opts.errStream(), System.console() != null);
            if (opts.waveSize() > 0) so = so.withWaveSize(opts.waveSize());
            RefineSpec refine = RefineSpec.of(plan.spec());
            SweepOutcome o;
            if (refine == null) {
                o = new SweepRunner(spark).run(req, so);
            } else {
                RefiningSweep.Outcome r = new RefiningSweep(spark).run(req, refine, so);
                o = r.last();
                opts.err().println("refine: " + r.waves() + " refinement wave(s) added " + r.added() + " points per seed ("
                        + r.points() + " in all, base grid included); stop: " + r.stop());
                opts.err().flush();
            }
            if (opts.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", plan.name());
                m.put("specHash", plan.specHash());
                m.put("output", plan.outputDir());
                m.put("master", spark.sparkContext().master());
                m.put("outcome", o);
                opts.out().println(new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(m));
            } else {
                opts.out().printf("done: %d points in grid, %d already in the ledger, %d computed, %s; %.1f s "
                                + "(plan %.1f s, evaluate %.1f s, outputs %.1f s) -> %s%n",
                        o.gridPoints(), o.alreadyDone(), o.computed(), o.failureSummary(), o.totalSeconds(),
                        o.planSeconds(), o.evalSeconds(), o.outputSeconds(), plan.outputDir());
            }
            opts.out().flush();
            if (o.outputsWritten()) {
                SweepReport.Outcome r = new SweepReport(spark).generate(plan.outputDir(), spark.sparkContext().master());
                opts.err().println("report: " + r.slices().size() + " slice(s), " + r.cells() + " phase cells -> "
                        + plan.outputDir() + "/" + SweepReport.REPORT_HTML);
                opts.err().flush();
            }
            return o.hasFailures() ? 1 : 0;
        } catch (SweepRefusedException e) {
            opts.err().println("error: " + e.getMessage());
            opts.err().flush();
            return 2;
        } catch (java.io.IOException e) {
            opts.err().println("error: " + plan.outputDir() + ": " + e.getMessage());
            opts.err().flush();
            return 1;
        }
    }

    /** Replays one point in this process (Spark in local mode only reads the ledger); see {@link PointReplay}. */
    @Override
    public int replay(String runDir, String pointId, RunOptions opts) {
        SparkSession spark = SparkSessions.getOrCreate(opts.master().isBlank() ? "local[1]" : opts.master(),
                "diffsweep replay", false, Map.of());
        PointReplay.Result r;
        try {
            r = new PointReplay(spark, factory, ids).replay(runDir, pointId);
        } catch (java.io.IOException e) {
            opts.err().println("error: " + runDir + ": " + e.getMessage());
            opts.err().flush();
            return 2;
        }
        if (opts.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", r.status().name());
            m.put("pointId", r.pointId());
            m.put("pointIndex", r.pointIndex());
            m.put("message", r.message());
            m.put("ledgerRows", r.ledgerRows());
            m.put("fieldsCompared", r.fieldsCompared());
            java.util.List<Map<String, Object>> ds = new java.util.ArrayList<>();
            for (PointReplay.FieldDiff d : r.diffs()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("classIndex", d.classIndex());
                x.put("className", d.className());
                x.put("field", d.field());
                x.put("ledger", d.ledger());
                x.put("replay", d.replay());
                ds.add(x);
            }
            m.put("diffs", ds);
            m.put("seconds", r.seconds());
            try {
                opts.out().println(new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(m));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else if (r.status() == PointReplay.Status.UNKNOWN) {
            opts.err().println("error: " + r.message());
        } else {
            opts.out().println("replay " + r.pointId() + ": " + r.message());
            for (PointReplay.FieldDiff d : r.diffs()) opts.out().println("  " + d);
        }
        opts.out().flush();
        opts.err().flush();
        return r.status().exitCode;
    }
}
