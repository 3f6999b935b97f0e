package org.diffsweep.unet.experiment;

/** Progress callback of {@link FmnistExperiment#run}: called after each checkpoint evaluation. */
@FunctionalInterface
public interface FmnistProgress {
    /** Does nothing. */
    FmnistProgress NONE = (step, total, message) -> { };

    /** Checkpoint at {@code step} of {@code total} steps is done; {@code message} is a one-line summary. */
    void checkpoint(int step, int total, String message);
}
