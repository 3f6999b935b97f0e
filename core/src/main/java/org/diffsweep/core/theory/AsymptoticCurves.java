package org.diffsweep.core.theory;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.diffsweep.core.dynamics.MeasuredClassTimes;
import org.diffsweep.core.dynamics.Curves;
import org.diffsweep.core.dynamics.MeasuredTimes;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.spectrum.ClassCoefficients;
import org.diffsweep.core.spectrum.ReducedTransforms;
import org.diffsweep.core.spectrum.SpectrumResult;
import org.diffsweep.core.spectrum.SpectrumSolver;

/**
 * Per-class learning curves of the random-features score model predicted by the asymptotic theory, for the same
 * gradient flow as the simulation (theory §2.3, §5.3(2)), and the per-class times read off them exactly as the
 * measured ones (theory §12.6, §12.13): {@code tauGenAsym}, {@code tauMemAsym}. Formulas and provenance:
 * docs/theory-curves.md.
 *
 * <p>With {@code f_tau(lambda) = (exp(-2 Delta_t lambda tau/psi_p) - 1)/lambda} and V ≅ beta W/sqrt d
 * ({@code beta_c = sqrt <b_c^2>}, {@code beta = sum_c pi_c beta_c}):
 * <pre>
 *   L_*,c(tau) = 1 + beta^2 psi_p (1/p) Tr[Pi f(U) A_* f(U)] + 2 beta beta_c psi_p (1/(p d)) Tr[W^T f(U) W],
 *   A_train = U_c,  A_test = Ũ_c,   E_score,c = 1/Gamma_c^2 + (L_test,c - 1)/Delta_t,
 * </pre>
 * the traces being integrals of f against the spectral measure of s(z) and the two-resolvent kernels of
 * {@link TwoResolventKernel}, on {@link SpectralGrid} nodes inside the bulks of the reduced spectrum (§5.4).
 *
 * @param tau          the point's tau grid (paper units)
 * @param classes      per class, in spec order
 * @param pooledTrain  {@code sum_c (n_c/n) L_train,c}
 * @param pooledTest   {@code sum_c pi_c L_test,c}
 * @param pooledScore  {@code sum_c pi_c E_score,c}
 * @param diagnostics  grid size and self-consistency checks
 */
public record AsymptoticCurves(double[] tau, List<ClassCurves> classes, double[] pooledTrain, double[] pooledTest,
                               double[] pooledScore, Diagnostics diagnostics) {
    /** Default nodes per bulk of the spectral grid (times converge to 1e-3 relative from about 24). */
    public static final int DEFAULT_NODES_PER_BULK = 40;
    /** Fraction of grid nodes whose transform may fail before the curves are refused. */
    static final double MAX_FAILED_FRACTION = 0.05;

    public AsymptoticCurves {
        classes = List.copyOf(classes);
    }

    /**
     * Self-consistency of one evaluation.
     *
     * @param gridPoints         spectral nodes (bulks x nodes per bulk)
     * @param failedPoints       nodes where the saddle point did not converge (dropped)
     * @param sMass              total mass of the s-measure on the nodes; 1 when the bulks carry all of W's directions
     * @param pooledTrainResidual max over tau of |sum_c (n_c/n) L_train,c - L_train(closed form)|: the pooled train
     *                           loss needs one resolvent only, {@code 1 - beta^2 psi_p int dnu_s (1 - e^{-2 a lambda tau})/lambda}
     * @param cpuNanos           CPU time of the curves (transforms on the grid, kernels, curves, times), without the
     *                           spectrum solve that located the bulks
     */
    public record Diagnostics(int gridPoints, int failedPoints, double sMass, double pooledTrainResidual, long cpuNanos) {}

    /**
     * Solves the reduced spectrum of the point and computes the curves (coefficients computed once; see
     * {@link AsymptoticPoint} to keep the spectrum too).
     */
    public static AsymptoticCurves of(PointParams p) { return AsymptoticPoint.of(p).curves(); }

    /**
     * The curves of a point whose reduced spectrum was already solved by {@link SpectrumSolver#solve(PointParams)}
     * (the per-class coefficients are computed again: about 30 ms of CPU per class with r_c > 0).
     */
    public static AsymptoticCurves of(PointParams p, SpectrumResult spectrum) {
        return of(p, spectrum, ReducedTransforms.of(p), DEFAULT_NODES_PER_BULK);
    }

    /**
     * The curves from the point's reduced system {@code tr} ({@link ReducedTransforms#of(PointParams)}) and its
     * spectrum (bulk edges), with {@code nodesPerBulk} spectral nodes per bulk.
     *
     * @throws ArithmeticException when the spectrum has no bulk or the saddle point fails at more than 5 % of the nodes
     */
    public static AsymptoticCurves of(PointParams p, SpectrumResult spectrum, ReducedTransforms tr, int nodesPerBulk) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean cpuOk = mx.isCurrentThreadCpuTimeSupported();
        long cpu0 = cpuOk ? mx.getCurrentThreadCpuTime() : System.nanoTime();
        if (tr.fractions().length != p.numClasses()) throw new IllegalArgumentException("reduced system of another point");
        if (spectrum.bulks().isEmpty()) throw new ArithmeticException("asymptotic curves: the spectrum has no bulk");
        SpectralGrid all = SpectralGrid.of(spectrum.bulks(), nodesPerBulk);
        double[][] qs = tr.solve(all.lambda());
        // drop nodes where the continuation failed (NaN) or landed outside the support (no density)
        int kept = 0;
        for (int j = 0; j < all.size(); j++) if (usable(qs, j)) kept++;
        int failed = all.size() - kept;
        if (failed > MAX_FAILED_FRACTION * all.size()) {
            throw new ArithmeticException("asymptotic curves: saddle point failed at " + failed + " of " + all.size() + " nodes");
        }
        SpectralGrid grid = all;
        if (failed > 0) {
            double[] lam = new double[kept], w = new double[kept];
            int[] b = new int[kept];
            double[][] q2 = new double[4][kept];
            for (int j = 0, k = 0; j < all.size(); j++) {
                if (!usable(qs, j)) continue;
                lam[k] = all.lambda()[j];
                w[k] = all.weight()[j];
                b[k] = all.bulk()[j];
                for (int r = 0; r < 4; r++) q2[r][k] = qs[r][j];
                k++;
            }
            grid = new SpectralGrid(lam, w, b);
            qs = q2;
        }
        double[] pi = tr.fractions();
        List<ClassCoefficients> coef = tr.coefficients();
        TwoResolventKernel ker = new TwoResolventKernel(tr.psiP(), tr.psiN(), pi, coef, grid, qs,
                ReducedTransforms.imaginaryPart());
        AsymptoticCurves out = curves(p, tr, ker, grid, failed);
        long cpu = (cpuOk ? mx.getCurrentThreadCpuTime() : System.nanoTime()) - cpu0;
        Diagnostics d = out.diagnostics();
        return new AsymptoticCurves(out.tau(), out.classes(), out.pooledTrain(), out.pooledTest(), out.pooledScore(),
                new Diagnostics(d.gridPoints(), d.failedPoints(), d.sMass(), d.pooledTrainResidual(), cpu));
    }

    private static boolean usable(double[][] qs, int j) {
        return Double.isFinite(qs[0][j]) && Double.isFinite(qs[2][j]) && qs[1][j] > 0 && qs[3][j] >= 0;
    }

    private static AsymptoticCurves curves(PointParams p, ReducedTransforms tr, TwoResolventKernel ker,
                                           SpectralGrid grid, int failed) {
        double[] tau = p.tauGrid().values();
        int nt = tau.length, n = grid.size(), cc = p.numClasses();
        double deltaT = p.deltaT(), psiP = tr.psiP();
        double rate = 2 * deltaT / psiP;
        double[] pi = tr.fractions();
        double[] beta = new double[cc];
        double betaBar = 0;
        for (int c = 0; c < cc; c++) {
            beta[c] = Math.sqrt(tr.coefficients().get(c).b2());
            betaBar += pi[c] * beta[c];
        }
        double[] lam = grid.lambda();
        double[][] train = new double[cc][nt], test = new double[cc][nt], gen = new double[cc][nt], score = new double[cc][nt];
        double[] pooledTrain = new double[nt], pooledTest = new double[nt], pooledScore = new double[nt];
        double[] f = new double[n];
        double residual = 0, sMass = 0;
        for (int j = 0; j < n; j++) sMass += ker.sMeasure[j];
        for (int k = 0; k < nt; k++) {
            double lin = 0, closed = 0;
            for (int j = 0; j < n; j++) {
                f[j] = Math.expm1(-rate * lam[j] * tau[k]) / lam[j];
                lin += ker.sMeasure[j] * f[j];
                closed += ker.sMeasure[j] * -Math.expm1(-2 * rate * lam[j] * tau[k]) / lam[j];
            }
            closed = 1 - betaBar * betaBar * psiP * closed;
            double pooled = 0;
            for (int c = 0; c < cc; c++) {
                double l = 2 * betaBar * beta[c] * psiP * lin;
                double qTrain = TwoResolventKernel.quadratic(ker.train[c], ker.trainDiag[c], f, n);
                double qTest = TwoResolventKernel.quadratic(ker.test[c], ker.testDiag[c], f, n);
                train[c][k] = 1 + betaBar * betaBar * psiP * qTrain + l;
                test[c][k] = 1 + betaBar * betaBar * psiP * qTest + l;
                gen[c][k] = betaBar * betaBar * psiP * (qTest - qTrain);
                pooled += pi[c] * train[c][k];
            }
            residual = Math.max(residual, Math.abs(pooled - closed));
        }
        List<ClassCurves> out = new ArrayList<>();
        for (int c = 0; c < cc; c++) {
            ClassSpec cs = p.classes().get(c);
            double gamma2 = Math.exp(-2 * p.t()) * cs.variance() + deltaT;
            double score0 = 1 / gamma2;
            for (int k = 0; k < nt; k++) {
                score[c][k] = score0 + (test[c][k] - 1) / deltaT;
                pooledTrain[k] += pi[c] * train[c][k];
                pooledTest[k] += cs.weight() * test[c][k];
                pooledScore[k] += cs.weight() * score[c][k];
            }
            MeasuredClassTimes times = MeasuredTimes.of(cs.name(), tau, score[c], score0, gen[c], p.deltaGen());
            out.add(new ClassCurves(cs.name(), train[c], test[c], gen[c], score[c], times));
        }
        return new AsymptoticCurves(tau, out, pooledTrain, pooledTest, pooledScore,
                new Diagnostics(n, failed, sMass, residual, 0L));
    }

    /** The curves as a {@link Curves} record (for plotting them with, or against, the simulated ones). */
    public Curves toCurves() {
        int cc = classes.size();
        List<String> names = new ArrayList<>();
        double[][] tr = new double[cc][], te = new double[cc][], ge = new double[cc][], sc = new double[cc][];
        for (int c = 0; c < cc; c++) {
            ClassCurves k = classes.get(c);
            names.add(k.name());
            tr[c] = k.trainLoss();
            te[c] = k.testLoss();
            ge[c] = k.genLoss();
            sc[c] = k.scoreError();
        }
        return new Curves(tau, names, tr, te, ge, sc, pooledTrain, pooledTest, pooledScore);
    }
}
