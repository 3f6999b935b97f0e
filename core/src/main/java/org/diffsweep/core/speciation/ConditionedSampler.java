package org.diffsweep.core.speciation;

import org.diffsweep.core.mixture.GaussianMixture;
import org.diffsweep.core.random.SeededStream;

/**
 * Measured per-class speciation time with trajectories conditioned on their final class ({@link
 * MeasurementScheme#CONDITIONED}; theory §6.2, §12.9).
 *
 * <p>Scheme. With the exact score the backward process has the joint law of the forward one, so a trajectory that
 * ends in class c is, at time t, distributed as {@code x_t ~ N(e^{-t} mu_c, Gamma_{c,t} I)} (the reverse of one
 * Gaussian diffusion). The measurement needs only these marginals: the median of {@code p_c(x_t)} over the class-c
 * trajectories at each t and the first t (going backward) at which it reaches kappa. Each of the N_c trajectories is
 * drawn once as standardised reduced coordinates {@code (z, Q)}: z ~ N(0, I_k) on the span of the centroids and
 * {@code Q = |z|^2 + chi^2_{d-k}} (the total squared norm), and its state at time t is
 * {@code y = e^{-t} mu_c + sqrt(Gamma_{c,t}) z}, {@code R = Gamma_{c,t} (Q - |z|^2)}: an exact draw from the class-c
 * marginal at every t, coupled across t by common random numbers, so the median curve is smooth in t and is read at
 * any t without a time grid or discretisation error. Every class gets the same precision whatever pi_c; all
 * trajectories have weight 1.
 *
 * <p>Log-odds. Shifting every class log-weight by the common {@code Q/2 + (d/2) log Gamma_c} gives
 * {@code l'_c = log pi_c} and, for k != c,
 * {@code l'_k = log pi_k - (d/2) log(Gamma_k/Gamma_c) - Q (Gamma_c/Gamma_k - 1)/2
 *                - [2 e^{-t} sqrt(Gamma_c) (mu_c - mu_k).z + e^{-2t} |mu_c - mu_k|^2] / (2 Gamma_k)},
 * so {@code p_c >= kappa} iff {@code sum_{k != c} exp(l'_k - log pi_c + logit kappa) <= 1} (for C = 2 a linear test
 * in (z, Q)). Q is not drawn when every other class has the variance of c (it then cancels).
 *
 * <p>Crossings and size. The number of committed trajectories {@code n(t) = #{j : p_c(x_j(t)) >= kappa}} is
 * scanned down from the horizon in steps of {@link #SCAN_STEP} and each crossing is refined (regula falsi, Illinois,
 * with bisection as a safeguard) to {@link #TIME_TOLERANCE}: the median ({@code n >= (N+1)/2}, N odd) and the two
 * order statistics of the 95 % interval (see {@link ClassMeasurement}). A pilot of N_0 trajectories gives the
 * interval's half-width hw_0; if it exceeds 0.9 x the target, N grows to {@code N_0 (hw_0 / (0.9 target))^2} (odd, at most the cap) by further draws from the
 * same stream, and the crossings are recomputed (at most three rounds), the scan starting {@link #REFINE_MARGIN}
 * above the previous interval when no threshold is reached there. The sample size depends on the pilot only through
 * its interval width, not its location. Deterministic given the stream.
 */
final class ConditionedSampler {
    /** Coarse scan step in t. */
    static final double SCAN_STEP = 0.05;
    /** A grown sample is scanned from this far above the previous interval's upper end. */
    static final double REFINE_MARGIN = 0.1;
    /** Tolerance of a refined crossing in t. */
    static final double TIME_TOLERANCE = 1e-5;

    private final GaussianMixture gm;
    private final Reduction red;
    private final int c;
    private final boolean useQ;
    private final SeededStream rng;
    private final ChiSquareSampler chi;
    private final double thresholdLog; // log pi_c - logit kappa
    private double[] z1 = new double[0];
    private double[] z2 = new double[0];
    private double[] q = new double[0];
    private int n;
    /** Evaluations of {@link #committed} in the refinements (diagnostics). */
    long evaluations;
    // per-t coefficients of l'_k, k != c
    private final double[] ca, cb, c1, c2;

    ConditionedSampler(GaussianMixture gm, int c, double kappa, SeededStream rng) {
        this.gm = gm;
        this.red = new Reduction(gm);
        this.c = c;
        this.rng = rng;
        boolean uq = false;
        for (int k = 0; k < red.nc; k++) if (red.var[k] != red.var[c]) uq = true;
        this.useQ = uq;
        this.chi = uq ? new ChiSquareSampler(rng, red.m) : null;
        this.thresholdLog = red.logW[c] - SpeciationTheory.logit(kappa);
        ca = new double[red.nc];
        cb = new double[red.nc];
        c1 = new double[red.nc];
        c2 = new double[red.nc];
    }

    int size() { return n; }

    /** Draws trajectories until there are {@code total}. */
    void drawUpTo(int total) {
        if (total <= n) return;
        int k = red.k;
        z1 = java.util.Arrays.copyOf(z1, k >= 1 ? total : 0);
        z2 = java.util.Arrays.copyOf(z2, k == 2 ? total : 0);
        q = java.util.Arrays.copyOf(q, useQ ? total : 0);
        for (int j = n; j < total; j++) {
            double s = 0;
            if (k >= 1) {
                double v = rng.nextGaussian();
                z1[j] = v;
                s += v * v;
            }
            if (k == 2) {
                double v = rng.nextGaussian();
                z2[j] = v;
                s += v * v;
            }
            if (useQ) q[j] = s + chi.next();
        }
        n = total;
    }

    private void coefficients(double t) {
        double a = Math.exp(-t);
        double gc = gm.gamma(c, t), sc = Math.sqrt(gc);
        for (int k = 0; k < red.nc; k++) {
            if (k == c) continue;
            double gk = gm.gamma(k, t);
            double diff = a * a * (red.var[k] - red.var[c]); // Gamma_k - Gamma_c, exactly
            double d1 = red.mu[2 * c] - red.mu[2 * k], d2 = red.mu[2 * c + 1] - red.mu[2 * k + 1];
            ca[k] = red.logW[k] - 0.5 * red.d * Math.log1p(diff / gc) - a * a * (d1 * d1 + d2 * d2) / (2 * gk);
            cb[k] = diff / (2 * gk);
            c1[k] = -a * sc * d1 / gk;
            c2[k] = -a * sc * d2 / gk;
        }
    }

    /** Number of trajectories whose own posterior is at least kappa at time t. */
    int committed(double t) {
        coefficients(t);
        int cnt = 0, k = red.k;
        if (red.nc == 2) { // committed iff a0 + e1 z1 + e2 z2 + b0 Q <= 0
            int o = 1 - c;
            double a0 = ca[o] - thresholdLog, b0 = cb[o], e1 = c1[o], e2 = c2[o];
            if (!useQ && k == 1) {
                if (e1 == 0) return a0 <= 0 ? n : 0;
                double thr = -a0 / e1; // e1 z1 <= -a0
                if (e1 > 0) {
                    for (int j = 0; j < n; j++) cnt += z1[j] <= thr ? 1 : 0;
                } else {
                    for (int j = 0; j < n; j++) cnt += z1[j] >= thr ? 1 : 0;
                }
                return cnt;
            }
            if (useQ && k == 0) {
                if (b0 == 0) return a0 <= 0 ? n : 0;
                double thr = -a0 / b0;
                if (b0 > 0) {
                    for (int j = 0; j < n; j++) cnt += q[j] <= thr ? 1 : 0;
                } else {
                    for (int j = 0; j < n; j++) cnt += q[j] >= thr ? 1 : 0;
                }
                return cnt;
            }
            for (int j = 0; j < n; j++) {
                double v = a0;
                if (k >= 1) v += e1 * z1[j];
                if (k == 2) v += e2 * z2[j];
                if (useQ) v += b0 * q[j];
                cnt += v <= 0 ? 1 : 0;
            }
            return cnt;
        }
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int m = 0; m < red.nc; m++) {
                if (m == c) continue;
                double v = ca[m] - thresholdLog;
                if (k >= 1) v += c1[m] * z1[j];
                if (k == 2) v += c2[m] * z2[j];
                if (useQ) v += cb[m] * q[j];
                s += Math.exp(v);
            }
            if (s <= 1) cnt++;
        }
        return cnt;
    }

    /**
     * First times, scanning backward from {@code tHi}, at which {@code committed(t) >= r} for each threshold r:
     * NaN when never reached down to t = 0, +infinity when already reached at tHi.
     */
    double[] crossings(double tHi, int... thresholds) {
        int nt = thresholds.length;
        double[] out = new double[nt];
        java.util.Arrays.fill(out, Double.NaN);
        int cHi = committed(tHi);
        int open = 0;
        for (int i = 0; i < nt; i++) {
            if (cHi >= thresholds[i]) out[i] = Double.POSITIVE_INFINITY;
            else open++;
        }
        double prevT = tHi;
        for (int step = 1; open > 0 && prevT > 0; step++) {
            double t = Math.max(0.0, tHi - step * SCAN_STEP);
            int cnt = committed(t);
            for (int i = 0; i < nt; i++) {
                if (Double.isNaN(out[i]) && cnt >= thresholds[i]) {
                    out[i] = refine(t, prevT, thresholds[i]);
                    open--;
                }
            }
            prevT = t;
        }
        return out;
    }

    /**
     * Crossing of {@code committed >= r} in (lo, hi], with committed(lo) >= r and committed(hi) < r: regula falsi on
     * {@code committed(t) - r + 1/2} with the Illinois modification (the count is close to linear in t on the scale
     * of a scan step), falling back to bisection when a step shrinks the bracket by less than half, until the bracket
     * is below {@link #TIME_TOLERANCE}; returns its midpoint.
     */
    private double refine(double lo, double hi, int r) {
        double flo = committed(lo) - r + 0.5, fhi = committed(hi) - r + 0.5;
        int side = 0;
        evaluations += 2;
        while (hi - lo > TIME_TOLERANCE) {
            double width = hi - lo;
            double t = (lo * fhi - hi * flo) / (fhi - flo);
            if (!(t > lo && t < hi)) t = 0.5 * (lo + hi);
            double f = committed(t) - r + 0.5;
            evaluations++;
            if (f > 0) {
                lo = t;
                flo = f;
                if (side == 1) fhi *= 0.5;
                side = 1;
            } else {
                hi = t;
                fhi = f;
                if (side == -1) flo *= 0.5;
                side = -1;
            }
            if (hi - lo > 0.5 * width && hi - lo > TIME_TOLERANCE) { // slow step: bisect once
                double mid = 0.5 * (lo + hi);
                double fm = committed(mid) - r + 0.5;
                evaluations++;
                if (fm > 0) {
                    lo = mid;
                    flo = fm;
                } else {
                    hi = mid;
                    fhi = fm;
                }
                side = 0;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** The measurement at the current size: median crossing and 95 % interval, scanning down from tHi. */
    ClassMeasurement measure(double tHi, int minEffective) {
        int l = MedianRanks.lower(n);
        double[] x = l > 0 ? crossings(tHi, (n + 1) / 2, l, n + 1 - l) : crossings(tHi, (n + 1) / 2);
        double med = x[0];
        if (Double.isNaN(med)) return new ClassMeasurement(null, null, null, n, MeasurementStatus.NO_CROSSING);
        if (Double.isInfinite(med)) return new ClassMeasurement(null, null, null, n, MeasurementStatus.CENSORED);
        Double hi = l > 0 && Double.isFinite(x[1]) ? x[1] : null;
        Double lo = l > 0 && Double.isFinite(x[2]) ? x[2] : null;
        if (l > 0 && Double.isInfinite(x[1])) return new ClassMeasurement(med, lo, null, n, MeasurementStatus.CENSORED);
        MeasurementStatus st = n < minEffective ? MeasurementStatus.TOO_FEW : MeasurementStatus.OK;
        return new ClassMeasurement(med, lo, hi, n, st);
    }

    /**
     * The full measurement of class c: pilot, growth to the target half-width, horizon extension when censored.
     *
     * @param tHi         first horizon; extended by 2 (up to {@link SpeciationTheory#T_MAX}) while censored
     * @param pilot       N_0 (made odd)
     * @param max         cap on N (made odd)
     * @param target      target half-width of the 95 % interval
     * @param minEffective threshold of {@link MeasurementStatus#TOO_FEW}
     */
    static ClassMeasurement measure(GaussianMixture gm, int c, double kappa, SeededStream rng, double tHi, int pilot,
                                    int max, double target, int minEffective) {
        ConditionedSampler s = new ConditionedSampler(gm, c, kappa, rng);
        int cap = odd(Math.max(1, max));
        s.drawUpTo(Math.min(cap, odd(Math.max(1, pilot))));
        double horizon = tHi;
        ClassMeasurement m = s.measure(horizon, minEffective);
        while (m.status() == MeasurementStatus.CENSORED && horizon < SpeciationTheory.T_MAX) {
            horizon = Math.min(SpeciationTheory.T_MAX, horizon + 2);
            m = s.measure(horizon, minEffective);
        }
        double aim = 0.9 * target;
        for (int round = 0; round < 3; round++) {
            double hw = m.halfWidth();
            if (!(hw > aim) || s.size() >= cap) break;
            long want = (long) Math.ceil(s.size() * (hw / aim) * (hw / aim));
            s.drawUpTo((int) Math.min(cap, odd(Math.min(want, Integer.MAX_VALUE - 1))));
            // The grown sample's crossings lie near the smaller one's: scan from just above its interval when no
            // threshold is reached there yet (otherwise from the horizon).
            double from = Math.min(horizon, m.ciHi() + REFINE_MARGIN);
            int l = MedianRanks.lower(s.size());
            boolean clear = s.committed(from) < Math.max(1, l);
            m = s.measure(clear ? from : horizon, minEffective);
        }
        return m;
    }

    private static int odd(long v) {
        long o = v % 2 == 0 ? v + 1 : v;
        return (int) Math.min(o, Integer.MAX_VALUE - 2);
    }
}
