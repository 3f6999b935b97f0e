package org.diffsweep.core.speciation;

/**
 * Settings of {@link Speciation#analyse}.
 *
 * @param simulate          run the simulations (false: closed form, bisection and exact median only)
 * @param trajectories      N of the unconditioned check run ({@link UnconditionedCheck})
 * @param steps             integration steps of the check run from T to 0 (h = T / steps), at d <= 100 or when all
 *                          variances are equal; see {@link #checkSteps}
 * @param horizon           T; NaN selects {@code max(t_S, max_c t_S^(c), max_c exact median) + 1.5} (at least 1),
 *                          beyond every predicted crossing so that measured crossings are not censored
 * @param integrator        backward SDE (Euler–Maruyama) or probability-flow ODE, for the check run
 * @param stream            name of the random stream of the check run (§12.10); class c's conditioned trajectories
 *                          use {@code stream + "/conditioned/" + c}
 * @param quadratureNodes   nodes per dimension of {@link PosteriorQuadrature} (bisection for C > 2)
 * @param scheme            how tSMeasured is measured: CONDITIONED (default) or from the check run (UNCONDITIONED)
 * @param pilotTrajectories conditioned: first N_c per class (made odd)
 * @param maxTrajectories   conditioned: cap on N_c per class (made odd)
 * @param targetHalfWidth   conditioned: N_c grows until the 95 % interval's half-width is at most this (OU time)
 * @param minEffective      below this effective number of trajectories a measurement has status TOO_FEW
 */
public record SpeciationOptions(boolean simulate, int trajectories, int steps, double horizon, Integrator integrator,
                                String stream, int quadratureNodes, MeasurementScheme scheme, int pilotTrajectories,
                                int maxTrajectories, double targetHalfWidth, int minEffective) {
    /** Default N_c of the conditioned pilot. */
    public static final int DEFAULT_PILOT = 4097;
    /** Default cap on N_c. */
    public static final int DEFAULT_MAX = 131073;
    /** Default target half-width of the 95 % interval. */
    public static final double DEFAULT_TARGET_HALF_WIDTH = 0.01;
    /** Default threshold of {@link MeasurementStatus#TOO_FEW}. */
    public static final int DEFAULT_MIN_EFFECTIVE = 100;

    /**
     * Default: conditioned measurement (pilot 4097, cap 131073, half-width 0.01, TOO_FEW below 100), one
     * unconditioned SDE check run of 500 trajectories and 200 steps ({@link #checkSteps}), automatic horizon, stream
     * "backward", 32 nodes. The check run is the largest part of the stage (about 100 ns per trajectory and step
     * when R is simulated, 60 ns otherwise, on the 2-vCPU build machine); with 500 trajectories a final-fraction
     * bias of 0.09 at pi_c = 1/2 is 4 standard errors.
     */
    public static final SpeciationOptions DEFAULT = new SpeciationOptions(true, 500, 200, Double.NaN, Integrator.SDE,
            "backward", 32);
    /** Closed form / bisection / exact median only, no simulation (cheap path for sweeps). */
    public static final SpeciationOptions CLOSED_FORM_ONLY = new SpeciationOptions(false, 500, 200, Double.NaN,
            Integrator.SDE, "backward", 32);

    public SpeciationOptions {
        if (trajectories < 1) throw new IllegalArgumentException("trajectories must be >= 1, got " + trajectories);
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        if (!Double.isNaN(horizon) && !(horizon > 0 && Double.isFinite(horizon)))
            throw new IllegalArgumentException("horizon must be NaN (auto) or finite and > 0, got " + horizon);
        if (integrator == null) integrator = Integrator.SDE;
        if (stream == null || stream.isBlank()) stream = "backward";
        if (quadratureNodes < 2) throw new IllegalArgumentException("quadratureNodes must be >= 2, got " + quadratureNodes);
        if (scheme == null) scheme = MeasurementScheme.CONDITIONED;
        if (pilotTrajectories < 1) throw new IllegalArgumentException("pilotTrajectories must be >= 1, got " + pilotTrajectories);
        if (maxTrajectories < pilotTrajectories)
            throw new IllegalArgumentException("maxTrajectories must be >= pilotTrajectories, got " + maxTrajectories);
        if (!(targetHalfWidth > 0)) throw new IllegalArgumentException("targetHalfWidth must be > 0, got " + targetHalfWidth);
        if (minEffective < 0) throw new IllegalArgumentException("minEffective must be >= 0, got " + minEffective);
    }

    /** The check-run settings with the default conditioned measurement. */
    public SpeciationOptions(boolean simulate, int trajectories, int steps, double horizon, Integrator integrator,
                             String stream, int quadratureNodes) {
        this(simulate, trajectories, steps, horizon, integrator, stream, quadratureNodes, MeasurementScheme.CONDITIONED,
                DEFAULT_PILOT, DEFAULT_MAX, DEFAULT_TARGET_HALF_WIDTH, DEFAULT_MIN_EFFECTIVE);
    }

    /**
     * Euler steps of the check run in dimension d: {@code steps} when all variances are equal (R is then not
     * simulated and the step bias does not depend on d), else {@code max(steps, ceil(steps sqrt(d / 100)))}: for
     * classes separated by their variances the Euler bias of R, and so of the posteriors, grows like h sqrt(d)
     * (measured: final-fraction bias 0.038 at d = 200 and 0.12 at d = 2000 with h = 0.015; docs/speciation.md), so h
     * shrinks like 1/sqrt(d) to keep it fixed. The cost per step does not depend on d.
     */
    public int checkSteps(int d, boolean variancesDiffer) {
        if (!variancesDiffer || d <= 100) return steps;
        return (int) Math.max(steps, Math.ceil(steps * Math.sqrt(d / 100.0)));
    }

    public SpeciationOptions withTrajectories(int n) {
        return new SpeciationOptions(simulate, n, steps, horizon, integrator, stream, quadratureNodes, scheme,
                pilotTrajectories, maxTrajectories, targetHalfWidth, minEffective);
    }

    public SpeciationOptions withSteps(int k) {
        return new SpeciationOptions(simulate, trajectories, k, horizon, integrator, stream, quadratureNodes, scheme,
                pilotTrajectories, maxTrajectories, targetHalfWidth, minEffective);
    }

    public SpeciationOptions withHorizon(double t) {
        return new SpeciationOptions(simulate, trajectories, steps, t, integrator, stream, quadratureNodes, scheme,
                pilotTrajectories, maxTrajectories, targetHalfWidth, minEffective);
    }

    public SpeciationOptions withIntegrator(Integrator i) {
        return new SpeciationOptions(simulate, trajectories, steps, horizon, i, stream, quadratureNodes, scheme,
                pilotTrajectories, maxTrajectories, targetHalfWidth, minEffective);
    }

    public SpeciationOptions withScheme(MeasurementScheme s) {
        return new SpeciationOptions(simulate, trajectories, steps, horizon, integrator, stream, quadratureNodes, s,
                pilotTrajectories, maxTrajectories, targetHalfWidth, minEffective);
    }

    /** Conditioned sizing: pilot N_0, cap, target half-width. */
    public SpeciationOptions withConditioned(int pilot, int max, double halfWidth) {
        return new SpeciationOptions(simulate, trajectories, steps, horizon, integrator, stream, quadratureNodes, scheme,
                pilot, max, halfWidth, minEffective);
    }

    public SpeciationOptions withMinEffective(int m) {
        return new SpeciationOptions(simulate, trajectories, steps, horizon, integrator, stream, quadratureNodes, scheme,
                pilotTrajectories, maxTrajectories, targetHalfWidth, m);
    }
}
