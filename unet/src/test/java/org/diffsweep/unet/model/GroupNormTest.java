package org.diffsweep.unet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.diffsweep.core.random.RandomStreams;
import org.diffsweep.core.random.SeededStream;
import org.junit.jupiter.api.Test;

class GroupNormTest {
    /**
     * The fused kernel against a brute-force per-group normalisation in plain Java (double precision): for each image
     * and group, (x - mean) / sqrt(var + 1e-5) with the biased variance, then gamma = 1, beta = 0. Inputs with a
     * non-zero mean and scale 3 make a wrong axis, a missing centring or an unbiased variance differ at O(0.1).
     */
    @Test
    void fusedAndReferenceMatchABruteForceGroupNormalisation() {
        int b = 2, c = 8, h = 4, w = 4, groups = 2;
        SeededStream rng = RandomStreams.forKey("gn").stream("x");
        float[] x = new float[b * c * h * w];
        for (int i = 0; i < x.length; i++) x[i] = (float) (1.5 + 3 * rng.nextGaussian());
        int per = c / groups * h * w;
        double[] expect = new double[x.length];
        for (int img = 0; img < b; img++) for (int g = 0; g < groups; g++) {
            int o = (img * groups + g) * per;
            double mean = 0, var = 0;
            for (int i = 0; i < per; i++) mean += x[o + i] / (double) per;
            for (int i = 0; i < per; i++) var += (x[o + i] - mean) * (x[o + i] - mean) / per;
            for (int i = 0; i < per; i++) expect[o + i] = (x[o + i] - mean) / Math.sqrt(var + 1e-5);
        }
        for (boolean fused : new boolean[] {true, false}) {
            try (Model model = Model.newInstance("gn"); NDManager m = NDManager.newBaseManager()) {
                GroupNorm gn = new GroupNorm(c, groups, fused);
                model.setBlock(gn);
                gn.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(b, c, h, w));
                gn.getParameters().get("gamma").getArray().set(new float[] {1, 1, 1, 1, 1, 1, 1, 1});
                NDArray in = m.create(x, new Shape(b, c, h, w));
                float[] y = gn.forward(new ParameterStore(m, false), new NDList(in), false).singletonOrThrow().toFloatArray();
                for (int i = 0; i < y.length; i++) assertEquals(expect[i], y[i], 1e-4, (fused ? "fused" : "reference") + " at " + i);
            }
        }
    }
}
