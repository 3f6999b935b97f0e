package org.diffsweep.jobs.sweep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.diffsweep.jobs.grid.Grid;
import org.diffsweep.jobs.phase.LatticePoint;
import org.diffsweep.jobs.phase.RefinementLattice;
import org.diffsweep.jobs.phase.RefinementPlanner;
import org.diffsweep.jobs.phase.SliceAxis;
import org.diffsweep.jobs.report.SweepReport;
import org.diffsweep.jobs.spec.RefineSpec;
import org.diffsweep.jobs.spec.SpecGrid;

/**
 * Adaptive refinement driven through the ordinary runner and ledger (design step 7). The base grid runs first; then,
 * per refinement wave, the ledger is aggregated ({@link SweepReport} phase table, on the executors), every slice's
 * {@link RefinementPlanner} (lattice {@link RefinementLattice#forTolerance} on the base axes) proposes new points,
 * and the runner evaluates the grid extended by all points proposed so far ({@link SpecGrid#withPoints}): its
 * resume logic skips everything already in the ledger, so nothing is recomputed, and each refinement wave is
 * appended as new ledger waves ({@code wave} column). Stops when every slice's planner has nothing to add
 * (converged or budget), or after {@code maxWaves}.
 */
public final class RefiningSweep {
    /**
     * What happened.
     *
     * @param waves     refinement waves run (after the base grid)
     * @param points    points evaluated per seed over all slices, base grid included
     * @param added     points added per refinement wave (per seed, all slices)
     * @param stop      the planners' last stop reason (CONVERGED, BUDGET or CONTINUE when maxWaves was hit)
     * @param last      the runner's outcome of the last run
     */
    public record Outcome(int waves, long points, List<Integer> added, RefinementPlanner.Stop stop, SweepOutcome last) {
    }

    private final SparkSession spark;

    public RefiningSweep(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * Runs the base grid of {@code req} (whose grid must be a {@link SpecGrid}) and then the refinement waves.
     */
    public Outcome run(SweepRequest req, RefineSpec refine, SweepOptions opt) throws IOException {
        SpecGrid grid = (SpecGrid) req.grid();
        SweepRunner runner = new SweepRunner(spark);
        SweepOutcome last = runner.run(req, opt);
        List<String> names = grid.axisNames();
        List<double[]> extra = new ArrayList<>();
        List<Integer> added = new ArrayList<>();
        RefinementPlanner.Stop stop = RefinementPlanner.Stop.CONVERGED;
        int waves = 0;
        for (int w = 1; w <= refine.maxWaves(); w++) {
            SweepReport.Outcome rep = new SweepReport(spark).generate(req.output(), spark.sparkContext().master(), false);
            if (rep.xAxis() == null) break;
            int ix = names.indexOf(rep.xAxis());
            int iy = names.indexOf(rep.yAxis());
            SliceAxis xa = SweepReport.axis(rep.xAxis(), values(grid.axisValues(ix)));
            SliceAxis ya = SweepReport.axis(rep.yAxis(), values(grid.axisValues(iy)));
            RefinementPlanner planner = RefinementPlanner.of(RefinementLattice.forTolerance(xa, ya, refine.tolerance()),
                    refine.budget());
            List<double[]> fresh = new ArrayList<>();
            stop = RefinementPlanner.Stop.CONVERGED;
            for (Map.Entry<String, double[]> s : slices(grid, ix, iy).entrySet()) {
                Map<LatticePoint, RefinementPlanner.Evaluation> ev = RefinementPlanner.evaluations(planner.lattice(),
                        rep.phaseCells(), s.getKey(), refine.metric());
                RefinementPlanner.Plan plan = planner.next(ev, w);
                if (plan.stop() != RefinementPlanner.Stop.CONVERGED && stop != RefinementPlanner.Stop.BUDGET) {
                    stop = plan.stop();
                }
                for (RefinementPlanner.PlannedPoint p : plan.points()) {
                    double[] c = s.getValue().clone();
                    c[ix] = p.x();
                    c[iy] = p.y();
                    fresh.add(c);
                }
            }
            if (fresh.isEmpty()) break;
            extra.addAll(fresh);
            added.add(fresh.size());
            waves++;
            Grid g = grid.withPoints(extra);
            last = runner.run(new SweepRequest(req.runName(), req.specHash(), req.canonicalSpec(), g, req.output(),
                    req.evaluator(), req.pointIds()), opt);
        }
        return new Outcome(waves, grid.pointsPerSeed() + extra.size(), added, stop, last);
    }

    private static TreeSet<Double> values(double[] v) {
        TreeSet<Double> s = new TreeSet<>();
        for (double x : v) s.add(x);
        return s;
    }

    /**
     * Slice label → a template coordinate vector (slice axes set; x, y to be filled), over the combinations of
     * the axes other than x and y with ≥ 2 values (labels as the report builds them).
     */
    static Map<String, double[]> slices(SpecGrid grid, int ix, int iy) {
        List<String> names = grid.axisNames();
        Map<String, double[]> out = new LinkedHashMap<>();
        List<Integer> others = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            if (j != ix && j != iy && grid.axisValues(j).length >= 2) others.add(j);
        }
        List<String> sn = others.stream().map(names::get).toList();
        for (long i = 0; i < grid.pointsPerSeed(); i++) {
            Map<String, Double> c = grid.point(i).coordinates();
            double[] v = new double[names.size()];
            for (int j = 0; j < v.length; j++) v[j] = c.get(names.get(j));
            double[] sv = new double[others.size()];
            for (int k = 0; k < sv.length; k++) sv[k] = v[others.get(k)];
            out.putIfAbsent(SweepReport.sliceLabel(sn, sv), v);
        }
        return out;
    }
}
