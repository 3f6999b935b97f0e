package org.diffsweep.core.speciation;

import org.diffsweep.core.mixture.GaussianMixture;
import org.diffsweep.core.random.SeededStream;

/**
 * The backward diffusion of {@link BackwardSimulator} in the exact reduced coordinates of {@link Reduction}: the
 * state of a trajectory is {@code (y, R)}, y its k <= 2 coordinates on the span of the centroids and R the squared
 * norm of the other m = d - k coordinates (R is not simulated when all variances are equal: it then enters no
 * posterior and no drift). The production simulator; its cost per trajectory step does not depend on d.
 *
 * <p>Why it is exact. One Euler–Maruyama step of the full process (theory §1) is
 * {@code x' = lambda x + b + sqrt(2h) zeta}, with {@code lambda = 1 + h - 2h sum_c p_c / Gamma_c} and b in the span,
 * both functions of (y, R) only. Hence {@code y' = lambda y + b + sqrt(2h) zeta_y}, and the orthogonal part
 * {@code lambda x_perp + sqrt(2h) zeta_perp} has squared norm
 * {@code R' = (lambda sqrt(R) + sqrt(2h) xi)^2 + 2h chi^2_{m-1}}: split zeta_perp along x_perp / |x_perp|
 * (xi ~ N(0, 1)) and the m - 1 directions orthogonal to it (rotation invariance of zeta). So (y', R') given (y, R) has
 * exactly the law of the full step, and (y, R) is a Markov chain with the law of the full simulation at every step.
 * The probability-flow ODE step is {@code y' = lambda y + b}, {@code R' = lambda^2 R} (its lambda and b use the
 * score once, not twice). The start is the exact P_T: class c with probability pi_c,
 * {@code y = e^{-T} mu_c + sqrt(Gamma_c) z}, {@code R = Gamma_c chi^2_m}.
 *
 * <p>Per step and trajectory: k normal draws, plus one normal and one chi-square draw when R is simulated, and one
 * evaluation of the C posteriors. All draws come from the one given stream, in trajectory order within a step.
 */
public final class ReducedSimulator {
    private ReducedSimulator() {}

    /** As {@link BackwardSimulator#run}: N trajectories from t = T to 0 in {@code steps} steps, every posterior recorded. */
    public static BackwardRun run(GaussianMixture gm, double horizon, int steps, int trajectories,
                                  Integrator integrator, SeededStream rng) {
        if (!(horizon > 0) || !Double.isFinite(horizon)) throw new IllegalArgumentException("horizon must be > 0, got " + horizon);
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        if (trajectories < 1) throw new IllegalArgumentException("trajectories must be >= 1, got " + trajectories);
        long start = System.nanoTime();
        Reduction red = new Reduction(gm);
        final int d = red.d, nc = red.nc, k = red.k, n = trajectories;
        final boolean withR = red.needsR();
        final double[] mu = red.mu, logW = red.logW;
        int every = (int) Math.max(1, (long) Math.ceil((double) n * nc * (steps + 1) / BackwardSimulator.MAX_RECORDED_FLOATS));
        int kRec = steps / every + 1 + (steps % every == 0 ? 0 : 1);
        double[] times = new double[kRec];
        float[] post = new float[n * kRec * nc];

        // initial state from the exact P_T
        double[] y = new double[2 * n];
        double[] r = new double[withR ? n : 0];
        ChiSquareSampler chiM = withR ? new ChiSquareSampler(rng, red.m) : null;
        double aT = Math.exp(-horizon);
        for (int j = 0; j < n; j++) {
            int c = BackwardSimulator.drawClass(gm, rng);
            double sd = Math.sqrt(gm.gamma(c, horizon));
            for (int i = 0; i < k; i++) y[2 * j + i] = aT * mu[2 * c + i] + sd * rng.nextGaussian();
            if (withR) r[j] = gm.gamma(c, horizon) * chiM.next();
        }

        double h = horizon / steps;
        boolean sde = integrator == Integrator.SDE;
        double noise = sde ? Math.sqrt(2 * h) : 0.0;
        double drift = sde ? 2.0 : 1.0; // multiplier of the score
        ChiSquareSampler chiM1 = withR && sde ? new ChiSquareSampler(rng, red.m - 1) : null;
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
                double y1 = y[2 * j], y2 = y[2 * j + 1];
                double rr = withR ? r[j] : 0.0;
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < nc; c++) {
                    double e1 = y1 - a * mu[2 * c], e2 = y2 - a * mu[2 * c + 1];
                    l[c] = logW[c] - lg[c] - (e1 * e1 + e2 * e2 + rr) / (2 * g[c]);
                    if (l[c] > max) max = l[c];
                }
                double sum = 0;
                if (nc == 2) { // one exponential: the larger weight is exp(0) = 1
                    int lo = l[0] < l[1] ? 0 : 1;
                    l[lo] = Math.exp(l[lo] - max);
                    l[1 - lo] = 1.0;
                    sum = 1.0 + l[lo];
                } else {
                    for (int c = 0; c < nc; c++) {
                        l[c] = Math.exp(l[c] - max);
                        sum += l[c];
                    }
                }
                double coef = 0, s1 = 0, s2 = 0;
                int po = (j * kRec + rec) * nc;
                for (int c = 0; c < nc; c++) {
                    double p = l[c] / sum;
                    if (record) post[po + c] = (float) p;
                    double w = p / g[c];
                    coef += w;
                    s1 += w * mu[2 * c];
                    s2 += w * mu[2 * c + 1];
                }
                if (step == steps) continue; // t = 0 reached: only record
                double lin = 1 + h - drift * h * coef;
                if (k >= 1) y[2 * j] = lin * y1 + drift * h * a * s1 + (sde ? noise * rng.nextGaussian() : 0.0);
                if (k == 2) y[2 * j + 1] = lin * y2 + drift * h * a * s2 + (sde ? noise * rng.nextGaussian() : 0.0);
                if (withR) {
                    if (sde) {
                        r[j] = perpNormSq(lin, rr, noise, rng, chiM1);
                    } else {
                        r[j] = lin * lin * rr;
                    }
                }
            }
            if (record) rec++;
        }

        int[] labels = BackwardSimulator.finalLabels(post, n, nc, kRec, rng);
        return new BackwardRun(integrator, horizon, steps, n, nc, times, post, labels, System.nanoTime() - start);
    }

    /**
     * One step of R: the squared norm of {@code lin x_perp + noise zeta_perp} for any x_perp with
     * {@code |x_perp|^2 = r}, zeta_perp ~ N(0, I_m), drawn as {@code (lin sqrt(r) + noise xi)^2 + noise^2 chi^2_{m-1}}
     * ({@code chi} samples chi^2_{m-1}).
     */
    static double perpNormSq(double lin, double r, double noise, SeededStream rng, ChiSquareSampler chi) {
        double v = lin * Math.sqrt(r) + noise * rng.nextGaussian();
        return v * v + noise * noise * chi.next();
    }
}
