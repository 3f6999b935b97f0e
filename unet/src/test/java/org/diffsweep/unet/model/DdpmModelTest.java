package org.diffsweep.unet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffsweep.core.random.RandomStreams;
import org.diffsweep.core.random.SeededStream;
import org.diffsweep.unet.diffusion.BetaSchedule;
import org.junit.jupiter.api.Test;

class DdpmModelTest {
    private static final int SIDE = 8;
    private static final int D = SIDE * SIDE;

    private static DdpmModel tiny(OptimizerConfig opt, String key) {
        return new DdpmModel(new UNet(8, 1, 2), SIDE, BetaSchedule.ddpm(), opt,
                RandomStreams.forKey(key).stream("init"));
    }

    /** A fixed batch (images, steps, noise): the objective is deterministic, so its value must fall. */
    private static float[] gaussian(SeededStream s, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) f[i] = (float) s.nextGaussian();
        return f;
    }

    @Test
    void adamStepsReduceTheLossOnAFixedBatch() {
        SeededStream s = RandomStreams.forKey("tiny").stream("data");
        int b = 4;
        float[] x0 = new float[b * D];
        for (int j = 0; j < b; j++) for (int i = 0; i < D; i++) x0[j * D + i] = (i % SIDE < SIDE / 2) == (j % 2 == 0) ? 0.5f : -0.5f;
        int[] steps = {50, 200, 500, 900};
        float[] eps = gaussian(s, b * D);
        try (DdpmModel m = tiny(OptimizerConfig.adam(1e-2), "tiny")) {
            double first = m.trainStep(x0, steps, eps);
            double last = first;
            for (int k = 0; k < 40; k++) last = m.trainStep(x0, steps, eps);
            // The untrained net outputs O(0.1) values, so the initial MSE is close to E[eps^2] = 1; 40 Adam steps on
            // one fixed batch of 4 images must cut it by at least 30% (observed: far more). A broken gradient path
            // (wrong sign, detached parameters) leaves it near 1 or makes it grow.
            assertTrue(first > 0.5 && first < 2.0, "initial loss " + first);
            assertTrue(last < 0.7 * first, "loss " + first + " -> " + last);
            // The per-image loss at a fixed step is the same quantity computed without gradients: its mean over the
            // batch at step 500 must be finite and consistent in scale with the training loss (within a factor 5).
            double[] per = m.denoisingLoss(x0, b, 500, eps, 3);
            double mean = 0;
            for (double v : per) mean += v / b;
            assertTrue(Double.isFinite(mean) && mean < 5 * first, "eval loss " + mean);
        }
    }

    @Test
    void sameStreamsGiveIdenticalModelsAndSamples() {
        float[] a;
        float[] b;
        try (DdpmModel m = tiny(OptimizerConfig.sgd(0.01, 0.95), "rep")) {
            a = m.sampleDdim(3, 5, 2, RandomStreams.forKey("rep").stream("sample"));
        }
        try (DdpmModel m = tiny(OptimizerConfig.sgd(0.01, 0.95), "rep")) {
            b = m.sampleDdim(3, 5, 3, RandomStreams.forKey("rep").stream("sample"));
        }
        // Bit-identical weights from the same init stream and the same noise; batching differs (2 vs 3), which
        // single-threaded CPU convolutions and the fused GroupNorm's vectorised reductions may round differently:
        // float32 rounding through 5 DDIM steps of an untrained net stays below 1e-4 relative (observed up to
        // 1.1e-5); a different init would differ at O(1).
        assertEquals(3 * D, a.length);
        for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-4 * Math.max(1, Math.abs(a[i])), "at " + i);
    }

    @Test
    void clippedDdimSamplesStayInTheDataRange() {
        // An untrained net's eps_theta is not the noise, so x0_hat = (x - sqrt(1-abar) eps_theta)/sqrt(abar) is
        // amplified by up to 1/sqrt(abar_T) ~ 160 at the first step: unclipped samples leave [-0.5, 0.5] by far.
        // With x0_hat clipped, the last DDIM step (abar_prev = 1) returns x0_hat itself, so every value is in range.
        float[] lo = new float[D], hi = new float[D];
        java.util.Arrays.fill(lo, -0.5f);
        java.util.Arrays.fill(hi, 0.5f);
        float maxFree = 0, maxClip = 0;
        try (DdpmModel m = tiny(OptimizerConfig.adam(1e-3), "clip")) {
            for (float v : m.sampleDdim(4, 5, 4, RandomStreams.forKey("clip").stream("sample"))) maxFree = Math.max(maxFree, Math.abs(v));
            for (float v : m.sampleDdim(4, 5, 4, RandomStreams.forKey("clip").stream("sample"), lo, hi)) maxClip = Math.max(maxClip, Math.abs(v));
        }
        assertTrue(maxFree > 1, "unclipped samples of an untrained net should leave the range: " + maxFree);
        assertTrue(maxClip <= 0.5f, "clipped sample value " + maxClip);
    }

    @Test
    void ddimStepSequenceRunsFromTDownToOne() {
        int[] ts = DdpmModel.ddimSteps(1000, 100);
        assertEquals(1000, ts[0]);
        assertEquals(1, ts[99]);
        for (int i = 1; i < ts.length; i++) assertTrue(ts[i] < ts[i - 1]);
        // 0-based linspace(0, 999, 100) reversed, +1: the second element is round(999 * 98/99) + 1 = 990 ([CODE]).
        assertEquals(Math.round(999.0 * 98 / 99) + 1, ts[1]);
    }

    /**
     * A model given another's saved state continues exactly as the original: the same losses, bit for bit, over
     * further steps, and the same samples. Both optimisers (Adam's bias correction depends on the restored update
     * count, SGD's step on the restored momentum). The restored model starts from a different initialisation, so a
     * state that restored nothing would differ at O(1); one that restored the parameters but not the optimiser
     * state would take a different first step (Adam: zero moments and count 1 give a step of lr * sign(g)).
     */
    @Test
    void savedStateResumesTrainingBitForBit() throws java.io.IOException {
        for (OptimizerConfig opt : new OptimizerConfig[] {OptimizerConfig.adam(1e-2), OptimizerConfig.sgd(0.05, 0.9)}) {
            SeededStream s = RandomStreams.forKey("resume").stream("data");
            int b = 3;
            float[] x0 = gaussian(s, b * D);
            int[][] steps = {{10, 300, 700}, {40, 90, 999}, {5, 500, 600}};
            float[][] eps = {gaussian(s, b * D), gaussian(s, b * D), gaussian(s, b * D)};
            java.io.ByteArrayOutputStream saved = new java.io.ByteArrayOutputStream();
            double[] original = new double[4];
            float[] originalSample;
            try (DdpmModel m = tiny(opt, "resume")) {
                for (int k = 0; k < 3; k++) m.trainStep(x0, steps[k], eps[k]);
                m.saveState(saved);
                for (int k = 0; k < 4; k++) original[k] = m.trainStep(x0, steps[k % 3], eps[(k + 1) % 3]);
                originalSample = m.sampleDdim(2, 4, 2, RandomStreams.forKey("resume").stream("sample"));
            }
            try (DdpmModel m = tiny(opt, "another-init")) {
                double fresh = m.trainStep(x0, steps[0], eps[1]);
                assertTrue(fresh != original[0], "a different initialisation must give a different loss");
            }
            try (DdpmModel m = tiny(opt, "another-init")) {
                m.loadState(new java.io.ByteArrayInputStream(saved.toByteArray()));
                for (int k = 0; k < 4; k++)
                    assertEquals(original[k], m.trainStep(x0, steps[k % 3], eps[(k + 1) % 3]), 0.0, opt.kind() + " step " + k);
                float[] sample = m.sampleDdim(2, 4, 2, RandomStreams.forKey("resume").stream("sample"));
                for (int i = 0; i < sample.length; i++) assertEquals(originalSample[i], sample[i], 0.0f, "sample at " + i);
            }
            // a state for another architecture is refused with a message, not loaded half-way
            try (DdpmModel other = new DdpmModel(new UNet(4, 1, 2), SIDE, BetaSchedule.ddpm(), opt,
                    RandomStreams.forKey("x").stream("init"))) {
                java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                        () -> other.loadState(new java.io.ByteArrayInputStream(saved.toByteArray())));
                assertTrue(e.getMessage().contains("shape"), e.getMessage());
            }
        }
    }
}
