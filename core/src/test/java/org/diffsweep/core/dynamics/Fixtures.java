package org.diffsweep.core.dynamics;

import java.util.List;
import org.diffsweep.core.features.Activation;
import org.diffsweep.core.features.FeatureSettings;
import org.diffsweep.core.features.NoiseAveragedMatrices;
import org.diffsweep.core.features.RandomFeatures;
import org.diffsweep.core.linalg.LinAlg;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.mixture.GaussianMixture;
import org.diffsweep.core.random.SeededStream;

/** Small explicit systems for the dynamics tests. */
final class Fixtures {
    static final List<ClassSpec> TWO = List.of(
            new ClassSpec("A", 0.6, 1.0, 0, 2.0), new ClassSpec("B", 0.4, 0.7, 120, 0.5));

    private Fixtures() {}

    /** A system with explicit sizes: n_c training and {@code pop} population points per class, seeds fixed. */
    static RfSystem system(int d, int p, int[] nc, int pop, double t, Activation act, LinAlg la) {
        GaussianMixture mix = GaussianMixture.of(d, TWO);
        RandomFeatures rf = RandomFeatures.draw(p, d, new SeededStream(101));
        SeededStream data = new SeededStream(102), popRng = new SeededStream(103);
        double[][] train = new double[2][], popData = new double[2][];
        for (int c = 0; c < 2; c++) {
            train[c] = new double[d * nc[c]];
            mix.sampleClass(c, nc[c], data, train[c], 0);
            popData[c] = new double[d * pop];
            mix.sampleClass(c, pop, popRng, popData[c], 0);
        }
        NoiseAveragedMatrices m = NoiseAveragedMatrices.of(rf, mix, t, train, popData,
                FeatureSettings.DEFAULT.withActivation(act), la, 0, null);
        return RfSystem.of(m, new SeededStream(104), la);
    }
}
