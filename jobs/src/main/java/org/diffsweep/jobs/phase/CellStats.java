package org.diffsweep.jobs.phase;

import java.io.Serializable;

/**
 * Mergeable per-(cell, metric) accumulator: the statistics of the available seed values plus how many seeds had a
 * missing value and how many were flagged ambiguous (§12.8). Immutable and serializable (usable as a Spark
 * {@code aggregateByKey} zero/merge value).
 *
 * @param stats     running mean/M2 of the non-missing values
 * @param missing   seeds whose value was null (a time never reached, a failed point)
 * @param ambiguous seeds where a class was flagged ambiguous (only counted for metrics that use the flag)
 */
public record CellStats(RunningStats stats, long missing, long ambiguous) implements Serializable {
    /** The empty accumulator. */
    public static final CellStats EMPTY = new CellStats(RunningStats.EMPTY, 0, 0);

    /** Adds one seed's value ({@code null} = missing) and its ambiguity flag. */
    public CellStats plus(Double value, boolean ambiguousSeed) {
        RunningStats s = value == null ? stats : stats.plus(value);
        return new CellStats(s, missing + (value == null ? 1 : 0), ambiguous + (ambiguousSeed ? 1 : 0));
    }

    /** The accumulator of both partitions. */
    public CellStats merge(CellStats o) {
        return new CellStats(stats.merge(o.stats), missing + o.missing, ambiguous + o.ambiguous);
    }

    /** Seeds seen, missing ones included. */
    public long seeds() { return stats.count() + missing; }
}
