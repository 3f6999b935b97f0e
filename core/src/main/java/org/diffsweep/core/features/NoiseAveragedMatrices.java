package org.diffsweep.core.features;

import org.diffsweep.core.linalg.LinAlg;
import org.diffsweep.core.mixture.GaussianMixture;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.random.RandomStreams;
import org.diffsweep.core.random.SeededStream;

/**
 * All noise-averaged feature moments of one grid point (theory §2.2, §2.5, §5.3(1)):
 * <ul>
 *   <li>per class c, from the {@code n_c} training points: {@code U_c} (p x p) and {@code V_c} (p x d), so that the
 *       pooled moments are {@code U = sum_c (n_c/n) U_c}, {@code V = sum_c (n_c/n) V_c};</li>
 *   <li>per class c, from {@code populationSize} fresh clean samples: the population moments {@code Ũ_c, Ṽ_c}
 *       (unbiased estimates of {@code E_{x ~ class c}}; {@code Ũ_c = E_{y ~ P_t^(c)}[phi(y) phi(y)^T]}).</li>
 * </ul>
 * Random draws (§12.10): W from stream {@code "W"}; training points from {@code "data"} (class after class, n_c
 * each); population samples from {@code "population"} (class after class); Monte-Carlo noise, when the point asks
 * for it, from {@code "noise"} (training moments only; the population moments always use the exact average).
 *
 * <p>Matrices are column-major; accessors return the internal arrays (shared, do not modify).
 */
public final class NoiseAveragedMatrices {
    private final RandomFeatures features;
    private final GaussianMixture mixture;
    private final double t;
    private final int[] classSizes;
    private final int populationSize;
    private final double[][] trainData;
    private final double[][] popData;
    private final FeatureMoments[] train;
    private final FeatureMoments[] pop;
    private final FeatureSettings settings;

    private NoiseAveragedMatrices(RandomFeatures features, GaussianMixture mixture, double t, int[] classSizes,
                                  int populationSize, double[][] trainData, double[][] popData,
                                  FeatureMoments[] train, FeatureMoments[] pop, FeatureSettings settings) {
        this.features = features;
        this.mixture = mixture;
        this.t = t;
        this.classSizes = classSizes;
        this.populationSize = populationSize;
        this.trainData = trainData;
        this.popData = popData;
        this.train = train;
        this.pop = pop;
        this.settings = settings;
    }

    /** Moments of the point with default settings and {@link LinAlg#best()}. */
    public static NoiseAveragedMatrices compute(PointParams params, RandomStreams streams) {
        return compute(params, streams, FeatureSettings.DEFAULT, LinAlg.best());
    }

    /** Draws W, the training set and the population samples from the point's streams and computes all moments. */
    public static NoiseAveragedMatrices compute(PointParams params, RandomStreams streams, FeatureSettings settings,
                                                LinAlg la) {
        int d = params.d(), cc = params.numClasses();
        RandomFeatures rf = RandomFeatures.draw(params.p(), d, streams.stream("W"));
        GaussianMixture mix = GaussianMixture.of(d, params.classes());
        int popSize = settings.populationSizeFor(params.n());
        double[][] trainData = new double[cc][];
        double[][] popData = new double[cc][];
        SeededStream data = streams.stream("data");
        for (int c = 0; c < cc; c++) {
            int nc = params.classSize(c);
            trainData[c] = new double[d * nc];
            mix.sampleClass(c, nc, data, trainData[c], 0);
        }
        SeededStream population = streams.stream("population");
        for (int c = 0; c < cc; c++) {
            popData[c] = new double[d * popSize];
            mix.sampleClass(c, popSize, population, popData[c], 0);
        }
        int draws = params.noise().monteCarloDraws();
        return of(rf, mix, params.t(), trainData, popData, settings, la, draws, draws > 0 ? streams.stream("noise") : null);
    }

    /**
     * Moments from explicit data (tests, replays): {@code trainData[c]} and {@code popData[c]} are d x N_c column-major
     * clean samples of class c. {@code mcDraws = 0} selects the exact noise average for the training moments;
     * otherwise {@code noise} supplies the Monte-Carlo draws.
     */
    public static NoiseAveragedMatrices of(RandomFeatures rf, GaussianMixture mix, double t, double[][] trainData,
                                           double[][] popData, FeatureSettings settings, LinAlg la, int mcDraws,
                                           SeededStream noise) {
        int d = rf.d(), cc = mix.numClasses();
        if (mix.dimension() != d) throw new IllegalArgumentException("mixture dimension " + mix.dimension() + " != d = " + d);
        if (trainData.length != cc || popData.length != cc) throw new IllegalArgumentException("need one data array per class");
        int[] sizes = new int[cc];
        int popSize = -1;
        FeatureMoments[] train = new FeatureMoments[cc];
        FeatureMoments[] pop = new FeatureMoments[cc];
        Activation act = settings.activation();
        for (int c = 0; c < cc; c++) {
            if (trainData[c].length % d != 0 || trainData[c].length == 0) throw new IllegalArgumentException("trainData[" + c + "] must be d x n_c with n_c >= 1");
            if (popData[c].length % d != 0 || popData[c].length == 0) throw new IllegalArgumentException("popData[" + c + "] must be d x N with N >= 1");
            sizes[c] = trainData[c].length / d;
            int ps = popData[c].length / d;
            if (popSize >= 0 && ps != popSize) throw new IllegalArgumentException("all classes need the same population size");
            popSize = ps;
            train[c] = mcDraws > 0
                    ? NoiseAverage.monteCarlo(rf, act, trainData[c], sizes[c], t, mcDraws, noise, la)
                    : NoiseAverage.exact(rf, act, trainData[c], sizes[c], t, la, settings.quadratureNodes());
        }
        for (int c = 0; c < cc; c++) {
            pop[c] = NoiseAverage.exact(rf, act, popData[c], popSize, t, la, settings.quadratureNodes());
        }
        return new NoiseAveragedMatrices(rf, mix, t, sizes, popSize, trainData, popData, train, pop, settings);
    }

    public RandomFeatures features() { return features; }

    public GaussianMixture mixture() { return mixture; }

    public FeatureSettings settings() { return settings; }

    public int p() { return features.p(); }

    public int d() { return features.d(); }

    /** Diffusion time t. */
    public double t() { return t; }

    /** {@code Delta_t = 1 - e^{-2t}}. */
    public double deltaT() { return -Math.expm1(-2 * t); }

    public int numClasses() { return classSizes.length; }

    /** {@code n_c}. */
    public int classSize(int c) { return classSizes[c]; }

    /** {@code n = sum_c n_c}. */
    public int n() {
        int n = 0;
        for (int s : classSizes) n += s;
        return n;
    }

    /** {@code n_c / n}, the weight of class c in the pooled training moments. */
    public double classFraction(int c) { return (double) classSizes[c] / n(); }

    /** Fresh samples per class behind the population moments. */
    public int populationSize() { return populationSize; }

    /** {@code U_c} (p x p, training points of class c). Shared array. */
    public double[] trainU(int c) { return train[c].u(); }

    /** {@code V_c} (p x d). Shared array. */
    public double[] trainV(int c) { return train[c].v(); }

    /** {@code Ũ_c} (p x p, population of class c at time t). Shared array. */
    public double[] popU(int c) { return pop[c].u(); }

    /** {@code Ṽ_c} (p x d). Shared array. */
    public double[] popV(int c) { return pop[c].v(); }

    /** Clean training points of class c (d x n_c). Shared array. */
    public double[] trainData(int c) { return trainData[c]; }

    /** Clean population samples of class c (d x populationSize). Shared array. */
    public double[] popData(int c) { return popData[c]; }

    /** New array {@code U = sum_c (n_c/n) U_c}. */
    public double[] pooledTrainU() { return pooled(true); }

    /** New array {@code V = sum_c (n_c/n) V_c}. */
    public double[] pooledTrainV() { return pooled(false); }

    private double[] pooled(boolean isU) {
        int len = isU ? p() * p() : p() * d();
        double[] out = new double[len];
        for (int c = 0; c < classSizes.length; c++) {
            double wc = classFraction(c);
            double[] m = isU ? train[c].u() : train[c].v();
            for (int q = 0; q < len; q++) out[q] += wc * m[q];
        }
        return out;
    }
}
