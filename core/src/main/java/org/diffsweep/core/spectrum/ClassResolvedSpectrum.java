package org.diffsweep.core.spectrum;

import java.util.ArrayList;
import java.util.List;
import org.diffsweep.core.features.NoiseAveragedMatrices;
import org.diffsweep.core.linalg.LinAlg;

/**
 * Class-resolved spectra of a sampled U = sum_c (n_c/n) U_c and the per-class predicted times in the two definitions
 * of theory §5.3(3), §5.5 and §12.7 (eigenvalues in units of U, times tau = psi_p / (Delta_t lambda), paper units):
 * <ul>
 *   <li>(w) weights {@code w_c(k) = (n_c/n) v_k^T U_c v_k / lambda_k} of the pooled eigenvectors (>= 0, sum 1 over c).
 *       tauMemSpecW from the w_c-weighted 2 % quantile of rho_1, tauGenSpecW from the w_c-weighted harmonic mean of the
 *       generalization part (outliers included);</li>
 *   <li>(cw) the spectrum of (n_c/n) U_c alone, grouped by {@link SpectralGroups} with n_c points: tauMemSpecCw from
 *       the 2 % quantile of its rho_1, tauGenSpecCw from the harmonic mean of its top part; flagged merged when
 *       n_c <= d or no significant gap separates the two bulks.</li>
 * </ul>
 * The pooled eigen-decomposition is an input (never recomputed); (cw) needs one eigen-decomposition per class.
 */
public final class ClassResolvedSpectrum {
    /** Quantile defining the lower memorization edge (§5.3(3)). */
    public static final double LOW_QUANTILE = 0.02;

    /**
     * Per-class predictions from the sampled U. NaN where a part is empty.
     *
     * @param fraction        n_c / n
     * @param memEdgeLo       (w) 2 % quantile of w_c on rho_1 (cluster excluded)
     * @param memEdgeHi       (w) 98 % quantile of w_c on rho_1
     * @param memEdgeLoAll    (w) 2 % quantile of w_c on cluster + rho_1
     * @param genHarmonicMean (w) w_c-weighted harmonic mean of the generalization part
     * @param tauMemSpecW      psi_p / (Delta_t memEdgeLo)
     * @param tauMemSpecWAll   psi_p / (Delta_t memEdgeLoAll)
     * @param tauGenSpecW      psi_p / (Delta_t genHarmonicMean)
     * @param memWeight       (w) sum of w_c over cluster + rho_1, divided by p
     * @param cwMemEdgeLo     (cw) 2 % quantile of rho_1 of (n_c/n) U_c
     * @param cwGenHarmonicMean (cw) harmonic mean of the generalization part of (n_c/n) U_c
     * @param tauMemSpecCw    psi_p / (Delta_t cwMemEdgeLo)
     * @param tauGenSpecCw    psi_p / (Delta_t cwGenHarmonicMean)
     * @param cwMerged        (cw) bulks not separated (n_c <= d or no significant gap)
     */
    public record SampledClassSpectrum(double fraction, double memEdgeLo, double memEdgeHi, double memEdgeLoAll,
                             double genHarmonicMean, double tauMemSpecW, double tauMemSpecWAll, double tauGenSpecW,
                             double memWeight, double cwMemEdgeLo, double cwGenHarmonicMean, double tauMemSpecCw,
                             double tauGenSpecCw, boolean cwMerged) {
    }

    private final double[] eigenvalues;
    private final double[][] weights;
    private final SpectralGroups groups;
    private final List<SampledClassSpectrum> classes;

    private ClassResolvedSpectrum(double[] eigenvalues, double[][] weights, SpectralGroups groups, List<SampledClassSpectrum> classes) {
        this.eigenvalues = eigenvalues;
        this.weights = weights;
        this.groups = groups;
        this.classes = classes;
    }

    /** From the moments of a point and the pooled eigen-decomposition (eigenvalues ascending, vectors as columns). */
    public static ClassResolvedSpectrum of(NoiseAveragedMatrices m, double[] eigenvalues, double[] eigenvectors, LinAlg la) {
        int cc = m.numClasses();
        List<double[]> us = new ArrayList<>();
        int[] sizes = new int[cc];
        for (int c = 0; c < cc; c++) {
            us.add(m.trainU(c));
            sizes[c] = m.classSize(c);
        }
        return of(m.d(), eigenvalues, eigenvectors, us, sizes, m.deltaT(), la);
    }

    /**
     * @param d            data dimension (psi_p = p/d)
     * @param eigenvalues  ascending eigenvalues of the pooled U (length p; not modified)
     * @param eigenvectors the matching orthonormal eigenvectors, columns of a p x p column-major array (not modified)
     * @param classU       U_c (p x p column-major) per class; U = sum_c (n_c/n) U_c
     * @param classSizes   n_c per class
     * @param deltaT       Delta_t = 1 - e^{-2t}
     */
    public static ClassResolvedSpectrum of(int d, double[] eigenvalues, double[] eigenvectors, List<double[]> classU,
                                           int[] classSizes, double deltaT, LinAlg la) {
        int p = eigenvalues.length;
        int cc = classSizes.length;
        if (classU.size() != cc) throw new IllegalArgumentException("one U_c per class");
        if (eigenvectors.length != p * p) throw new IllegalArgumentException("eigenvectors must be p x p");
        int n = 0;
        for (int s : classSizes) n += s;
        double psiP = (double) p / d;
        double[] ev = eigenvalues.clone();
        SpectralGroups g = SpectralGroups.of(ev, n, d);
        // w_c(k) for the non-null eigenvectors only (null directions have w_c ~ pi_c s_c^2 / s^2 and are not used).
        int k0 = g.nullEnd(), m = p - k0;
        double[][] w = new double[cc][p];
        double[] rest = new double[p];
        java.util.Arrays.fill(rest, 1.0);
        double[] qv = new double[p * m];
        System.arraycopy(eigenvectors, k0 * p, qv, 0, p * m);
        double[] uq = new double[p * m];
        for (int c = 0; c < cc; c++) {
            double frac = (double) classSizes[c] / n;
            if (c == cc - 1) {
                for (int k = k0; k < p; k++) w[c][k] = Math.max(0, rest[k]);
                break;
            }
            la.gemm(false, false, p, m, p, 1.0, classU.get(c), qv, 0.0, uq);
            for (int j = 0; j < m; j++) {
                double s = 0;
                int o = j * p;
                for (int i = 0; i < p; i++) s += qv[o + i] * uq[o + i];
                double wk = frac * s / ev[k0 + j];
                w[c][k0 + j] = wk;
                rest[k0 + j] -= wk;
            }
        }
        List<SampledClassSpectrum> out = new ArrayList<>();
        for (int c = 0; c < cc; c++) {
            double frac = (double) classSizes[c] / n;
            double lo = weightedQuantile(ev, w[c], g.clusterEnd(), g.genStart(), LOW_QUANTILE);
            double hi = weightedQuantile(ev, w[c], g.clusterEnd(), g.genStart(), 1 - LOW_QUANTILE);
            double loAll = weightedQuantile(ev, w[c], g.nullEnd(), g.genStart(), LOW_QUANTILE);
            double harm = harmonic(ev, w[c], g.genStart(), p);
            double memW = 0;
            for (int k = g.nullEnd(); k < g.genStart(); k++) memW += w[c][k];
            // (cw): spectrum of (n_c/n) U_c alone
            double[] a = classU.get(c).clone();
            for (int i = 0; i < a.length; i++) a[i] *= frac;
            double[] evc = new double[p];
            la.symmetricEigenvalues(p, a, evc);
            SpectralGroups gc = SpectralGroups.of(evc, classSizes[c], d);
            double cwLo = weightedQuantile(evc, null, gc.clusterEnd(), gc.genStart(), LOW_QUANTILE);
            double cwHarm = harmonic(evc, null, gc.genStart(), p);
            out.add(new SampledClassSpectrum(frac, lo, hi, loAll, harm, psiP / (deltaT * lo), psiP / (deltaT * loAll),
                    psiP / (deltaT * harm), memW / p, cwLo, cwHarm, psiP / (deltaT * cwLo), psiP / (deltaT * cwHarm),
                    gc.merged()));
        }
        return new ClassResolvedSpectrum(ev, w, g, List.copyOf(out));
    }

    /** q-quantile of the measure sum_k w_k delta(ev_k) over [from, to) (w null: uniform); NaN if empty. */
    static double weightedQuantile(double[] ev, double[] w, int from, int to, double q) {
        double tot = 0;
        for (int k = from; k < to; k++) tot += w == null ? 1 : w[k];
        if (!(tot > 0)) return Double.NaN;
        double cum = 0;
        for (int k = from; k < to; k++) {
            cum += w == null ? 1 : w[k];
            if (cum >= q * tot) return ev[k];
        }
        return ev[to - 1];
    }

    /** w-weighted harmonic mean of ev over [from, to). */
    static double harmonic(double[] ev, double[] w, int from, int to) {
        double a = 0, b = 0;
        for (int k = from; k < to; k++) {
            double wk = w == null ? 1 : w[k];
            a += wk;
            b += wk / ev[k];
        }
        return b > 0 ? a / b : Double.NaN;
    }

    /** Ascending eigenvalues of the pooled U (copy). */
    public double[] eigenvalues() { return eigenvalues.clone(); }

    /** w_c(k) for each eigenvalue (copy; 0 on the near-null part, which is not resolved). */
    public double[] weights(int c) { return weights[c].clone(); }

    /** Grouping of the pooled spectrum. */
    public SpectralGroups groups() { return groups; }

    /** Per-class predictions, in class order. */
    public List<SampledClassSpectrum> classes() { return classes; }
}
