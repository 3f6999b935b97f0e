package org.diffsweep.core.mixture;

import org.diffsweep.core.point.ClassSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.diffsweep.core.random.SeededStream;
import org.junit.jupiter.api.Test;

class GaussianMixtureTest {
    private static final List<ClassSpec> TWO = List.of(
            new ClassSpec("A", 0.3, 1.0, 0, 2.0), new ClassSpec("B", 0.7, 0.8, 120, 0.5));

    /** The exact score equals the central finite difference of log P_t (computed independently, by brute force). */
    @Test
    void scoreIsTheGradientOfTheLogDensity() {
        int d = 5;
        double t = 0.3;
        GaussianMixture m = GaussianMixture.of(d, TWO);
        double[] x = new double[d];
        new SeededStream(7).fillGaussian(x);
        double[] s = new double[d];
        m.score(x, 0, t, s, 0, new double[2]);
        double h = 1e-5;
        for (int i = 0; i < d; i++) {
            double[] xp = x.clone(), xm = x.clone();
            xp[i] += h;
            xm[i] -= h;
            double fd = (logDensity(m, xp, t) - logDensity(m, xm, t)) / (2 * h);
            assertEquals(fd, s[i], 1e-7);
        }
    }

    private static double logDensity(GaussianMixture m, double[] x, double t) {
        int d = x.length;
        double a = Math.exp(-t), p = 0;
        for (int c = 0; c < m.numClasses(); c++) {
            double g = m.gamma(c, t);
            double[] mu = m.centroid(c);
            double dist = 0;
            for (int i = 0; i < d; i++) dist += (x[i] - a * mu[i]) * (x[i] - a * mu[i]);
            p += m.weight(c) * Math.pow(2 * Math.PI * g, -d / 2.0) * Math.exp(-dist / (2 * g));
        }
        return Math.log(p);
    }

    @Test
    void centroidGeometryFollowsRadiusAndAngle() {
        GaussianMixture m = GaussianMixture.of(100, TWO);
        assertEquals(100 * 1.0, m.centroidNormSq(0), 1e-9);
        assertEquals(100 * 0.64, m.centroidNormSq(1), 1e-9);
        assertEquals(Math.cos(Math.toRadians(120)) * 100 * 0.8, m.centroidDot(0, 1), 1e-9);
    }

    /** Lambda of the centred covariance equals the top eigenvalue of the explicitly built 2x2 block plus the isotropic part. */
    @Test
    void balancedPlusMinusMuGivesSigmaSquaredPlusMuSquared() {
        List<ClassSpec> pm = List.of(new ClassSpec("A", 0.5, 1.0, 0, 1.0), new ClassSpec("B", 0.5, 1.0, 180, 1.0));
        GaussianMixture m = GaussianMixture.of(200, pm);
        // C_0 = sigma^2 I + 4 pi (1 - pi) mu mu^T = I + mu mu^T  ->  Lambda = 1 + |mu|^2 = 201
        assertEquals(201.0, m.centredCovarianceTopEigenvalue(), 1e-9);
    }

    /** Empirical mean and per-coordinate variance of noised class samples match e^{-t} mu_c and Gamma_{c,t}. */
    @Test
    void noisedSamplesHaveTheRightMoments() {
        int d = 4, count = 50_000;
        double t = 0.2;
        GaussianMixture m = GaussianMixture.of(d, TWO);
        double[] y = new double[d * count];
        m.sampleClassAtTime(1, t, count, new SeededStream(3), y, 0);
        double[] mu = m.centroid(1);
        for (int i = 0; i < d; i++) {
            double s = 0, s2 = 0;
            for (int j = 0; j < count; j++) {
                s += y[j * d + i];
                s2 += y[j * d + i] * y[j * d + i];
            }
            double mean = s / count, var = s2 / count - mean * mean;
            double g = m.gamma(1, t);
            assertEquals(Math.exp(-t) * mu[i], mean, 5 * Math.sqrt(g / count));
            assertEquals(g, var, 5 * g * Math.sqrt(2.0 / count));
        }
    }
}
