package org.diffsweep.core.features;

import org.diffsweep.core.linalg.LinAlg;
import org.diffsweep.core.random.SeededStream;

/**
 * The frozen random-feature matrix W (p x d, iid N(0,1), column-major) and the feature map
 * {@code phi(y) = sigma(W y / sqrt d)} (theory §2.1, §12.2). Also the per-feature noise scales
 * {@code omega_i = |W_i| / sqrt d} and the noise correlations {@code R_ij = W_i . W_j / (d omega_i omega_j)} of §2.5.
 * Immutable apart from a lazily cached R; thread-safe.
 */
public final class RandomFeatures {
    private final int p;
    private final int d;
    private final double[] w;
    private final double[] omega;
    private volatile double[] corr;

    private RandomFeatures(int p, int d, double[] w) {
        this.p = p;
        this.d = d;
        this.w = w;
        this.omega = new double[p];
        for (int k = 0; k < d; k++) {
            int o = k * p;
            for (int i = 0; i < p; i++) omega[i] += w[o + i] * w[o + i];
        }
        for (int i = 0; i < p; i++) omega[i] = Math.sqrt(omega[i] / d);
    }

    /** Draws W from {@code rng} (entries in column-major order; use the point's stream "W"). */
    public static RandomFeatures draw(int p, int d, SeededStream rng) {
        if (p < 1 || d < 1) throw new IllegalArgumentException("p and d must be >= 1, got p = " + p + ", d = " + d);
        double[] w = new double[p * d];
        rng.fillGaussian(w);
        return new RandomFeatures(p, d, w);
    }

    /** Wraps a given W (p x d column-major; copied). */
    public static RandomFeatures of(int p, int d, double[] w) {
        if (w.length != p * d) throw new IllegalArgumentException("W must have p*d = " + p * d + " entries, got " + w.length);
        return new RandomFeatures(p, d, w.clone());
    }

    public int p() { return p; }

    public int d() { return d; }

    /** A copy of W (p x d column-major). */
    public double[] weights() { return w.clone(); }

    /** Read-only view for package-internal hot paths. */
    double[] weightsView() { return w; }

    /** {@code W_{ik}}. */
    public double weight(int i, int k) { return w[k * p + i]; }

    /** {@code omega_i = |W_i| / sqrt d}. */
    public double omega(int i) { return omega[i]; }

    double[] omegaView() { return omega; }

    /**
     * Pre-activations {@code out = scale W y / sqrt d} (p x count) of the column-major batch y (d x count).
     * {@code out} may be null (allocated) or a buffer of at least p*count.
     */
    public double[] preactivations(double[] y, int count, double scale, LinAlg la, double[] out) {
        if (out == null) out = new double[p * count];
        la.gemm(false, false, p, count, d, scale / Math.sqrt(d), w, y, 0.0, out);
        return out;
    }

    /** Features {@code phi(y) = sigma(W y / sqrt d)} of the batch y (d x count), as p x count. */
    public double[] apply(Activation act, double[] y, int count, LinAlg la, double[] out) {
        out = preactivations(y, count, 1.0, la, out);
        int len = p * count;
        for (int i = 0; i < len; i++) out[i] = act.value(out[i]);
        return out;
    }

    /**
     * The noise correlations {@code R_ij = W_i . W_j / (d omega_i omega_j)} (p x p, unit diagonal) of §2.5, cached.
     * The returned array is shared: do not modify it.
     */
    public double[] noiseCorrelation(LinAlg la) {
        double[] r = corr;
        if (r == null) {
            synchronized (this) {
                r = corr;
                if (r == null) {
                    r = new double[p * p];
                    la.syrk(false, p, d, 1.0 / d, w, 0.0, r);
                    for (int j = 0; j < p; j++) {
                        double oj = omega[j];
                        for (int i = 0; i < p; i++) r[j * p + i] /= omega[i] * oj;
                        r[j * p + j] = 1.0;
                    }
                    corr = r;
                }
            }
        }
        return r;
    }
}
