package org.diffsweep.core.features;

/**
 * Numerical settings of the feature-moment computation (not physics parameters; they do not enter the point id).
 *
 * @param populationSize   fresh clean samples per class for the population moments Ũ_c, Ṽ_c (and E_score,c);
 *                         0 means automatic: {@code max(n, }{@value #MIN_AUTO_POPULATION}{@code )} with n the total
 *                         training size
 * @param quadratureNodes  Gauss–Hermite nodes of the exact noise average (§2.5: 40 to 60)
 * @param activation       feature activation; {@link Activation#TANH} everywhere except in tests
 */
public record FeatureSettings(int populationSize, int quadratureNodes, Activation activation) {
    public static final int MIN_AUTO_POPULATION = 256;
    public static final FeatureSettings DEFAULT = new FeatureSettings(0, NoiseAverage.DEFAULT_NODES, Activation.TANH);

    public FeatureSettings {
        if (populationSize < 0) throw new IllegalArgumentException("populationSize must be >= 0 (0 = auto), got " + populationSize);
        if (quadratureNodes < 2) throw new IllegalArgumentException("quadratureNodes must be >= 2, got " + quadratureNodes);
        if (activation == null) activation = Activation.TANH;
    }

    /** The population size used for a point with {@code n} training points in total. */
    public int populationSizeFor(int n) {
        return populationSize > 0 ? populationSize : Math.max(n, MIN_AUTO_POPULATION);
    }

    public FeatureSettings withPopulationSize(int size) { return new FeatureSettings(size, quadratureNodes, activation); }

    public FeatureSettings withActivation(Activation a) { return new FeatureSettings(populationSize, quadratureNodes, a); }
}
