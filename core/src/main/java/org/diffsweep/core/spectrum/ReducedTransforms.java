package org.diffsweep.core.spectrum;

import java.util.ArrayList;
import java.util.List;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.point.PointParams;

/**
 * The complex Stieltjes transforms of the C-class reduced saddle point (theory §3.3, §5.4) on the real axis, for
 * callers outside this package that need more than the density: {@code q(z) = (1/p) Tr (U - z)^{-1}} and
 * {@code s(z) = (1/(p d)) Tr W^T (U - z)^{-1} W} at {@code z = lambda + i} {@link #imaginaryPart()}, solved by the
 * same continuation as {@link SpectrumSolver} ({@link StieltjesSolver} on {@link ReducedSystem}). Eigenvalues in
 * units of U. Immutable; each {@link #solve} call uses its own solver, so instances are thread-safe.
 */
public final class ReducedTransforms {
    private final double psiP;
    private final double psiN;
    private final double t;
    private final double[] pi;
    private final List<ClassCoefficients> coefficients;
    private final List<String> names;

    private ReducedTransforms(double psiP, double psiN, double t, double[] pi, List<ClassCoefficients> coefficients,
                              List<String> names) {
        if (pi.length != coefficients.size() || pi.length != names.size()) {
            throw new IllegalArgumentException("one coefficient set and one name per class");
        }
        this.psiP = psiP;
        this.psiN = psiN;
        this.t = t;
        this.pi = pi.clone();
        this.coefficients = List.copyOf(coefficients);
        this.names = List.copyOf(names);
    }

    /**
     * The reduced system of a point exactly as {@link SpectrumSolver#solve(PointParams)} builds it: realised
     * psi_p = p/d, psi_n = n/d, pi_c = n_c/n, coefficients {@link ClassCoefficients#of(double, double, double)}.
     */
    public static ReducedTransforms of(PointParams p) {
        int c = p.numClasses();
        double[] pi = new double[c];
        List<ClassCoefficients> coef = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < c; i++) {
            ClassSpec s = p.classes().get(i);
            pi[i] = (double) p.classSize(i) / p.n();
            coef.add(ClassCoefficients.of(p.t(), s.variance(), s.radius()));
            names.add(s.name());
        }
        return new ReducedTransforms((double) p.p() / p.d(), (double) p.n() / p.d(), p.t(), pi, coef, names);
    }

    /** An explicit system: fractions pi_c (sum 1), per-class coefficients (all at the same t) and class names. */
    public static ReducedTransforms of(double psiP, double psiN, double[] pi, List<ClassCoefficients> coefficients,
                                       List<String> names) {
        return new ReducedTransforms(psiP, psiN, coefficients.get(0).t(), pi, coefficients, names);
    }

    /**
     * The reduced spectrum of this system, {@link SpectrumSolver#solveClasses} with the default grid: for a point,
     * the same result as {@link SpectrumSolver#solve(PointParams)} without computing the coefficients again.
     */
    public SpectrumResult spectrum() {
        return SpectrumSolver.solveClasses(psiP, psiN, t, pi, coefficients, names, SpectrumSolver.DEFAULT_POINTS);
    }

    /**
     * The transforms at {@code lambda[j] + i eps}: {@code out[0..3][j]} = Re q, Im q, Re s, Im s. A point where
     * every fallback of the continuation failed is NaN. Ascending lambdas are fastest (warm starts along the grid).
     */
    public double[][] solve(double[] lambda) {
        StieltjesSolver sol = new StieltjesSolver(new ReducedSystem(psiP, psiN, pi, coefficients));
        double[][] out = new double[4][lambda.length];
        for (int j = 0; j < lambda.length; j++) {
            StieltjesSolver.Solution s = sol.solve(lambda[j]);
            Cx q = s.x()[0], w = s.x()[1];
            out[0][j] = s.ok() ? q.re() : Double.NaN;
            out[1][j] = s.ok() ? q.im() : Double.NaN;
            out[2][j] = s.ok() ? w.re() : Double.NaN;
            out[3][j] = s.ok() ? w.im() : Double.NaN;
        }
        return out;
    }

    /** The imaginary part eps at which {@link #solve} evaluates (the continuation's floor, §12.11). */
    public static double imaginaryPart() { return StieltjesSolver.EPS_END; }

    public double psiP() { return psiP; }

    public double psiN() { return psiN; }

    /** pi_c = n_c / n (copy). */
    public double[] fractions() { return pi.clone(); }

    public List<ClassCoefficients> coefficients() { return coefficients; }

    public List<String> names() { return names; }

    /** Diffusion time t of the coefficients. */
    public double t() { return t; }
}
