package org.diffsweep.jobs.phase;

/**
 * One seed's value of an order parameter: exact, censored (only a sign is known, from where the censored times lie
 * relative to the tau grid, see {@link TimeCensoring}), or missing.
 *
 * @param value     the exact value, or null when censored or missing
 * @param censored  true when a time it needs is off the grid
 * @param boundSign for a censored value: +1 (known &gt; 0), −1 (known &lt; 0) or 0 (order unknown); 0 otherwise
 */
public record SeedValue(Double value, boolean censored, int boundSign) {
    /** No value: a needed time was not computed. */
    public static final SeedValue MISSING = new SeedValue(null, false, 0);

    public SeedValue {
        if (value != null && censored) throw new IllegalArgumentException("a censored value has no exact value");
        if (!censored && boundSign != 0) throw new IllegalArgumentException("only censored values carry a bound sign");
    }

    /** An exact value (null = missing). */
    public static SeedValue exact(Double v) { return v == null ? MISSING : new SeedValue(v, false, 0); }

    /** A censored value whose sign is {@code sign} (0 = unknown). */
    public static SeedValue censored(int sign) { return new SeedValue(null, true, Integer.signum(sign)); }

    /** Neither exact nor censored. */
    public boolean missing() { return value == null && !censored; }
}
