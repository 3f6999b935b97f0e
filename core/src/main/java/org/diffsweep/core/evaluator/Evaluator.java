package org.diffsweep.core.evaluator;

/**
 * A pure function from a grid point of type {@code P} to its result {@code R} (design data-flow step 4).
 * Implementations must be deterministic given {@code pointId}: every random stream is derived from it (see
 * {@link org.diffsweep.core.random.RandomStreams}). Numerical failures are reported through
 * {@link Evaluated#status()}, never thrown; an exception is a bug or an infrastructure fault.
 *
 * @param <P> the point type (an immutable record)
 * @param <R> the result type
 */
public interface Evaluator<P, R extends Evaluated> {
    /** Stable name, part of every pointId. */
    String name();

    /**
     * Version, part of every pointId. The rule: any change to a computed value bumps it, so a ledger written by
     * another version is never mixed with this one's results.
     */
    String version();

    /** Evaluates one point. */
    R evaluate(P point, String pointId);
}
