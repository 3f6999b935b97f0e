package org.diffsweep.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.diffsweep.core.dynamics.MeasuredClassTimes;
import org.diffsweep.core.dynamics.MeasuredTimes;
import org.diffsweep.core.linalg.LinAlg;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.point.TauGrid;
import org.diffsweep.core.random.SeededStream;
import org.diffsweep.core.spectrum.ClassCoefficients;
import org.diffsweep.core.spectrum.ReducedTransforms;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The deterministic equivalents against sampled Gaussian-equivalent matrices (the model they are exact for as
 * d -> infinity): W, Psi_c = sqrt(k1_c) W X_c / sqrt d + v_c Omega_c, U = sum_c Psi_c Psi_c^T / n + b̄^2 W W^T/d + s̄^2 I,
 * U_c, Ũ_c and V = beta W / sqrt d as in {@link TwoResolventKernel}; the finite-size losses come from one
 * eigendecomposition of U, {@code L = 1 + (1/d) Tr V^T f(U) A f(U) V + (2/d) Tr V^T f(U) V_c}. This separates the
 * error of the asymptotic algebra from the Gaussian-equivalence error (which the simulation tests measure).
 * Two classes at centroid 0 (no class-mean spikes), sigma^2 2 / 0.5, psi_p = 16, psi_n = 4, t = 0.01; d = 32
 * (p = 512, n_c = 64, three draws) in the default run.
 */
class GaussianEquivalentMonteCarloTest {
    private static final double T = 0.01;
    private static final TauGrid GRID = new TauGrid(1e-2, 1e7, 120);

    private static PointParams point(int d) {
        return new PointParams(d, 16, 4, T, 1, List.of(
                new ClassSpec("A", 0.5, 0, 0, 2.0), new ClassSpec("B", 0.5, 0, 0, 0.5)), 0.01, 0.9, GRID, null);
    }

    /** Per class: [train, test] curves of one draw. */
    private static double[][][] sampledCurves(PointParams pp, long seed, ReducedTransforms tr, LinAlg la) {
        final int D = pp.d(), P = pp.p(), N = pp.n();
        final int[] NC = {pp.classSize(0), pp.classSize(1)};
        SeededStream rng = new SeededStream(seed);
        List<ClassCoefficients> co = tr.coefficients();
        double[] pi = tr.fractions();
        double b2bar = 0, s2bar = 0, beta = 0;
        for (int c = 0; c < 2; c++) {
            b2bar += pi[c] * co.get(c).b2();
            s2bar += pi[c] * co.get(c).s2();
            beta += pi[c] * Math.sqrt(co.get(c).b2());
        }
        double[] w = new double[P * D];
        rng.fillGaussian(w);
        double[][] psi = new double[2][];
        double[] u = new double[P * P];
        for (int c = 0; c < 2; c++) {
            double[] x = new double[D * NC[c]];
            rng.fillGaussian(x);
            double[] om = new double[P * NC[c]];
            rng.fillGaussian(om);
            psi[c] = new double[P * NC[c]];
            la.gemm(false, false, P, NC[c], D, Math.sqrt(co.get(c).k1() / D), w, x, 0, psi[c]);
            double v = Math.sqrt(co.get(c).v2());
            for (int i = 0; i < om.length; i++) psi[c][i] += v * om[i];
            la.syrk(false, P, NC[c], 1.0 / N, psi[c], 1.0, u);
        }
        la.syrk(false, P, D, b2bar / D, w, 1.0, u);
        for (int i = 0; i < P; i++) u[i * P + i] += s2bar;
        double[] lam = new double[P];
        la.symmetricEigen(P, u, lam); // u now holds Q
        double[] g = new double[P * D]; // G = Q^T W / sqrt d
        la.gemm(true, false, P, D, P, 1 / Math.sqrt(D), u, w, 0, g);
        double[] gg = new double[P * P];
        la.syrk(false, P, D, 1.0, g, 0, gg);
        double[] tau = GRID.values();
        double rate = 2 * (-Math.expm1(-2 * T)) / (P / (double) D);
        double[][] f = new double[tau.length][P];
        for (int k = 0; k < tau.length; k++) for (int i = 0; i < P; i++) f[k][i] = Math.expm1(-rate * lam[i] * tau[k]) / lam[i];
        double[][][] out = new double[2][2][tau.length];
        for (int c = 0; c < 2; c++) {
            ClassCoefficients k = co.get(c);
            double[] pq = new double[P * NC[c]];
            la.gemm(true, false, P, NC[c], P, 1.0, u, psi[c], 0, pq);
            double[] ntr = new double[P * P];
            la.syrk(false, P, NC[c], 1.0 / NC[c], pq, 0, ntr);
            double bc = Math.sqrt(k.b2());
            for (int which = 0; which < 2; which++) {
                double[] h = new double[P * P]; // (Q^T A Q) o (G G^T)
                for (int i = 0; i < P; i++) {
                    for (int j = 0; j < P; j++) {
                        double a = which == 0 ? ntr[i * P + j] + k.b2() * gg[i * P + j] + (i == j ? k.s2() : 0)
                                : (k.k1() + k.b2()) * gg[i * P + j] + (i == j ? k.v2() + k.s2() : 0);
                        h[i * P + j] = a * gg[i * P + j];
                    }
                }
                for (int t = 0; t < tau.length; t++) {
                    double quad = 0, lin = 0;
                    for (int i = 0; i < P; i++) {
                        double row = 0;
                        for (int j = 0; j < P; j++) row += h[i * P + j] * f[t][j];
                        quad += f[t][i] * row;
                        lin += f[t][i] * gg[i * P + i];
                    }
                    out[c][which][t] = 1 + beta * beta * quad / D + 2 * beta * bc * lin / D;
                }
            }
        }
        return out;
    }

    /**
     * Curves: |L_theory - L_sampled| <= 0.5 % of the curve's excursion max|L - 1| (the O(1/p) bias) + three standard
     * errors of the three-draw mean (the late test loss of the minority-variance class scatters by 2 % between draws)
     * + 0.002, at every tau, for train and test of both classes. Times: tau_gen within 3 % (observed 0.2 %); tau_mem,
     * the noisiest read-out (the slowly rising L_gen,c crosses deltaGen), within 15 % at p = 512: there the sampled
     * tau_mem of the low-variance class lies 9–13 % below the asymptotic one (three draws, two random generators), a
     * finite-size bias that falls to 2.5 % at p = 2048 ({@link #errorShrinksAtP2048()}).
     */
    @Test
    void curvesAndTimesMatchSampledGaussianEquivalentMatrices() {
        check(32, 3, 0.15);
    }

    /** The same at d = 128 (p = 2048, n_c = 256), two draws: tau_mem within 5 % (observed 1–3 %). */
    @Tag("slow")
    @Test
    void errorShrinksAtP2048() {
        check(128, 2, 0.05);
    }

    private static void check(int d, int seeds, double memTol) {
        final int SEEDS = seeds;
        PointParams POINT = point(d);
        ReducedTransforms tr = ReducedTransforms.of(POINT);
        AsymptoticCurves th = AsymptoticCurves.of(POINT, tr.spectrum(), tr, 40);
        LinAlg la = LinAlg.best();
        int nt = GRID.points();
        double[][][] mean = new double[2][2][nt], sq = new double[2][2][nt];
        for (int s = 0; s < SEEDS; s++) {
            double[][][] one = sampledCurves(POINT, 1000 + s, tr, la);
            for (int c = 0; c < 2; c++) {
                for (int w = 0; w < 2; w++) {
                    for (int k = 0; k < nt; k++) {
                        mean[c][w][k] += one[c][w][k] / SEEDS;
                        sq[c][w][k] += one[c][w][k] * one[c][w][k] / SEEDS;
                    }
                }
            }
        }
        double[] tau = th.tau();
        for (int c = 0; c < 2; c++) {
            ClassCurves cc = th.classes().get(c);
            double[][] theory = {cc.trainLoss(), cc.testLoss()};
            for (int w = 0; w < 2; w++) {
                double exc = 0;
                for (double v : mean[c][w]) exc = Math.max(exc, Math.abs(v - 1));
                for (int k = 0; k < nt; k++) {
                    double sd = Math.sqrt(Math.max(0, sq[c][w][k] - mean[c][w][k] * mean[c][w][k]) * SEEDS / (SEEDS - 1.0));
                    double tol = 0.005 * exc + 3 * sd / Math.sqrt(SEEDS) + 0.002;
                    assertEquals(mean[c][w][k], theory[w][k], tol, "class " + c + (w == 0 ? " train" : " test") + " at tau " + tau[k]);
                }
            }
            double var = POINT.classes().get(c).variance();
            double score0 = 1 / (Math.exp(-2 * T) * var - Math.expm1(-2 * T));
            double[] score = new double[nt], gen = new double[nt];
            for (int k = 0; k < nt; k++) {
                score[k] = score0 + (mean[c][1][k] - 1) / POINT.deltaT();
                gen[k] = mean[c][1][k] - mean[c][0][k];
            }
            MeasuredClassTimes mc = MeasuredTimes.of("mc", tau, score, score0, gen, 0.01);
            assertTrue(mc.tauGen() != null && mc.tauMem() != null, "sampled times exist");
            assertEquals(mc.tauGen(), cc.tauGenAsym(), 0.03 * mc.tauGen(), "tau_gen class " + c);
            assertEquals(mc.tauMem(), cc.tauMemAsym(), memTol * mc.tauMem(), "tau_mem class " + c);
        }
    }
}
