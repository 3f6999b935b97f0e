package org.diffsweep.unet.model;

/**
 * Optimiser of the U-Net (theory §9.1): {@code "sgd"} (learning rate, momentum; [B]: 0.01, 0.95) or {@code "adam"}
 * (learning rate, beta1, beta2; [B]: 1e-4, 0.9, 0.999). Unused fields are ignored.
 */
public record OptimizerConfig(String kind, double lr, double momentum, double beta1, double beta2) {
    public OptimizerConfig {
        if (!"sgd".equals(kind) && !"adam".equals(kind))
            throw new IllegalArgumentException("optimizer must be sgd or adam, got " + kind);
        if (!(lr > 0)) throw new IllegalArgumentException("lr must be > 0, got " + lr);
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum must be in [0,1): " + momentum);
    }

    /** SGD with momentum. */
    public static OptimizerConfig sgd(double lr, double momentum) { return new OptimizerConfig("sgd", lr, momentum, 0.9, 0.999); }

    /** Adam. */
    public static OptimizerConfig adam(double lr) { return new OptimizerConfig("adam", lr, 0, 0.9, 0.999); }
}
