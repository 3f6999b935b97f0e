package org.diffsweep.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.spectrum.ClassCoefficients;
import org.diffsweep.core.spectrum.ReducedTransforms;
import org.diffsweep.core.spectrum.SpectrumResult;
import org.junit.jupiter.api.Test;

/**
 * Identities the two-resolvent kernels must satisfy, each against a one-resolvent reference that does not go through
 * the two-point algebra (two classes, sigma^2 2 / 0.5, r = 1, d = 100, psi_p 32, psi_n 4, t = 0.01: a cluster, a
 * memorization and a generalization bulk).
 */
class TwoResolventKernelTest {
    private static final PointParams POINT = PointParams.of(100, 32, 4, 0.01, 1, List.of(
            new ClassSpec("A", 0.5, 1.0, 0, 2.0), new ClassSpec("B", 0.5, 1.0, 180, 0.5)));
    private static final ReducedTransforms TR = ReducedTransforms.of(POINT);
    private static final SpectrumResult SPEC = TR.spectrum();

    private static TwoResolventKernel kernel(int perBulk) {
        SpectralGrid g = SpectralGrid.of(SPEC.bulks(), perBulk);
        return new TwoResolventKernel(TR.psiP(), TR.psiN(), TR.fractions(), TR.coefficients(), g, TR.solve(g.lambda()),
                ReducedTransforms.imaginaryPart());
    }

    /**
     * Integrating the kernel over its second argument must give the one-resolvent trace (1/pi) Im (1/p)Tr(Pi a Q):
     * this checks the leave-one-out algebra and the split into regular and diagonal parts (a wrong diagonal weight
     * or a missing G term gives O(1) errors). Tolerance 1e-3 of the largest row sum: the midpoint rule and the
     * neighbour interpolation of the kernel's diagonal give ~1e-4 at 40 nodes per bulk; the residual must also shrink
     * with the grid.
     */
    @Test
    void rowSumsAreOneResolventTraces() {
        double r40 = kernel(40).rowSumResidual();
        double r80 = kernel(80).rowSumResidual();
        assertTrue(r40 < 1e-3, "row-sum residual at 40 nodes per bulk: " + r40);
        assertTrue(r80 < r40, "row-sum residual must shrink with the grid: " + r40 + " -> " + r80);
    }

    /**
     * Since U = sum_c (n_c/n) U_c commutes with U, the pooled train loss needs one resolvent only:
     * {@code 1 - beta^2 psi_p int dnu_s (1 - e^{-2 a lambda tau})/lambda}. The class kernels' regular parts must cancel
     * in the pooled sum (they are O(1) each); tolerance 1e-6 (observed 3e-8, quadrature of the diagonal neighbours).
     */
    @Test
    void classTrainKernelsPoolToTheOneResolventLoss() {
        AsymptoticCurves c = AsymptoticCurves.of(POINT, SPEC, TR, 40);
        assertTrue(c.diagnostics().pooledTrainResidual() < 1e-6, "pooled residual " + c.diagnostics().pooledTrainResidual());
        // and the pooled loss really moves (the check is not vacuous): L_train(inf) well below 1
        double last = c.pooledTrain()[c.tau().length - 1];
        assertTrue(last < 0.5, "pooled L_train at the end of the grid " + last);
    }

    /**
     * The s-measure is the spectral measure of (1/(p d)) W^T (U - z)^{-1} W, a probability measure (s ~ -1/z) carried
     * by the bulks: the nodes must hold mass 1 (tolerance 1e-5: midpoint rule on square-root edges, observed 1e-6).
     * At tau -> infinity the pooled train loss is 1 - beta^2 psi_p int dnu_s / lambda = 1 - beta^2 psi_p s(0), with s(0)
     * solved directly at z = 0 (outside the support, real): tolerance 1e-4 absolute (same quadrature; the loss is
     * O(0.4)).
     */
    @Test
    void sMeasureHasUnitMassAndItsInverseMomentIsSAtZero() {
        AsymptoticCurves c = AsymptoticCurves.of(POINT, SPEC, TR, 40);
        assertEquals(1.0, c.diagnostics().sMass(), 1e-5);
        double beta = 0;
        double[] pi = TR.fractions();
        for (int k = 0; k < pi.length; k++) beta += pi[k] * Math.sqrt(TR.coefficients().get(k).b2());
        double s0 = TR.solve(new double[] {0})[2][0];
        double expected = 1 - beta * beta * TR.psiP() * s0;
        // tau_max = 1e7: exp(-2 a lambda_min tau) < 1e-30 at the lowest node
        assertEquals(expected, c.pooledTrain()[c.tau().length - 1], 1e-4);
    }

    /** The class coefficients seen by the kernel are the spectrum's (one set per class, at the point's t). */
    @Test
    void transformsUseThePointsCoefficients() {
        ClassCoefficients a = ClassCoefficients.of(0.01, 2.0, 1.0);
        assertEquals(a.k1(), TR.coefficients().get(0).k1(), 0);
        assertEquals(a.v2(), TR.coefficients().get(0).v2(), 0);
        assertEquals(0.5, TR.fractions()[0], 0);
        assertEquals(32.0, TR.psiP(), 0);
    }
}
