package org.diffsweep.unet.experiment;

import java.util.List;

/**
 * The result of one Fashion-MNIST point.
 *
 * @param key            the stream key the run used (pointId when driven by a sweep engine)
 * @param point          the point
 * @param status         "OK", or "NAN_LOSS" when training diverged (curves up to that point are kept)
 * @param diagnostic     empty, or what went wrong
 * @param parameterCount trainable scalars of the U-Net
 * @param lossStep       DDPM step t* used for the fixed-t losses
 * @param lossOuTime     its OU time -(1/2) log abar(t*)
 * @param curves         per-checkpoint, per-class metrics (checkpoint-major, class A then B)
 * @param times          per-class times (A then B)
 * @param trainSeconds   wall time spent in optimiser steps
 * @param evalSeconds    wall time spent in checkpoint evaluation
 * @param gradientRetries training steps redone because of non-finite gradients with a finite loss
 *                       ({@link org.diffsweep.unet.model.DdpmModel#gradientRetries()})
 * @param trainCpuSeconds CPU seconds of the run's thread in optimiser steps
 * @param evalCpuSeconds  CPU seconds of the run's thread in checkpoint evaluations
 * @param steps          optimiser steps taken (the cap {@code settings.steps}, or fewer after an adaptive stop)
 * @param stoppedEarly   true when the adaptive stop ({@code settings.stopFmem}) ended the run before the cap
 */
public record FmnistResult(String key, FmnistPoint point, String status, String diagnostic, long parameterCount,
                           int lossStep, double lossOuTime, List<ClassCheckpoint> curves, List<ClassTimes> times,
                           double trainSeconds, double evalSeconds, int gradientRetries, double trainCpuSeconds,
                           double evalCpuSeconds, int steps, boolean stoppedEarly) {
    public FmnistResult {
        curves = List.copyOf(curves);
        times = List.copyOf(times);
    }
}
