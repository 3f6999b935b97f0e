package org.diffsweep.core.dynamics;

import org.diffsweep.core.features.Activation;
import org.diffsweep.core.features.FeatureSettings;
import org.diffsweep.core.features.NoiseAveragedMatrices;
import org.diffsweep.core.linalg.LinAlg;
import org.diffsweep.core.mixture.GaussianMixture;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.random.RandomStreams;
import org.diffsweep.core.random.SeededStream;

/**
 * The linear system that drives training at one grid point (theory §2.3, §5.3): the per-class noise-averaged
 * moments, the pooled {@code U = sum_c (n_c/n) U_c = Q diag(lambda) Q^T} (one dsyevd), the pooled V, and the
 * score cross-moments of each class for E_score,c. Built once and shared by the dynamics
 * ({@link RfDynamics#run(RfSystem, PointParams, LinAlg)}) and by the class-resolved spectrum (§5.3(3)):
 * {@code w_c(k) = classFraction(c) * classRayleigh(c)[k] / eigenvalue(k)}.
 *
 * <p>Score moments (for E_score,c, §5.3(2)): for the population samples x_j of class c (the same ones behind Ũ_c)
 * and one noise draw each from stream {@code "scoreNoise"}, {@code y_j = e^{-t} x_j + sqrt(Delta_t) xi_j},
 * {@code S_c = (1/N) sum_j phi(y_j) s(y_j)^T} (p x d) and {@code E|s|^2_c = (1/N) sum_j |s(y_j)|^2}, with s the
 * exact mixture score. Together with {@code K_c = E_y[phi phi^T] = Ũ_c} they give
 * {@code E_score,c(tau) = (1/d)[Tr(B^T B K_c) - 2 Tr(B S_c) + E|s|^2_c]}.
 *
 * <p>Arrays returned by accessors are internal (shared, do not modify). Thread-safe after construction.
 */
public final class RfSystem {
    private final NoiseAveragedMatrices moments;
    private final double psiP;
    private final double[] eigenvalues;
    private final double[] eigenvectors;
    private final double[] pooledV;
    private final double[] projectedV;
    private final double[][] scoreCross;
    private final double[] scoreNorm2;
    private final double[][] rayleigh;
    private final long featuresNanos;
    private final long eigenNanos;

    private RfSystem(NoiseAveragedMatrices moments, double[] eigenvalues, double[] eigenvectors, double[] pooledV,
                     double[] projectedV, double[][] scoreCross, double[] scoreNorm2, long featuresNanos,
                     long eigenNanos) {
        this.moments = moments;
        this.psiP = (double) moments.p() / moments.d();
        this.eigenvalues = eigenvalues;
        this.eigenvectors = eigenvectors;
        this.pooledV = pooledV;
        this.projectedV = projectedV;
        this.scoreCross = scoreCross;
        this.scoreNorm2 = scoreNorm2;
        this.rayleigh = new double[moments.numClasses()][];
        this.featuresNanos = featuresNanos;
        this.eigenNanos = eigenNanos;
    }

    /** The system of a grid point, default feature settings, {@link LinAlg#best()}. */
    public static RfSystem build(PointParams params, RandomStreams streams) {
        return build(params, streams, FeatureSettings.DEFAULT, LinAlg.best());
    }

    /** Draws W, data, population (streams "W", "data", "population", "noise", "scoreNoise") and builds the system. */
    public static RfSystem build(PointParams params, RandomStreams streams, FeatureSettings settings, LinAlg la) {
        long t0 = System.nanoTime();
        NoiseAveragedMatrices m = NoiseAveragedMatrices.compute(params, streams, settings, la);
        long t1 = System.nanoTime();
        return of(m, streams.stream("scoreNoise"), la, t1 - t0);
    }

    /** The system of given moments; {@code scoreNoise} supplies the noise of the score samples. */
    public static RfSystem of(NoiseAveragedMatrices m, SeededStream scoreNoise, LinAlg la) {
        return of(m, scoreNoise, la, 0L);
    }

    private static RfSystem of(NoiseAveragedMatrices m, SeededStream scoreNoise, LinAlg la, long featuresNanos) {
        int p = m.p(), d = m.d(), cc = m.numClasses();
        long t0 = System.nanoTime();
        double[][] cross = new double[cc][];
        double[] norm2 = new double[cc];
        scoreMoments(m, scoreNoise, la, cross, norm2);
        long t1 = System.nanoTime();
        double[] q = m.pooledTrainU();
        double[] lambda = new double[p];
        la.symmetricEigen(p, q, lambda);
        double[] v = m.pooledTrainV();
        double[] g = new double[p * d];
        la.gemm(true, false, p, d, p, 1.0, q, v, 0.0, g);
        long t2 = System.nanoTime();
        return new RfSystem(m, lambda, q, v, g, cross, norm2, featuresNanos + (t1 - t0), t2 - t1);
    }

    private static void scoreMoments(NoiseAveragedMatrices m, SeededStream noise, LinAlg la, double[][] cross,
                                     double[] norm2) {
        int p = m.p(), d = m.d(), cc = m.numClasses(), np = m.populationSize();
        double t = m.t(), e = Math.exp(-t), sd = Math.sqrt(m.deltaT());
        GaussianMixture mix = m.mixture();
        Activation act = m.settings().activation();
        double[] y = new double[d * np];
        double[] s = new double[d * np];
        double[] phi = new double[p * np];
        double[] post = new double[cc];
        for (int c = 0; c < cc; c++) {
            double[] x = m.popData(c);
            for (int q = 0; q < y.length; q++) y[q] = e * x[q] + sd * noise.nextGaussian();
            double ss = 0;
            for (int j = 0; j < np; j++) {
                mix.score(y, j * d, t, s, j * d, post);
                for (int k = 0; k < d; k++) ss += s[j * d + k] * s[j * d + k];
            }
            norm2[c] = ss / np;
            m.features().apply(act, y, np, la, phi);
            cross[c] = new double[p * d];
            la.gemm(false, true, p, d, np, 1.0 / np, phi, s, 0.0, cross[c]);
        }
    }

    /** The underlying moments U_c, V_c, Ũ_c, Ṽ_c and data. */
    public NoiseAveragedMatrices moments() { return moments; }

    public int p() { return moments.p(); }

    public int d() { return moments.d(); }

    public int n() { return moments.n(); }

    public int numClasses() { return moments.numClasses(); }

    /** {@code psi_p = p/d} with the actual integer sizes. */
    public double psiP() { return psiP; }

    /** {@code Delta_t}. */
    public double deltaT() { return moments.deltaT(); }

    /** {@code n_c / n}. */
    public double classFraction(int c) { return moments.classFraction(c); }

    /** Eigenvalues of the pooled U, ascending (length p). Shared array. */
    public double[] eigenvalues() { return eigenvalues; }

    /** Orthonormal eigenvectors Q of the pooled U as columns (p x p column-major), matching {@link #eigenvalues()}. */
    public double[] eigenvectors() { return eigenvectors; }

    /** Pooled {@code V = sum_c (n_c/n) V_c} (p x d). */
    public double[] pooledV() { return pooledV; }

    /** {@code G = Q^T V} (p x d). */
    public double[] projectedV() { return projectedV; }

    /** {@code U_c} (p x p) of the training points of class c. */
    public double[] classU(int c) { return moments.trainU(c); }

    /** {@code S_c = E_{y ~ P_t^(c)}[phi(y) s(y)^T]} (p x d), one noise draw per population sample. */
    public double[] scoreCross(int c) { return scoreCross[c]; }

    /** {@code E_{y ~ P_t^(c)} |s(y)|^2}. */
    public double scoreNorm2(int c) { return scoreNorm2[c]; }

    /**
     * {@code v_k^T U_c v_k} for every eigenvector k of the pooled U (length p): the class-resolved spectral weight is
     * {@code w_c(k) = classFraction(c) * classRayleigh(c)[k] / eigenvalue(k)} (§5.3(3)). Filled as a by-product of
     * {@link RfDynamics#run(RfSystem, PointParams, LinAlg)}; otherwise computed here (O(p^3)) and cached.
     */
    public double[] classRayleigh(int c) {
        synchronized (rayleigh) {
            if (rayleigh[c] == null) {
                int p = p();
                double[] tmp = new double[p * p];
                LinAlg.best().gemm(false, false, p, p, p, 1.0, classU(c), eigenvectors, 0.0, tmp);
                double[] r = new double[p];
                for (int k = 0; k < p; k++) {
                    double s = 0;
                    int o = k * p;
                    for (int i = 0; i < p; i++) s += eigenvectors[o + i] * tmp[o + i];
                    r[k] = s;
                }
                rayleigh[c] = r;
            }
            return rayleigh[c];
        }
    }

    void cacheRayleigh(int c, double[] r) {
        synchronized (rayleigh) {
            if (rayleigh[c] == null) rayleigh[c] = r;
        }
    }

    /** Wall time spent drawing data and computing the feature and score moments, ns. */
    public long featuresNanos() { return featuresNanos; }

    /** Wall time of the eigendecomposition and G = Q^T V, ns. */
    public long eigenNanos() { return eigenNanos; }
}
