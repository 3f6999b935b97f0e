package org.diffsweep.jobs.phase;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Adaptive refinement planner (design step 7), a pure function of what has been evaluated so far.
 *
 * <p>Wave 0 is the slice's base grid. After each wave, {@link #next} rebuilds the quadtree of evaluated points (a
 * cell is split when its centre was evaluated) and flags every leaf above the finest level whose boundary points
 * (corners and hanging nodes) disagree in sign, or where some point's confidence interval contains 0
 * ({@link ReversalIndicator#sign} = 0). Each flagged leaf contributes its centre and edge midpoints not yet
 * evaluated, coarsest leaves first, until the point budget is reached. Planning stops (CONVERGED) when no leaf
 * above the finest level is flagged: the boundary is then bracketed by finest cells, whose width is the tolerance
 * fixed by {@link RefinementLattice#forTolerance}.
 *
 * <p>The ledger is the memory: the caller passes every evaluated point (seed-aggregated), so nothing is recomputed,
 * and records the returned wave index with each new point.
 */
public final class RefinementPlanner {
    /** Seed-aggregated value of the refined metric at one point. */
    public record Evaluation(double mean, double halfWidth) {
    }

    /** A point to evaluate. */
    public record PlannedPoint(LatticePoint at, double x, double y, int wave, int level) {
    }

    /** Why planning stopped (or not). */
    public enum Stop {
        /** New points were planned for every flagged cell. */
        CONTINUE,
        /** Nothing left to refine above the tolerance. */
        CONVERGED,
        /** The point budget prevented refining some flagged cells. */
        BUDGET
    }

    /**
     * @param points       new points (none already evaluated), in deterministic order
     * @param stop         status
     * @param flaggedCells leaves that asked for refinement
     */
    public record Plan(List<PlannedPoint> points, Stop stop, int flaggedCells) {
        public Plan { points = List.copyOf(points); }
    }

    private final RefinementLattice lattice;
    private final long budget;

    private RefinementPlanner(RefinementLattice lattice, long budget) {
        this.lattice = lattice;
        this.budget = budget;
    }

    /**
     * @param lattice     the dyadic lattice (its maxLevel is the tolerance)
     * @param pointBudget maximum total number of evaluated points, base grid included
     */
    public static RefinementPlanner of(RefinementLattice lattice, long pointBudget) {
        Objects.requireNonNull(lattice, "lattice");
        long base = (long) lattice.x().size() * lattice.y().size();
        if (pointBudget < base) {
            throw new IllegalArgumentException("pointBudget " + pointBudget + " is smaller than the base grid (" + base
                    + " points)");
        }
        return new RefinementPlanner(lattice, pointBudget);
    }

    public RefinementLattice lattice() { return lattice; }

    /** Wave 0: every base-grid point. */
    public List<PlannedPoint> initialWave() {
        List<PlannedPoint> out = new ArrayList<>();
        long u = lattice.unit();
        for (int j = 0; j < lattice.y().size(); j++) {
            for (int i = 0; i < lattice.x().size(); i++) out.add(planned(new LatticePoint(i * u, j * u), 0));
        }
        return out;
    }

    /**
     * Plans wave {@code wave} from everything evaluated so far.
     *
     * @param evaluated every evaluated point (all earlier waves), seed-aggregated; a NaN mean marks a failed point,
     *                  whose cells are not refined
     * @param wave      index to record on the new points (≥ 1)
     */
    public Plan next(Map<LatticePoint, Evaluation> evaluated, int wave) {
        if (wave < 1) throw new IllegalArgumentException("refinement waves start at 1, got " + wave);
        Set<LatticePoint> have = evaluated.keySet();
        List<Quadtree.Leaf> flagged = new ArrayList<>();
        for (Quadtree.Leaf leaf : Quadtree.leaves(lattice, have)) {
            if (leaf.level() < lattice.maxLevel() && flagged(Quadtree.ring(leaf, have), evaluated)) flagged.add(leaf);
        }
        if (flagged.isEmpty()) return new Plan(List.of(), Stop.CONVERGED, 0);
        flagged.sort(Comparator.comparingInt(Quadtree.Leaf::level).thenComparingLong(Quadtree.Leaf::iy)
                .thenComparingLong(Quadtree.Leaf::ix));
        long room = budget - evaluated.size();
        Set<LatticePoint> planned = new LinkedHashSet<>();
        Stop stop = Stop.CONTINUE;
        for (Quadtree.Leaf c : flagged) {
            long h = c.size() / 2;
            List<LatticePoint> fresh = new ArrayList<>(5);
            for (long[] d : new long[][] {{h, h}, {h, 0}, {c.size(), h}, {h, c.size()}, {0, h}}) {
                LatticePoint p = new LatticePoint(c.ix() + d[0], c.iy() + d[1]);
                if (!have.contains(p) && !planned.contains(p)) fresh.add(p);
            }
            if (planned.size() + fresh.size() > room) {
                stop = Stop.BUDGET;
                break;
            }
            planned.addAll(fresh);
        }
        List<PlannedPoint> out = new ArrayList<>(planned.size());
        for (LatticePoint p : planned) out.add(planned(p, wave));
        return new Plan(out, stop, flagged.size());
    }

    /**
     * Planner input from phase-table rows of one slice and metric: each row's seed mean and half-width at its
     * lattice point ({@link RefinementLattice#locate}). A MISSING cell gets a NaN mean (its cells are not refined);
     * an AMBIGUOUS-by-flag cell gets an infinite half-width, so it counts as straddling 0.
     */
    public static Map<LatticePoint, Evaluation> evaluations(RefinementLattice lattice, List<PhaseCell> cells,
                                                            String slice, DMetric metric) {
        Map<LatticePoint, Evaluation> out = new java.util.HashMap<>();
        for (PhaseCell c : cells) {
            if (!c.slice().equals(slice) || c.metric() != metric) continue;
            double mean = c.phase() == Phase.MISSING ? Double.NaN : c.mean();
            double hw = c.ambiguous() > 0 ? Double.POSITIVE_INFINITY : c.halfWidth();
            out.put(lattice.locate(c.x(), c.y()), new Evaluation(mean, hw));
        }
        return out;
    }

    private static boolean flagged(List<LatticePoint> ring, Map<LatticePoint, Evaluation> ev) {
        boolean pos = false;
        boolean neg = false;
        for (LatticePoint p : ring) {
            Evaluation e = ev.get(p);
            if (e == null || Double.isNaN(e.mean())) return false;
            int s = ReversalIndicator.sign(e.mean(), e.halfWidth());
            if (s == 0) return true;
            pos |= s > 0;
            neg |= s < 0;
        }
        return pos && neg;
    }

    private PlannedPoint planned(LatticePoint p, int wave) {
        return new PlannedPoint(p, lattice.xValue(p.ix()), lattice.yValue(p.iy()), wave, lattice.levelOf(p));
    }
}
