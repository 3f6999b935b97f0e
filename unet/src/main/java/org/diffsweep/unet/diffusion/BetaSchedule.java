package org.diffsweep.unet.diffusion;

/**
 * Linear DDPM schedule (theory §1, [B] SM A.1): steps t' = 1..T, beta_{t'} = beta_1 + (beta_T - beta_1)(t'-1)/(T-1),
 * abar(t') = prod_{s<=t'} (1 - beta_s) with abar(0) = 1, x(t') = sqrt(abar) x0 + sqrt(1 - abar) xi, and the OU time
 * t = -(1/2) log abar(t'). The network predicts the noise, s = -eps / sqrt(1 - abar).
 */
public final class BetaSchedule {
    private final int steps;
    private final double[] beta;   // index t' (0 unused)
    private final double[] abar;   // index t', abar[0] = 1

    private BetaSchedule(int steps, double betaMin, double betaMax) {
        if (steps < 2) throw new IllegalArgumentException("T must be >= 2, got " + steps);
        if (!(betaMin > 0 && betaMax < 1 && betaMin <= betaMax))
            throw new IllegalArgumentException("need 0 < betaMin <= betaMax < 1, got " + betaMin + ", " + betaMax);
        this.steps = steps;
        this.beta = new double[steps + 1];
        this.abar = new double[steps + 1];
        abar[0] = 1.0;
        for (int t = 1; t <= steps; t++) {
            beta[t] = betaMin + (betaMax - betaMin) * (t - 1) / (steps - 1);
            abar[t] = abar[t - 1] * (1.0 - beta[t]);
        }
    }

    /** The [B] schedule: T = 1000, beta from 1e-4 to 2e-2. */
    public static BetaSchedule ddpm() { return linear(1000, 1e-4, 2e-2); }

    /** A linear schedule with T steps from betaMin to betaMax. */
    public static BetaSchedule linear(int steps, double betaMin, double betaMax) {
        return new BetaSchedule(steps, betaMin, betaMax);
    }

    /** T. */
    public int steps() { return steps; }

    /** beta_{t'} for t' in 1..T. */
    public double beta(int t) { check(t, 1); return beta[t]; }

    /** abar(t') for t' in 0..T (abar(0) = 1). */
    public double alphaBar(int t) { check(t, 0); return abar[t]; }

    /** OU time of step t': -(1/2) log abar(t'). */
    public double ouTime(int t) { check(t, 0); return -0.5 * Math.log(abar[t]); }

    /** The step t' in 1..T whose OU time is closest to {@code t} (ties to the smaller step). */
    public int stepForOuTime(double t) {
        if (!(t > 0)) throw new IllegalArgumentException("OU time must be > 0, got " + t);
        int best = 1;
        double err = Math.abs(ouTime(1) - t);
        for (int s = 2; s <= steps; s++) {
            double e = Math.abs(ouTime(s) - t);
            if (e < err) {
                err = e;
                best = s;
            }
        }
        return best;
    }

    private void check(int t, int lo) {
        if (t < lo || t > steps) throw new IllegalArgumentException("step " + t + " outside " + lo + ".." + steps);
    }
}
