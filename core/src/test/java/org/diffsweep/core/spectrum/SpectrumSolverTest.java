package org.diffsweep.core.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.diffsweep.core.features.GeConstants;
import org.junit.jupiter.api.Test;

class SpectrumSolverTest {
    private static final double T = 0.01;

    private static SpectrumResult fig4() {
        return SpectrumSolver.solveClasses(64, 8, T, new double[] {1}, List.of(ClassCoefficients.of(T, 1, 0)), List.of("A"), 400);
    }

    /**
     * [B] Fig. 4 (theory §3.5, §10): psi_p = 64, psi_n = 8, t = 0.01, Sigma = I. The second bulk lies between about
     * 10 and 45 (read off a figure: +-10 %). The first-bulk edges agree with the asymptotic lambda_+- of §3.4 "within
     * a few percent" (we allow 6 %).
     */
    @Test
    void reproducesFigure4() {
        SpectrumResult r = fig4();
        Bulk gen = r.generalizationBulk();
        assertEquals(Bulk.Kind.GENERALIZATION, gen.kind());
        assertEquals(10, gen.lo(), 1.0);
        assertEquals(45, gen.hi(), 4.5);
        GeConstants ge = GeConstants.of(1, T);
        double lamMinus = ge.s2() + ge.v2() * Math.pow(1 - Math.sqrt(8), 2);
        double lamPlus = ge.s2() + ge.v2() * Math.pow(1 + Math.sqrt(8), 2);
        Bulk mem = r.memorizationBulk();
        assertNotNull(mem);
        assertEquals(lamMinus, mem.lo(), 0.06 * lamMinus);
        assertEquals(lamPlus, mem.hi(), 0.06 * lamPlus);
        assertEquals(0, r.failures());
    }

    /**
     * Masses by dimension counting in the Gaussian-equivalent U = G G^T/n + b^2 W W^T/d + s^2 I (§3.4): exactly
     * p - n - d eigenvalues equal s^2 (delta weight 1 - (1 + psi_n)/psi_p), d in the generalization bulk, n in the
     * memorization part (the small cluster of d plus rho_1 with n - d, §3.5). Total mass 1. Tolerance 1e-5: the
     * trapezoid rule in theta on square-root edges with 133 points per bulk errs by ~1e-8 here.
     */
    @Test
    void massesMatchDimensionCounting() {
        SpectrumResult r = fig4();
        assertEquals(1 - 9.0 / 64, r.deltaMass(), 1e-9);
        assertEquals(1.0, r.totalMass(), 1e-5);
        assertEquals(3, r.bulks().size());
        assertEquals(Bulk.Kind.CLUSTER, r.bulks().get(0).kind());
        assertEquals(1.0 / 64, r.bulks().get(0).mass(), 1e-5, "cluster: d eigenvalues");
        assertEquals(7.0 / 64, r.bulks().get(1).mass(), 1e-5, "rho_1: n - d eigenvalues");
        assertEquals(1.0 / 64, r.bulks().get(2).mass(), 1e-5, "rho_2: d eigenvalues");
        assertTrue(r.bulks().get(0).lo() > r.deltaLocation(), "cluster sits above the delta peak");
        assertTrue(r.bulks().get(0).hi() < r.bulks().get(1).lo(), "and below rho_1");
        // per-class decomposition with one class: rho_c = rho, so all of the memorization and generalization mass
        ClassSpectrum c = r.classes().get(0);
        assertEquals(8.0 / 64, c.memMass(), 1e-5);
        assertEquals(1.0 / 64, c.genMass(), 1e-5);
    }

    /** Regime II (psi_n > psi_p, §3.4): no delta peak, masses 1 - 1/psi_p and 1/psi_p. */
    @Test
    void regimeTwoHasNoDeltaPeak() {
        SpectrumResult r = SpectrumSolver.solveClasses(4, 8, 0.1, new double[] {1}, List.of(ClassCoefficients.of(0.1, 1, 0)), List.of("A"), 200);
        assertEquals(0, r.deltaMass(), 1e-6);
        assertEquals(1.0, r.totalMass(), 1e-4);
        assertEquals(0.25, r.generalizationBulk().mass(), 1e-4);
    }

    /**
     * At the interpolation threshold n + d = p (psi_p 16, psi_n 15, two classes with centroids) the memorization bulk
     * touches s̄^2 with an inverse-square-root edge and there is no delta peak (weight max(0, 1 - (n + d)/p) = 0).
     * The delta extrapolation and the hard-edge quadrature must still give mass 1 (1e-4) and d/p for rho_2.
     */
    @Test
    void hardEdgeAtInterpolationKeepsTheMass() {
        List<ClassCoefficients> coef = List.of(ClassCoefficients.of(0.1, 2, 0.5), ClassCoefficients.of(0.1, 0.5, 0.5));
        SpectrumResult r = SpectrumSolver.solveClasses(16, 15, 0.1, new double[] {0.3, 0.7}, coef, List.of("A", "B"), 400);
        assertEquals(0, r.deltaMass(), 1e-4);
        assertEquals(1, r.totalMass(), 1e-4);
        assertEquals(r.deltaLocation(), r.bulks().get(0).lo(), 1e-12, "the bulk starts at s̄^2");
        assertEquals(1.0 / 16, r.generalizationBulk().mass(), 1e-4);
        assertEquals(0, r.failures());
    }

    /**
     * Theory §5.5 with the analytic (cw) spectrum (pi_c times the one-class spectrum at psi_n -> pi_c psi_n): with the
     * higher-variance class A as a 10 % minority (variances 2 and 0.5, psi_p 8, psi_n 2, t 0.01), (cw) reverses the
     * variance-first order of tau_gen, the class-resolved (w) prediction does not; at balance neither does. With one
     * class the two definitions coincide.
     */
    @Test
    void classWeightedDefinitionReversesOnlyUnderImbalance() {
        for (double piA : new double[] {0.5, 0.1}) {
            List<ClassCoefficients> coef = List.of(ClassCoefficients.of(T, 2, 0), ClassCoefficients.of(T, 0.5, 0));
            SpectrumResult r = SpectrumSolver.solveClasses(8, 2, T, new double[] {piA, 1 - piA}, coef, List.of("A", "B"), 400);
            ClassSpectrum a = r.classes().get(0), b = r.classes().get(1);
            assertTrue(a.tauGenEdge() < b.tauGenEdge(), "(w) variance first at pi_A = " + piA);
            if (piA == 0.5) assertTrue(a.tauGenEdgeCw() < b.tauGenEdgeCw(), "(cw) variance first at balance");
            else assertTrue(a.tauGenEdgeCw() > b.tauGenEdgeCw(), "(cw) reversed at pi_A = 0.1");
        }
        ClassSpectrum one = fig4().classes().get(0);
        assertEquals(one.tauGenEdge(), one.tauGenEdgeCw(), 0.0);
        assertEquals(one.tauMemEdge(), one.tauMemEdgeCw(), 0.0);
    }

    /**
     * 400 points well under a second (CPU time of the solving thread, so a loaded machine does not matter); the
     * second call measures the JIT-compiled solver.
     */
    @Test
    void fourHundredPointsTakeWellUnderASecond() {
        fig4();
        SpectrumResult r = fig4();
        assertTrue(r.cpuNanos() < 0.5e9, "took " + r.cpuNanos() / 1e6 + " ms CPU");
        assertTrue(r.lambda().length >= 399, "three bulks of 133 points");
    }

    /**
     * The C-class reduction with C = 1 is the isotropic reduction of §3.3, and both equal the general (E1)–(E3) with
     * one atom at sigma_x^2 (independent residual: three unknowns, single-class constants of the features package);
     * with two identical classes (centroid 0, same variance) the reduction equals (E1)–(E3) with two atoms at the same
     * location. Compared at fixed z (same continuation), so only the equations differ: agreement to 1e-7 relative
     * (quadrature difference of the constants, 128 vs 120 nodes, is ~1e-8).
     */
    @Test
    void reductionsAgreeWithTheGeneralEquations() {
        double psiP = 16, psiN = 4, t = 0.1;
        ClassCoefficients c1 = ClassCoefficients.of(t, 1.3, 0);
        ReducedSystem one = new ReducedSystem(psiP, psiN, new double[] {1}, List.of(c1));
        ReducedSystem two = new ReducedSystem(psiP, psiN, new double[] {0.3, 0.7}, List.of(c1, c1));
        AtomSystem atom = AtomSystem.of(psiP, psiN, GeConstants.of(1.3, t), new double[] {1.3}, new double[] {1});
        AtomSystem atoms2 = AtomSystem.of(psiP, psiN, GeConstants.of(1.3, t), new double[] {1.3, 1.3}, new double[] {0.3, 0.7});
        StieltjesSolver s1 = new StieltjesSolver(one), s2 = new StieltjesSolver(two);
        StieltjesSolver sa = new StieltjesSolver(atom), sb = new StieltjesSolver(atoms2);
        for (double lam : new double[] {0.01, 0.03, 0.08, 0.2, 0.5, 2, 5, 9, 14, 30}) {
            Cx q1 = s1.solve(lam).x()[0], q2 = s2.solve(lam).x()[0];
            Cx qa = sa.solve(lam).x()[0], qb = sb.solve(lam).x()[0];
            double scale = q1.abs();
            assertEquals(0, q1.minus(q2).abs() / scale, 1e-7, "C=2 identical vs C=1 at " + lam);
            assertEquals(0, q1.minus(qa).abs() / scale, 1e-7, "C=1 vs one atom at " + lam);
            assertEquals(0, qa.minus(qb).abs() / scale, 1e-7, "two coincident atoms at " + lam);
        }
    }

    /**
     * [B] Fig. 4 right (§10): rho_Sigma = (delta(0.5) + delta(1.5))/2 has sigma_x^2 = 1 and leaves the first bulk
     * unchanged at leading order; the full equations move its edges by less than 1 %.
     */
    @Test
    void firstBulkDependsOnlyOnTheSecondMoment() {
        SpectrumResult iso = SpectrumSolver.solveAtoms(64, 8, T, new double[] {1}, new double[] {1}, 200);
        SpectrumResult two = SpectrumSolver.solveAtoms(64, 8, T, new double[] {0.5, 1.5}, new double[] {0.5, 0.5}, 200);
        Bulk a = iso.memorizationBulk(), b = two.memorizationBulk();
        assertEquals(a.lo(), b.lo(), 0.01 * a.lo());
        assertEquals(a.hi(), b.hi(), 0.01 * a.hi());
        assertEquals(a.mass(), b.mass(), 1e-5);
        assertEquals(1.0, two.totalMass(), 1e-5);
    }

    /**
     * Continuation robustness on a fine grid (2000 points across all of the spectrum, much finer than the solver's own
     * grid): the density is >= 0 everywhere so the integrated mass is monotone, and every warm-started value equals a
     * cold solve (fresh ladder from eps = 100, no warm start) at the same lambda: no branch jump. Tolerance 1e-6 on
     * rho relative to the bulk's scale (Newton stops at relative step 1e-11).
     */
    @Test
    void continuationHasNoBranchJumps() {
        ReducedSystem sys = new ReducedSystem(64, 8, new double[] {1}, List.of(ClassCoefficients.of(T, 1, 0)));
        StieltjesSolver warm = new StieltjesSolver(sys);
        StieltjesSolver cold = new StieltjesSolver(sys);
        int n = 2000;
        double cum = 0, prevRho = 0, prevLam = sys.deltaLocation();
        double lo = Math.log(2.5e-3), hi = Math.log(60);
        for (int i = 0; i < n; i++) {
            double lam = Math.exp(lo + (hi - lo) * i / (n - 1));
            StieltjesSolver.Solution s = warm.solve(lam);
            assertTrue(s.ok());
            assertTrue(s.x()[0].im() >= 0, "Im q >= 0 at " + lam);
            double rho = s.rho();
            double inc = 0.5 * (rho + prevRho) * (lam - prevLam);
            assertTrue(inc >= 0, "integrated mass decreases at " + lam);
            cum += inc;
            prevRho = rho;
            prevLam = lam;
            if (i % 37 == 0) {
                double rc = cold.solveCold(lam).rho();
                assertEquals(rc, rho, 1e-6 * Math.max(1e-3, Math.abs(rc)), "warm vs cold at " + lam);
            }
        }
        // the fine grid covers everything except the delta peak: 9/64 of the mass (coarse trapezoid: 2 %)
        assertEquals(9.0 / 64, cum, 0.02 * 9.0 / 64);
    }
}
