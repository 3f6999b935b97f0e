package org.diffsweep.core.speciation;

/**
 * Settings of {@link Speciation#analyse}.
 *
 * @param simulate        run the backward simulation (false: closed form / bisection only)
 * @param trajectories    N backward trajectories
 * @param steps           integration steps from T to 0 (h = T / steps)
 * @param horizon         T; NaN selects {@code max(t_S, max_c t_S^(c)) + 1.5} (at least 1), beyond every predicted
 *                        crossing so that the measured crossings are not censored
 * @param integrator      backward SDE (Euler–Maruyama) or probability-flow ODE
 * @param stream          name of the random stream of the trajectories (§12.10)
 * @param quadratureNodes nodes per dimension of {@link PosteriorQuadrature} (bisection for C > 2)
 */
public record SpeciationOptions(boolean simulate, int trajectories, int steps, double horizon, Integrator integrator,
                                String stream, int quadratureNodes) {
    /** Default: 1000 SDE trajectories, 400 steps, automatic horizon, stream "backward", 32 nodes. */
    public static final SpeciationOptions DEFAULT =
            new SpeciationOptions(true, 1000, 400, Double.NaN, Integrator.SDE, "backward", 32);
    /** Closed form / bisection only, no simulation (cheap path for sweeps). */
    public static final SpeciationOptions CLOSED_FORM_ONLY =
            new SpeciationOptions(false, 1000, 400, Double.NaN, Integrator.SDE, "backward", 32);

    public SpeciationOptions {
        if (trajectories < 1) throw new IllegalArgumentException("trajectories must be >= 1, got " + trajectories);
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        if (!Double.isNaN(horizon) && !(horizon > 0 && Double.isFinite(horizon)))
            throw new IllegalArgumentException("horizon must be NaN (auto) or finite and > 0, got " + horizon);
        if (integrator == null) integrator = Integrator.SDE;
        if (stream == null || stream.isBlank()) stream = "backward";
        if (quadratureNodes < 2) throw new IllegalArgumentException("quadratureNodes must be >= 2, got " + quadratureNodes);
    }

    public SpeciationOptions withTrajectories(int n) {
        return new SpeciationOptions(simulate, n, steps, horizon, integrator, stream, quadratureNodes);
    }

    public SpeciationOptions withSteps(int k) {
        return new SpeciationOptions(simulate, trajectories, k, horizon, integrator, stream, quadratureNodes);
    }

    public SpeciationOptions withHorizon(double t) {
        return new SpeciationOptions(simulate, trajectories, steps, t, integrator, stream, quadratureNodes);
    }

    public SpeciationOptions withIntegrator(Integrator i) {
        return new SpeciationOptions(simulate, trajectories, steps, horizon, i, stream, quadratureNodes);
    }
}
