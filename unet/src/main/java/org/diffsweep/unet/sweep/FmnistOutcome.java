package org.diffsweep.unet.sweep;

import org.diffsweep.core.evaluator.Evaluated;
import org.diffsweep.core.evaluator.PointStatus;
import org.diffsweep.unet.experiment.FmnistResult;

/**
 * A Fashion-MNIST run as the sweep engine sees it: status OK, or PARTIAL when training diverged (NAN_LOSS; the times
 * are read off the curves up to that step), with the experiment's diagnostic.
 *
 * @param result the experiment's result
 */
public record FmnistOutcome(FmnistResult result) implements Evaluated {
    @Override public PointStatus status() {
        return "OK".equals(result.status()) ? PointStatus.OK : PointStatus.PARTIAL;
    }

    @Override public String diagnostic() {
        return status() == PointStatus.OK ? "" : result.status() + ": " + result.diagnostic();
    }
}
