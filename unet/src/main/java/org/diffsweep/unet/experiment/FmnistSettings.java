package org.diffsweep.unet.experiment;

import java.util.List;
import org.diffsweep.unet.model.OptimizerConfig;

/**
 * Everything about a Fashion-MNIST run that is not a grid coordinate (theory §9.1 and §9.3; YAML {@code base:}).
 *
 * @param width           U-Net base width W
 * @param mults           channel multipliers per level ([B]: 1, 2, 4; default here 1, 2, 2)
 * @param optimizer       "sgd" or "adam"
 * @param lr              learning rate
 * @param momentum        SGD momentum ([B]: 0.95)
 * @param batch           minibatch size; the run uses min(n, batch) ([B]: 512)
 * @param steps           number of optimiser steps (training time tau, in steps)
 * @param checkpoints     number of log-spaced checkpoints in [firstCheckpoint, steps] (step 0 is always added)
 * @param firstCheckpoint first non-zero checkpoint
 * @param samples         DDIM samples per checkpoint
 * @param ddimSteps       DDIM steps per sample
 * @param sampleBatch     batch size for sampling and loss evaluation
 * @param lossTime        OU time of the fixed-t denoising loss (0.01 ⇒ the nearest DDPM step)
 * @param testPerClass    held-out test images per class for the test loss
 * @param memRatio        memorization threshold k on d1/d2 (1/3)
 * @param bootstrap       bootstrap resamples for the f_mem CI
 * @param fmemThreshold   tau_mem,c = first tau with f_mem,c >= this (inferred)
 * @param gapThreshold    tau_gap,c = first tau with (L_test,c - L_train,c)/L_test,c >= this (inferred)
 * @param stopFmem        adaptive stop: the run ends at the first checkpoint at which every class has had
 *                        f_mem,c >= stopFmem at two consecutive checkpoints; {@code steps} is then a cap. 0 = off
 *                        (YAML key optional, default 0)
 */
public record FmnistSettings(int width, List<Integer> mults, String optimizer, double lr, double momentum,
                             int batch, int steps, int checkpoints, int firstCheckpoint, int samples, int ddimSteps,
                             int sampleBatch, double lossTime, int testPerClass, double memRatio, int bootstrap,
                             double fmemThreshold, double gapThreshold, double stopFmem) implements java.io.Serializable {

    public FmnistSettings {
        mults = mults == null || mults.isEmpty() ? List.of(1, 2, 2) : List.copyOf(mults);
        if (optimizer == null) optimizer = "sgd";
        need(width >= 4 && width % 2 == 0, "width", width, "even, >= 4");
        need(batch >= 1, "batch", batch, ">= 1");
        need(steps >= 1, "steps", steps, ">= 1");
        need(checkpoints >= 1, "checkpoints", checkpoints, ">= 1");
        need(firstCheckpoint >= 1 && firstCheckpoint <= steps, "firstCheckpoint", firstCheckpoint, "1..steps");
        need(samples >= 2, "samples", samples, ">= 2");
        need(ddimSteps >= 2 && ddimSteps <= 1000, "ddimSteps", ddimSteps, "2..1000");
        need(sampleBatch >= 1, "sampleBatch", sampleBatch, ">= 1");
        need(lossTime > 0, "lossTime", lossTime, "> 0");
        need(testPerClass >= 1, "testPerClass", testPerClass, ">= 1");
        need(memRatio > 0 && memRatio < 1, "memRatio", memRatio, "(0, 1)");
        need(bootstrap >= 1, "bootstrap", bootstrap, ">= 1");
        need(fmemThreshold > 0 && fmemThreshold <= 1, "fmemThreshold", fmemThreshold, "(0, 1]");
        need(gapThreshold > 0 && gapThreshold < 1, "gapThreshold", gapThreshold, "(0, 1)");
        need(stopFmem >= 0 && stopFmem <= 1, "stopFmem", stopFmem, "in [0, 1] (0 = no adaptive stop)");
        optimizerConfig(optimizer, lr, momentum); // validates
    }

    private static void need(boolean ok, String field, Object value, String range) {
        if (!ok) throw new IllegalArgumentException("settings." + field + " = " + value + ": must be " + range);
    }

    private static OptimizerConfig optimizerConfig(String kind, double lr, double momentum) {
        return "adam".equals(kind) ? OptimizerConfig.adam(lr) : new OptimizerConfig(kind, lr, momentum, 0.9, 0.999);
    }

    /** The optimiser. */
    public OptimizerConfig optimizerConfig() { return optimizerConfig(optimizer, lr, momentum); }

    /** These settings with another checkpoint sampler: {@code samples} DDIM samples of {@code ddimSteps} steps. */
    public FmnistSettings withSampling(int samples, int ddimSteps) {
        return new FmnistSettings(width, mults, optimizer, lr, momentum, batch, steps, checkpoints, firstCheckpoint,
                samples, ddimSteps, Math.min(sampleBatch, samples), lossTime, testPerClass, memRatio, bootstrap,
                fmemThreshold, gapThreshold, stopFmem);
    }

    /** Multipliers as an int array. */
    public int[] multArray() { return mults.stream().mapToInt(Integer::intValue).toArray(); }

    /** A canonical one-line description (part of a point's stream key). */
    public String canonical() {
        return "W=" + width + ",mults=" + mults + ",opt=" + optimizer + ",lr=" + lr + ",mom=" + momentum
                + ",batch=" + batch + ",steps=" + steps + ",ckpt=" + checkpoints + "/" + firstCheckpoint
                + ",samples=" + samples + ",ddim=" + ddimSteps + ",t=" + lossTime + ",test=" + testPerClass
                + ",k=" + memRatio + ",boot=" + bootstrap + (stopFmem > 0 ? ",stop=" + stopFmem : "");
    }
}
