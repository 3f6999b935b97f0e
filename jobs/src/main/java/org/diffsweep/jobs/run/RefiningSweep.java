package org.diffsweep.jobs.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.diffsweep.core.evaluator.PointResult;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.jobs.ledger.AggregatedLedger;
import org.diffsweep.jobs.ledger.Ledger;
import org.diffsweep.jobs.ledger.LedgerAggregation;
import org.diffsweep.jobs.phase.LatticePoint;
import org.diffsweep.jobs.phase.PhaseCell;
import org.diffsweep.jobs.phase.RefinementLattice;
import org.diffsweep.jobs.phase.RefinementPlanner;
import org.diffsweep.jobs.phase.SliceAxis;
import org.diffsweep.jobs.phase.SliceLayout;
import org.diffsweep.jobs.spec.RefineSpec;
import org.diffsweep.jobs.spec.SpecGrid;

/**
 * Adaptive refinement driven through the ordinary runner and ledger (design step 7). The base grid runs first; then,
 * per refinement wave, the ledger is aggregated ({@link LedgerAggregation}, on the executors), every slice's
 * {@link RefinementPlanner} (lattice {@link RefinementLattice#forTolerance} on the base axes) proposes new points,
 * and the runner evaluates the grid extended by all points proposed so far ({@link SpecGrid#withPoints}): its
 * resume logic skips everything already in the ledger, so nothing is recomputed, and each refinement wave is
 * appended as new ledger waves ({@code wave} column). Stops when every slice's planner has nothing to add
 * (converged or budget), or after {@code maxWaves}.
 */
public final class RefiningSweep {
    /** Why refinement stopped. */
    public enum Stop {
        /** Nothing left to refine above the tolerance. */
        CONVERGED,
        /** The point budget prevented refining some flagged cells. */
        BUDGET,
        /** {@code maxWaves} refinement waves ran and cells were still flagged. */
        MAX_WAVES
    }

    /**
     * What happened.
     *
     * @param waves     refinement waves run (after the base grid)
     * @param points    points evaluated per seed over all slices, base grid included
     * @param added     points added per refinement wave (per seed, all slices)
     * @param stop      why refinement stopped
     * @param computed  points evaluated by all runs together
     * @param failed    of those, points whose status is not OK
     */
    public record Outcome(int waves, long points, List<Integer> added, Stop stop, long computed, long failed) {
    }

    private final SparkSession spark;

    public RefiningSweep(SparkSession spark) { this.spark = spark; }

    /**
     * Runs the base grid and then the refinement waves, then writes the outputs once from the final ledger.
     */
    public Outcome run(SweepRequest<PointParams, PointResult> req, SpecGrid grid, RefineSpec refine, SweepOptions opt,
                       SweepRunner.OutputStep outputs) throws IOException {
        SweepRunner runner = new SweepRunner(spark);
        try (java.io.Closeable lock = runner.hold(req, opt)) { // one lock from the base grid through the report
            return refine(runner, req, grid, refine, opt, outputs);
        }
    }

    private Outcome refine(SweepRunner runner, SweepRequest<PointParams, PointResult> req, SpecGrid grid, RefineSpec refine,
                           SweepOptions opt, SweepRunner.OutputStep outputs) throws IOException {
        SweepOutcome o = runner.run(req.withGrid(grid), opt, null);
        long computed = o.computed(), failed = o.failedPoints();
        List<String> names = grid.axisNames();
        List<double[]> extra = new ArrayList<>();
        List<Integer> added = new ArrayList<>();
        Stop stop = Stop.CONVERGED;
        int waves = 0;
        for (int w = 1; w <= refine.maxWaves(); w++) {
            AggregatedLedger agg = LedgerAggregation.aggregate(spark, Ledger.open(SparkSessions.hadoopConf(spark), req.output()), names);
            if (!agg.layout().hasMap()) break;
            List<PhaseCell> cells = agg.phaseCells();
            int ix = names.indexOf(agg.layout().x().name());
            int iy = names.indexOf(agg.layout().y().name());
            SliceAxis xa = SliceLayout.axis(agg.layout().x().name(), values(grid.axisValues(ix)));
            SliceAxis ya = SliceLayout.axis(agg.layout().y().name(), values(grid.axisValues(iy)));
            RefinementPlanner planner = RefinementPlanner.of(RefinementLattice.forTolerance(xa, ya, refine.tolerance()),
                    refine.budget());
            List<double[]> fresh = new ArrayList<>();
            boolean budget = false;
            for (Map.Entry<String, double[]> s : templates(grid, agg).entrySet()) {
                Map<LatticePoint, RefinementPlanner.Evaluation> ev = RefinementPlanner.evaluations(planner.lattice(),
                        cells, s.getKey(), refine.metric());
                RefinementPlanner.Plan plan = planner.next(ev, w);
                budget |= plan.stop() == RefinementPlanner.Stop.BUDGET;
                for (RefinementPlanner.PlannedPoint p : plan.points()) {
                    double[] c = s.getValue().clone();
                    c[ix] = p.x();
                    c[iy] = p.y();
                    fresh.add(c);
                }
            }
            stop = budget ? Stop.BUDGET : Stop.CONVERGED;
            if (fresh.isEmpty()) break;
            extra.addAll(fresh);
            added.add(fresh.size());
            waves++;
            o = runner.run(req.withGrid(grid.withPoints(extra)), opt, null);
            computed += o.computed();
            failed += o.failedPoints();
            if (w == refine.maxWaves() && !budget) stop = Stop.MAX_WAVES;
        }
        runner.writeOutputs(req.withGrid(extra.isEmpty() ? grid : grid.withPoints(extra)), opt, outputs);
        return new Outcome(waves, grid.pointsPerSeed() + extra.size(), added, stop, computed, failed);
    }

    private static TreeSet<Double> values(double[] v) {
        return java.util.Arrays.stream(v).boxed().collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }

    /**
     * Slice label → a template coordinate vector in the grid's axis order: the slice's values on its slice axes, the
     * single value of every other axis (x and y are filled per planned point).
     */
    static Map<String, double[]> templates(SpecGrid grid, AggregatedLedger agg) {
        List<String> names = grid.axisNames(), sliceAxes = agg.layout().slices();
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> s : agg.layout().sliceValues(agg.axisValues()).entrySet()) {
            double[] v = new double[names.size()];
            for (int j = 0; j < v.length; j++) {
                int k = sliceAxes.indexOf(names.get(j));
                v[j] = k >= 0 ? s.getValue()[k] : grid.axisValues(j)[0];
            }
            out.put(s.getKey(), v);
        }
        return out;
    }
}
