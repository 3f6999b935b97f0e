package org.diffsweep.core.point;

import java.util.Objects;

/**
 * One class of an isotropic Gaussian mixture, theory note §5.2 and §12.3:
 * {@code N(mu_c, sigma_c^2 I_d)} with prior {@code pi_c}.
 *
 * @param name      label used in outputs (non-blank)
 * @param weight    prior / sampling fraction {@code pi_c} in (0, 1]
 * @param radius    centroid norm {@code r_c >= 0}, with {@code |mu_c|^2 = d r_c^2}
 * @param angleDeg  direction of {@code mu_c} in the (e1, e2) plane, degrees
 * @param variance  per-coordinate variance {@code sigma_c^2 > 0}
 */
public record ClassSpec(String name, double weight, double radius, double angleDeg, double variance) {
    public ClassSpec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) throw new IllegalArgumentException("class name must not be blank");
        PointField.WEIGHT.require(weight);
        PointField.RADIUS.require(radius);
        PointField.ANGLE_DEG.require(angleDeg);
        PointField.VARIANCE.require(variance);
    }
}
