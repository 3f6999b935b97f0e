package org.diffsweep.jobs.sweep;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.diffsweep.core.point.PointEvaluator;
import org.diffsweep.core.point.PointResult;
import org.diffsweep.jobs.grid.Grid;
import org.diffsweep.jobs.grid.GridPoint;
import org.diffsweep.jobs.ledger.LedgerSchema;

/**
 * Executor side of a wave: rebuilds each point of a bin from the grid by index, evaluates it and emits its ledger
 * rows. Points are evaluated lazily, one at a time, as the Parquet writer pulls rows. An exception from the evaluator
 * is a bug or an infrastructure fault: it propagates and Spark retries the task (numerical failures are statuses).
 */
final class WaveEvaluator implements FlatMapFunction<Iterator<Bin>, Row> {
    private final Grid grid;
    private final EvaluatorFactory factory;
    private final PointIdFunction ids;
    private final List<String> axes;
    private final LedgerSchema.Provenance prov;

    WaveEvaluator(Grid grid, EvaluatorFactory factory, PointIdFunction ids, List<String> axes, LedgerSchema.Provenance prov) {
        this.grid = grid;
        this.factory = factory;
        this.ids = ids;
        this.axes = List.copyOf(axes);
        this.prov = prov;
    }

    @Override
    public Iterator<Row> call(Iterator<Bin> bins) {
        PointEvaluator ev = factory.create();
        return new Iterator<>() {
            private Bin bin;
            private int next;
            private Iterator<Row> rows = java.util.Collections.emptyIterator();

            @Override public boolean hasNext() {
                while (!rows.hasNext()) {
                    if (bin == null || next >= bin.size()) {
                        if (!bins.hasNext()) return false;
                        bin = bins.next();
                        next = 0;
                        continue;
                    }
                    rows = evaluate(ev, bin.index(next++)).iterator();
                }
                return true;
            }

            @Override public Row next() {
                if (!hasNext()) throw new java.util.NoSuchElementException();
                return rows.next();
            }
        };
    }

    private List<Row> evaluate(PointEvaluator ev, long index) {
        GridPoint gp = grid.point(index);
        String id = ids.pointId(gp.params(), prov.evaluator(), prov.evaluatorVersion());
        long t0 = System.nanoTime();
        PointResult r = ev.evaluate(gp.params(), id);
        double wall = (System.nanoTime() - t0) / 1e9;
        return new ArrayList<>(LedgerSchema.rows(gp, id, axes, r, wall, prov));
    }
}
