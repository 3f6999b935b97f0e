package org.diffsweep.jobs.phase;

import java.io.Serializable;

/**
 * Mergeable per-(cell, metric) accumulator: the statistics of the exact seed values, how many seeds had a missing
 * value, how many a censored one (by the sign the tau grid implies, {@link TimeCensoring}), and how many were flagged
 * ambiguous (§12.8). Immutable and serializable (usable as a Spark {@code aggregateByKey} zero/merge value).
 *
 * @param stats           running mean/M2 of the exact values
 * @param missing         seeds whose value was not computed (a failed point, a time not computed)
 * @param ambiguous       seeds where a class was flagged ambiguous (only counted for metrics that use the flag)
 * @param censoredPos     censored seeds known to be &gt; 0
 * @param censoredNeg     censored seeds known to be &lt; 0
 * @param censoredUnknown censored seeds of unknown sign (both times off the grid on the same side)
 * @param exactMin        smallest exact value (+∞ when none)
 * @param exactMax        largest exact value (−∞ when none)
 */
public record CellStats(RunningStats stats, long missing, long ambiguous, long censoredPos, long censoredNeg,
                        long censoredUnknown, double exactMin, double exactMax) implements Serializable {
    /** The empty accumulator. */
    public static final CellStats EMPTY = new CellStats(RunningStats.EMPTY, 0, 0, 0, 0, 0,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

    /** Adds one seed's value and its ambiguity flag. */
    public CellStats plus(SeedValue v, boolean ambiguousSeed) {
        Double x = v.value();
        return new CellStats(x == null ? stats : stats.plus(x), missing + (v.missing() ? 1 : 0),
                ambiguous + (ambiguousSeed ? 1 : 0),
                censoredPos + (v.censored() && v.boundSign() > 0 ? 1 : 0),
                censoredNeg + (v.censored() && v.boundSign() < 0 ? 1 : 0),
                censoredUnknown + (v.censored() && v.boundSign() == 0 ? 1 : 0),
                x == null ? exactMin : Math.min(exactMin, x), x == null ? exactMax : Math.max(exactMax, x));
    }

    /** The accumulator of both partitions. */
    public CellStats merge(CellStats o) {
        return new CellStats(stats.merge(o.stats), missing + o.missing, ambiguous + o.ambiguous,
                censoredPos + o.censoredPos, censoredNeg + o.censoredNeg, censoredUnknown + o.censoredUnknown,
                Math.min(exactMin, o.exactMin), Math.max(exactMax, o.exactMax));
    }

    /** Seeds with a censored value. */
    public long censored() { return censoredPos + censoredNeg + censoredUnknown; }

    /** Seeds seen, missing and censored ones included. */
    public long seeds() { return stats.count() + missing + censored(); }

    /**
     * The sign every seed shares, exact and censored alike: +1 when every exact value is &gt; 0 and every censored
     * one is known &gt; 0, −1 likewise, 0 otherwise (or when no seed has a value or a known sign).
     */
    public int commonSign() {
        if (censoredUnknown > 0 || missing > 0) return 0;
        boolean pos = censoredNeg == 0 && (stats.count() == 0 || exactMin > 0);
        boolean neg = censoredPos == 0 && (stats.count() == 0 || exactMax < 0);
        if (stats.count() == 0 && censored() == 0) return 0;
        return pos ? 1 : neg ? -1 : 0;
    }
}
