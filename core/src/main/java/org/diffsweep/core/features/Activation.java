package org.diffsweep.core.features;

/**
 * Activation {@code sigma} of the random features (theory §2.1). Production uses {@link #TANH}; {@link #LINEAR}
 * exists for tests, where the whole model has a closed form. Values are computed with {@link StrictMath} so that
 * they are bit-identical on every machine.
 */
public enum Activation {
    /** {@code sigma(x) = tanh(x)}, the activation of all numerics in [B] and diffsweep. */
    TANH {
        @Override public double value(double x) { return tanh(x); }

        @Override public double derivative(double x) {
            double th = tanh(x);
            return 1 - th * th;
        }

        @Override double derivative(double x, double value) { return 1 - value * value; }
    },
    /** {@code sigma(x) = x} (test only: makes U, V and the dynamics closed-form). */
    LINEAR {
        @Override public double value(double x) { return x; }

        @Override public double derivative(double x) { return 1; }
    };

    /** {@code sigma(x)}. */
    public abstract double value(double x);

    /** {@code sigma'(x)}. */
    public abstract double derivative(double x);

    /** {@code sigma'(x)} when {@code value = sigma(x)} is already known (saves a second evaluation for tanh). */
    double derivative(double x, double value) { return derivative(x); }

    /**
     * tanh with absolute error below ~2e-16: a Taylor polynomial near 0 and {@code (1 - e^{-2|x|})/(1 + e^{-2|x|})}
     * elsewhere (StrictMath, portable, about 3x faster than {@link Math#tanh} on JDK 17).
     */
    static double tanh(double x) {
        double ax = Math.abs(x);
        if (ax < 1e-2) {
            double x2 = x * x;
            return x * (1 - x2 * (1.0 / 3 - x2 * (2.0 / 15 - x2 * (17.0 / 315))));
        }
        if (ax > 20) return Math.copySign(1.0, x);
        double e = StrictMath.exp(-2 * ax);
        return Math.copySign((1 - e) / (1 + e), x);
    }
}
