package org.diffsweep.unet.experiment;

import org.diffsweep.core.random.RandomStreams;
import org.diffsweep.core.random.SeededStream;

/**
 * The minibatches of one training run: {@code batch} images from per-epoch shuffles of the n training images (stream
 * "batch"), a DDPM step t' uniform in {1..T-1} per image ("timestep") and Gaussian noise ("noise"). {@link #skip}
 * makes exactly the draws of k batches without training, so a run resumed at step k continues with the batches the
 * uninterrupted run would have used (the streams cannot be saved, they can be replayed: about 1 ms per step).
 */
final class TrainingBatches {
    private final float[] x;
    private final int n;
    private final int d;
    private final int batch;
    private final int steps;
    private final SeededStream batchRng;
    private final SeededStream stepRng;
    private final SeededStream noiseRng;
    private final int[] perm;
    private int pos;
    /** The current batch: images (batch x d), their steps t' and noise (batch x d). */
    final float[] images;
    final int[] timesteps;
    final float[] noise;

    /**
     * @param x     n training images, row-major (n x d)
     * @param steps the schedule's T
     */
    TrainingBatches(RandomStreams rs, float[] x, int n, int d, int batch, int steps) {
        this.x = x;
        this.n = n;
        this.d = d;
        this.batch = batch;
        this.steps = steps;
        this.batchRng = rs.stream("batch");
        this.stepRng = rs.stream("timestep");
        this.noiseRng = rs.stream("noise");
        this.perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        this.pos = n; // forces a shuffle before the first batch
        this.images = new float[batch * d];
        this.timesteps = new int[batch];
        this.noise = new float[batch * d];
    }

    /** Draws the next batch into {@link #images}, {@link #timesteps} and {@link #noise}. */
    void next() {
        draw(true);
    }

    /** Makes the draws of {@code k} batches without keeping them. */
    void skip(int k) {
        for (int i = 0; i < k; i++) draw(false);
    }

    private void draw(boolean keep) {
        if (pos + batch > n) {
            for (int i = perm.length - 1; i > 0; i--) {
                int j = batchRng.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            pos = 0;
        }
        for (int j = 0; j < batch; j++) {
            if (keep) System.arraycopy(x, perm[pos + j] * d, images, j * d, d);
            timesteps[j] = 1 + stepRng.nextInt(steps - 1);
        }
        pos += batch;
        for (int i = 0; i < noise.length; i++) noise[i] = (float) noiseRng.nextGaussian();
    }
}
