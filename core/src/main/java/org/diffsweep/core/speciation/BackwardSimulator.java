package org.diffsweep.core.speciation;

import org.diffsweep.core.mixture.GaussianMixture;
import org.diffsweep.core.random.SeededStream;

/**
 * Backward diffusion with the exact mixture score (theory §1, §5.2, §6.2), vectorised over N trajectories stored
 * as a flat column-major d x N array.
 *
 * <p>Start: each trajectory draws its class from the priors and {@code x_T ~ N(e^{-T} mu_c, Gamma_{c,T} I)}, i.e.
 * the exact forward marginal P_T, so the simulated process has the forward law up to discretisation error. Steps
 * {@code h = T / steps} from t = T to 0 (§1):
 * SDE {@code x <- x + h [x + 2 s] + sqrt(2h) zeta}, ODE {@code x <- x + h [x + s]}.
 *
 * <p>Cost O(d) per trajectory step: the exact score is {@code s = -(sum_c p_c / Gamma_c) x + e^{-t} sum_c p_c mu_c /
 * Gamma_c}, and the posteriors depend on x only through {@code |x|^2, x_1, x_2} (centroids span e1, e2), so one pass
 * per step updates x and accumulates the next {@code |x|^2}. At t = 0 every trajectory draws its final class from
 * its posterior (equal to the argmax when the classes are separated). All draws come from the one given stream.
 *
 * <p>The reference implementation: production uses {@link ReducedSimulator}, whose steps have exactly the law of
 * these at a cost independent of d, and is tested against this one by distributions.
 */
public final class BackwardSimulator {
    /** Soft cap on stored posteriors (floats); above it, recording thins to every m-th step. */
    public static final long MAX_RECORDED_FLOATS = 20_000_000L;

    private BackwardSimulator() {}

    /**
     * Integrates N trajectories and records every class posterior.
     *
     * @param horizon T > 0
     * @param steps   number of steps >= 1
     */
    public static BackwardRun run(GaussianMixture gm, double horizon, int steps, int trajectories,
                                  Integrator integrator, SeededStream rng) {
        if (!(horizon > 0) || !Double.isFinite(horizon)) throw new IllegalArgumentException("horizon must be > 0, got " + horizon);
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        if (trajectories < 1) throw new IllegalArgumentException("trajectories must be >= 1, got " + trajectories);
        long start = System.nanoTime();
        final int d = gm.dimension();
        final int nc = gm.numClasses();
        final int n = trajectories;
        double[] mu1 = new double[nc], mu2 = new double[nc], mm = new double[nc], logW = new double[nc];
        for (int c = 0; c < nc; c++) {
            double[] m = gm.centroid(c);
            mu1[c] = m[0];
            mu2[c] = d > 1 ? m[1] : 0.0;
            mm[c] = mu1[c] * mu1[c] + mu2[c] * mu2[c];
            logW[c] = Math.log(gm.weight(c));
        }
        int every = (int) Math.max(1, (long) Math.ceil((double) n * nc * (steps + 1) / MAX_RECORDED_FLOATS));
        int kRec = steps / every + 1 + (steps % every == 0 ? 0 : 1);
        double[] times = new double[kRec];
        float[] post = new float[n * kRec * nc];

        // initial state from the exact P_T
        double[] x = new double[n * d];
        double[] xx = new double[n];
        for (int j = 0; j < n; j++) {
            int c = drawClass(gm, rng);
            gm.sampleClassAtTime(c, horizon, 1, rng, x, j * d);
            double s = 0;
            for (int i = 0; i < d; i++) s += x[j * d + i] * x[j * d + i];
            xx[j] = s;
        }

        double h = horizon / steps;
        double noise = integrator == Integrator.SDE ? Math.sqrt(2 * h) : 0.0;
        double drift = integrator == Integrator.SDE ? 2.0 : 1.0; // multiplier of the score
        double[] g = new double[nc], lg = new double[nc], l = new double[nc];
        int rec = 0;
        for (int step = 0; step <= steps; step++) {
            double t = step == steps ? 0.0 : horizon - step * h;
            double a = Math.exp(-t);
            for (int c = 0; c < nc; c++) {
                g[c] = gm.gamma(c, t);
                lg[c] = 0.5 * d * Math.log(g[c]);
            }
            boolean record = step % every == 0 || step == steps;
            if (record) times[rec] = t;
            for (int j = 0; j < n; j++) {
                int o = j * d;
                double x1 = x[o], x2 = d > 1 ? x[o + 1] : 0.0;
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < nc; c++) {
                    double dist = xx[j] - 2 * a * (x1 * mu1[c] + x2 * mu2[c]) + a * a * mm[c];
                    l[c] = logW[c] - lg[c] - dist / (2 * g[c]);
                    if (l[c] > max) max = l[c];
                }
                double sum = 0;
                for (int c = 0; c < nc; c++) {
                    l[c] = Math.exp(l[c] - max);
                    sum += l[c];
                }
                double coef = 0, s1 = 0, s2 = 0;
                int po = (j * kRec + rec) * nc;
                for (int c = 0; c < nc; c++) {
                    double p = l[c] / sum;
                    if (record) post[po + c] = (float) p;
                    double w = p / g[c];
                    coef += w;
                    s1 += w * mu1[c];
                    s2 += w * mu2[c];
                }
                if (step == steps) continue; // t = 0 reached: only record
                // x <- x (1 + h - drift h coef) + drift h a (s1 e1 + s2 e2) + noise zeta
                double lin = 1 + h - drift * h * coef;
                double c1 = drift * h * a * s1, c2 = drift * h * a * s2;
                double v0 = lin * x[o] + c1 + (noise != 0 ? noise * rng.nextGaussian() : 0.0);
                x[o] = v0;
                double acc = v0 * v0;
                if (d > 1) {
                    double v1 = lin * x[o + 1] + c2 + (noise != 0 ? noise * rng.nextGaussian() : 0.0);
                    x[o + 1] = v1;
                    acc += v1 * v1;
                }
                if (noise != 0) {
                    for (int i = 2; i < d; i++) {
                        double v = lin * x[o + i] + noise * rng.nextGaussian();
                        x[o + i] = v;
                        acc += v * v;
                    }
                } else {
                    for (int i = 2; i < d; i++) {
                        double v = lin * x[o + i];
                        x[o + i] = v;
                        acc += v * v;
                    }
                }
                xx[j] = acc;
            }
            if (record) rec++;
        }

        int[] labels = finalLabels(post, n, nc, kRec, rng);
        return new BackwardRun(integrator, horizon, steps, n, nc, times, post, labels, System.nanoTime() - start);
    }

    /**
     * The final class of each trajectory, drawn from its recorded posterior at t = 0 (the last of {@code kRec}
     * records of {@code nc} classes per trajectory); shared by the full and the reduced simulation.
     */
    static int[] finalLabels(float[] post, int n, int nc, int kRec, SeededStream rng) {
        int[] labels = new int[n];
        for (int j = 0; j < n; j++) {
            double u = rng.nextDouble(), cum = 0;
            int po = (j * kRec + kRec - 1) * nc;
            int lab = nc - 1;
            for (int c = 0; c < nc; c++) {
                cum += post[po + c];
                if (u < cum) { lab = c; break; }
            }
            labels[j] = lab;
        }
        return labels;
    }

    /** A class drawn from the mixture's weights pi_c (one uniform); shared by the full and the reduced simulation. */
    static int drawClass(GaussianMixture gm, SeededStream rng) {
        double u = rng.nextDouble(), cum = 0;
        int nc = gm.numClasses();
        for (int c = 0; c < nc; c++) {
            cum += gm.weight(c);
            if (u < cum) return c;
        }
        return nc - 1;
    }
}
