package org.diffsweep.jobs.run;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.diffsweep.core.evaluator.Evaluated;
import org.diffsweep.core.evaluator.Evaluator;
import org.diffsweep.jobs.grid.Grid;
import org.diffsweep.jobs.grid.GridPoint;
import org.diffsweep.jobs.ledger.Provenance;
import org.diffsweep.jobs.ledger.SweepModel;

/**
 * Executor side of a wave: each task gets one bin (the grid indices to evaluate), rebuilds each point from the grid
 * by index, evaluates it and emits its ledger rows. Points are evaluated lazily, one at a time, as the Parquet
 * writer pulls rows. An exception from the evaluator is a bug or an infrastructure fault: it propagates and Spark
 * retries the task (numerical failures are statuses).
 */
final class WaveTask<P, R extends Evaluated> implements FlatMapFunction<Iterator<long[]>, Row> {
    private final Grid<P> grid;
    private final SweepModel<P, R> model;
    private final List<String> axes;
    private final Provenance prov;

    WaveTask(Grid<P> grid, SweepModel<P, R> model, Provenance prov) {
        this.grid = grid;
        this.model = model;
        this.axes = List.copyOf(grid.axisNames());
        this.prov = prov;
    }

    @Override
    public Iterator<Row> call(Iterator<long[]> bins) {
        Evaluator<P, R> ev = model.newEvaluator();
        return new Iterator<>() {
            private long[] bin;
            private int next;
            private Iterator<Row> rows = Collections.emptyIterator();

            @Override public boolean hasNext() {
                while (!rows.hasNext()) {
                    if (bin == null || next >= bin.length) {
                        if (!bins.hasNext()) return false;
                        bin = bins.next();
                        next = 0;
                        continue;
                    }
                    rows = evaluate(ev, bin[next++]).iterator();
                }
                return true;
            }

            @Override public Row next() {
                if (!hasNext()) throw new NoSuchElementException();
                return rows.next();
            }
        };
    }

    private List<Row> evaluate(Evaluator<P, R> ev, long index) {
        GridPoint<P> gp = grid.point(index);
        String id = model.pointId(gp.params());
        long t0 = System.nanoTime();
        R r = ev.evaluate(gp.params(), id);
        double wall = (System.nanoTime() - t0) / 1e9;
        return model.table().rows(gp, id, axes, r, wall, prov);
    }
}
