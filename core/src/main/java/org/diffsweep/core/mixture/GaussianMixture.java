package org.diffsweep.core.mixture;

import org.diffsweep.core.point.ClassSpec;
import java.util.List;
import org.diffsweep.core.random.SeededStream;

/**
 * The C-class isotropic Gaussian mixture {@code P_0 = sum_c pi_c N(mu_c, sigma_c^2 I_d)} of theory §5.2, with
 * centroids {@code mu_c = r_c sqrt(d) (cos theta_c e1 + sin theta_c e2)} on the canonical basis vectors e1, e2
 * (so {@code |mu_c|^2 = d r_c^2}, §12.3), its forward-noised law at OU time t, and the exact score.
 *
 * <p>Vectors of dimension d are stored contiguously; a batch of N points is a column-major d x N array (point j
 * at offset {@code j d}). Immutable and thread-safe.
 */
public final class GaussianMixture {
    private final int d;
    private final List<ClassSpec> classes;
    private final double[] weights;
    private final double[] variances;
    private final double[] mu1; // coefficient of e1
    private final double[] mu2; // coefficient of e2
    private final double[] muNormSq;

    private GaussianMixture(int d, List<ClassSpec> classes) {
        this.d = d;
        this.classes = List.copyOf(classes);
        int c = classes.size();
        weights = new double[c];
        variances = new double[c];
        mu1 = new double[c];
        mu2 = new double[c];
        muNormSq = new double[c];
        double sq = Math.sqrt(d);
        for (int k = 0; k < c; k++) {
            ClassSpec s = classes.get(k);
            weights[k] = s.weight();
            variances[k] = s.variance();
            double th = Math.toRadians(s.angleDeg());
            mu1[k] = s.radius() * sq * Math.cos(th);
            mu2[k] = s.radius() * sq * Math.sin(th);
            if (Math.abs(mu2[k]) < 1e-12 * Math.max(1, Math.abs(mu1[k]))) mu2[k] = 0.0; // exact for 0 and 180 degrees
            muNormSq[k] = mu1[k] * mu1[k] + mu2[k] * mu2[k];
        }
    }

    /**
     * @throws IllegalArgumentException when d = 1 and some centroid has a component along e2
     */
    public static GaussianMixture of(int d, List<ClassSpec> classes) {
        if (d < 1) throw new IllegalArgumentException("d must be >= 1, got " + d);
        if (classes.isEmpty()) throw new IllegalArgumentException("at least one class is required");
        GaussianMixture m = new GaussianMixture(d, classes);
        if (d == 1) {
            for (int k = 0; k < m.mu2.length; k++) {
                if (m.mu2[k] != 0) throw new IllegalArgumentException("d = 1 allows only angles 0 or 180 degrees");
            }
        }
        return m;
    }

    public int dimension() { return d; }

    public int numClasses() { return weights.length; }

    public List<ClassSpec> classes() { return classes; }

    public double weight(int c) { return weights[c]; }

    public double variance(int c) { return variances[c]; }

    /** {@code |mu_c|^2 = d r_c^2}. */
    public double centroidNormSq(int c) { return muNormSq[c]; }

    /** {@code mu_c . mu_k}. */
    public double centroidDot(int c, int k) { return mu1[c] * mu1[k] + mu2[c] * mu2[k]; }

    /** The centroid mu_c as a new d-vector. */
    public double[] centroid(int c) {
        double[] m = new double[d];
        m[0] = mu1[c];
        if (d > 1) m[1] += mu2[c];
        return m;
    }

    /** {@code Gamma_{c,t} = Delta_t + e^{-2t} sigma_c^2}, the per-coordinate variance of class c at time t. */
    public double gamma(int c, double t) {
        return -Math.expm1(-2 * t) + Math.exp(-2 * t) * variances[c];
    }

    /** {@code sigma_x^2 = Tr(Sigma)/d = sum_c pi_c (sigma_c^2 + r_c^2)} with Sigma the uncentred second moment (§5.2). */
    public double secondMomentPerDim() {
        double s = 0;
        for (int c = 0; c < weights.length; c++) s += weights[c] * (variances[c] + muNormSq[c] / d);
        return s;
    }

    /**
     * Largest eigenvalue Lambda of the centred covariance
     * {@code C_0 = sum_c pi_c sigma_c^2 I + sum_c pi_c (mu_c - mubar)(mu_c - mubar)^T} (§6.2). The rank-2 part lives
     * in span(e1, e2); its top eigenvalue is taken in closed form.
     */
    public double centredCovarianceTopEigenvalue() {
        double iso = 0, m1 = 0, m2 = 0;
        for (int c = 0; c < weights.length; c++) {
            iso += weights[c] * variances[c];
            m1 += weights[c] * mu1[c];
            m2 += weights[c] * mu2[c];
        }
        double a = 0, b = 0, e = 0;
        for (int c = 0; c < weights.length; c++) {
            double x = mu1[c] - m1, y = mu2[c] - m2;
            a += weights[c] * x * x;
            b += weights[c] * x * y;
            e += weights[c] * y * y;
        }
        double top = 0.5 * (a + e) + Math.sqrt(0.25 * (a - e) * (a - e) + b * b);
        return iso + top;
    }

    /**
     * Draws {@code count} clean samples of class c into {@code out[offset + j d + i]}: {@code x = mu_c + sigma_c z}.
     */
    public void sampleClass(int c, int count, SeededStream rng, double[] out, int offset) {
        double sd = Math.sqrt(variances[c]);
        for (int j = 0; j < count; j++) {
            int o = offset + j * d;
            for (int i = 0; i < d; i++) out[o + i] = sd * rng.nextGaussian();
            out[o] += mu1[c];
            if (d > 1) out[o + 1] += mu2[c];
        }
    }

    /**
     * Draws {@code count} samples of class c from the noised law at time t:
     * {@code y = e^{-t}(mu_c + sigma_c z) + sqrt(Delta_t) xi}, i.e. N(e^{-t} mu_c, Gamma_{c,t} I).
     */
    public void sampleClassAtTime(int c, double t, int count, SeededStream rng, double[] out, int offset) {
        double a = Math.exp(-t);
        double sd = Math.sqrt(gamma(c, t));
        for (int j = 0; j < count; j++) {
            int o = offset + j * d;
            for (int i = 0; i < d; i++) out[o + i] = sd * rng.nextGaussian();
            out[o] += a * mu1[c];
            if (d > 1) out[o + 1] += a * mu2[c];
        }
    }

    /**
     * Class posteriors {@code p_c(x, t) ∝ pi_c Gamma_c^{-d/2} exp(-|x - e^{-t} mu_c|^2 / (2 Gamma_c))}, computed with
     * log-sum-exp, for the point at {@code x[offset .. offset+d)}; written to {@code post[0..C)}.
     *
     * @return the log of the normaliser relative to the largest term (for diagnostics)
     */
    public double posteriors(double[] x, int offset, double t, double[] post) {
        double a = Math.exp(-t);
        double xx = 0;
        for (int i = 0; i < d; i++) xx += x[offset + i] * x[offset + i];
        double x1 = x[offset], x2 = d > 1 ? x[offset + 1] : 0.0;
        int cc = weights.length;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < cc; c++) {
            double g = gamma(c, t);
            double dist = xx - 2 * a * (x1 * mu1[c] + x2 * mu2[c]) + a * a * muNormSq[c];
            double l = Math.log(weights[c]) - 0.5 * d * Math.log(g) - dist / (2 * g);
            post[c] = l;
            if (l > max) max = l;
        }
        double sum = 0;
        for (int c = 0; c < cc; c++) {
            post[c] = Math.exp(post[c] - max);
            sum += post[c];
        }
        for (int c = 0; c < cc; c++) post[c] /= sum;
        return Math.log(sum);
    }

    /**
     * Exact score {@code s(x, t) = sum_c p_c(x, t) (-(x - e^{-t} mu_c) / Gamma_{c,t})} (§5.2) for the point at
     * {@code x[xOff ..)}, written to {@code out[outOff ..)}. {@code post} is scratch of length C.
     */
    public void score(double[] x, int xOff, double t, double[] out, int outOff, double[] post) {
        posteriors(x, xOff, t, post);
        double a = Math.exp(-t);
        double coef = 0, s1 = 0, s2 = 0;
        for (int c = 0; c < weights.length; c++) {
            double w = post[c] / gamma(c, t);
            coef += w;
            s1 += w * a * mu1[c];
            s2 += w * a * mu2[c];
        }
        for (int i = 0; i < d; i++) out[outOff + i] = -coef * x[xOff + i];
        out[outOff] += s1;
        if (d > 1) out[outOff + 1] += s2;
    }
}
