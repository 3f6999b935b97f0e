package org.diffsweep.jobs.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.diffsweep.core.evaluator.ClassField;
import org.diffsweep.core.evaluator.ClassResult;
import org.diffsweep.jobs.phase.AxisScale;
import org.diffsweep.jobs.phase.DMetric;
import org.diffsweep.jobs.run.TestSpark;
import org.junit.jupiter.api.Test;

/**
 * The hierarchy fit on a synthetic ledger where D_gen depends on the variance ratio only: D_gen = 0.5 ln R_σ + noise,
 * over a Latin hypercube in (R_σ, R_π, ψ_n). The importance must concentrate on R_σ (bootstrap interval above every
 * other feature's), the held-out error must be a small fraction of D_gen's spread, and the partial dependence must
 * rise by about 0.5 · ln(64²) along R_σ and stay flat along the others. Memorization times above the grid for R_π > 10
 * leave those points out of D_mem, counted as censored.
 */
class HierarchyFitTest {
    static ClassResult cls(String n, double tauGen, Double tauMem) {
        Map<ClassField, Object> f = new EnumMap<>(ClassField.class);
        f.put(ClassField.TAU_GEN, tauGen);
        f.put(ClassField.TAU_MEM, tauMem);
        f.put(ClassField.AMBIGUOUS, false);
        return ClassResult.of(n, 0.5, 10, f);
    }

    @Test
    void importanceConcentratesOnTheOneParameterDGenDependsOn() {
        int n = 160;
        Random r = new Random(11);
        FitData data = new FitData(List.of("varianceRatio", "imbalanceRatio", "psiN"));
        int[][] strata = new int[3][n];
        for (int d = 0; d < 3; d++) {
            for (int i = 0; i < n; i++) strata[d][i] = i;
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1), t = strata[d][i];
                strata[d][i] = strata[d][j];
                strata[d][j] = t;
            }
        }
        int censored = 0;
        for (int i = 0; i < n; i++) {
            double u0 = (strata[0][i] + r.nextDouble()) / n, u1 = (strata[1][i] + r.nextDouble()) / n, u2 = (strata[2][i] + r.nextDouble()) / n;
            double rs = Math.pow(64, 2 * u0 - 1), rp = Math.pow(100, 2 * u1 - 1), psiN = 1 + 7 * u2;
            boolean above = rp > 10;
            censored += above ? 1 : 0;
            for (int s = 0; s < 2; s++) {
                double dGen = 0.5 * Math.log(rs) + 0.05 * r.nextGaussian();
                ClassResult a = cls("A", 100 * Math.exp(dGen), above ? null : 1000.0);
                ClassResult b = cls("B", 100, 2000.0);
                data.add(new double[] {rs, rp, psiN}, a, b);
            }
        }
        assertEquals(n, data.points());
        List<FitFeature> fs = data.features();
        assertEquals(List.of(AxisScale.LOG, AxisScale.LOG, AxisScale.LINEAR), fs.stream().map(FitFeature::scale).toList());

        HierarchyFit.Options o = new HierarchyFit.Options(30, 5, 3, 6, 0.2, 3);
        long t0 = System.nanoTime();
        HierarchyFit.TargetFit gen = HierarchyFit.fitOne(TestSpark.get(), DMetric.GEN_MEASURED, fs, data.table(DMetric.GEN_MEASURED, fs), o);
        System.out.printf("hierarchy fit of D_gen, %d points, 1 + 1 + 3 forests: %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
        assertEquals(DMetric.GEN_MEASURED, gen.target());
        assertEquals(n, gen.points());
        System.out.printf("D_gen: held-out RMSE %.4f, mean predictor %.4f, sd %.4f, R2 %.4f, importances %s%n", gen.heldOutRmse(),
                gen.meanRmse(), gen.targetSd(), gen.heldOutR2(), java.util.Arrays.toString(gen.importance()));
        assertTrue(gen.importance()[0] > 0.9, "variance ratio importance " + gen.importance()[0]);
        for (int j = 1; j < 3; j++) {
            assertTrue(gen.importanceLo()[0] > gen.importanceHi()[j], "bootstrap intervals separate: " + gen.importanceLo()[0]
                    + " vs " + gen.importanceHi()[j]);
        }
        assertTrue(gen.heldOutRmse() < 0.25 * gen.targetSd(), gen.heldOutRmse() + " vs sd " + gen.targetSd());
        assertTrue(gen.heldOutRmse() < 0.25 * gen.meanRmse(), "far better than the mean predictor");
        assertTrue(gen.heldOutR2() > 0.9, "R2 " + gen.heldOutR2());
        double[] pd0 = gen.pd()[0];
        double rise = pd0[pd0.length - 1] - pd0[0];
        // the exact rise is 0.5 ln(64^2) = 4.16; a forest flattens at the range ends (leaf means), so allow 30 %
        assertEquals(0.5 * Math.log(64 * 64), rise, 0.3 * 0.5 * Math.log(64 * 64), "PD along ln R_sigma");
        for (int k = 1; k < pd0.length; k++) assertTrue(pd0[k] >= pd0[k - 1] - 0.05, "PD rises along R_sigma");
        for (int j = 1; j < 3; j++) {
            double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
            for (double v : gen.pd()[j]) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            assertTrue(hi - lo < 0.1 * rise, fs.get(j).name() + " PD range " + (hi - lo));
        }
        assertEquals(1 / 64.0, gen.pdValues()[0][0], 1e-2, "PD abscissae in axis units");
        // bootstrap bands: ordered, and narrow next to the rise (the response is a smooth function of ln R_sigma plus
        // small noise, so 3 resampled forests agree to well under a tenth of it); without bootstrap they are NaN
        for (int k = 0; k < pd0.length; k++) {
            assertTrue(gen.pdLo()[0][k] <= gen.pdHi()[0][k], "band ordered at " + k);
            assertTrue(gen.pdHi()[0][k] - gen.pdLo()[0][k] < 0.1 * rise, "band width at " + k + ": "
                    + (gen.pdHi()[0][k] - gen.pdLo()[0][k]));
        }
        HierarchyFit.TargetFit mem = HierarchyFit.fitOne(TestSpark.get(), DMetric.MEM_MEASURED, fs, data.table(DMetric.MEM_MEASURED, fs),
                new HierarchyFit.Options(10, 4, 0, 3, 0.2, 3));
        assertEquals(DMetric.MEM_MEASURED, mem.target());
        assertEquals(censored, mem.censoredPoints(), "R_pi > 10: tau_mem,A above the grid");
        assertEquals(n - censored, mem.points());
        assertTrue(Double.isNaN(mem.pdLo()[0][0]), "no bootstrap, no band");
        // fit.csv: one row per target x feature, header first, deterministic
        String csv = FitOutputs.fitCsv(List.of(gen, mem));
        assertEquals(1 + 2 * 3, csv.split("\n").length);
        assertTrue(csv.startsWith(FitOutputs.HEADER + "\nGEN_MEASURED,varianceRatio,log,"), csv);
        HierarchyFit.Options once = new HierarchyFit.Options(10, 4, 0, 3, 0.2, 5);
        List<FitFeature> f = data.features();
        FitData.Table tab = data.table(DMetric.GEN_MEASURED, f);
        assertEquals(FitOutputs.fitCsv(List.of(HierarchyFit.fitOne(TestSpark.get(), DMetric.GEN_MEASURED, f, tab, once))),
                FitOutputs.fitCsv(List.of(HierarchyFit.fitOne(TestSpark.get(), DMetric.GEN_MEASURED, f, tab, once))), "same seed, same fit");
    }

    @Test
    void percentilesInterpolateLinearly() {
        assertEquals(2.5, HierarchyFit.percentile(new double[] {4, 1, 3, 2}, 0.5), 1e-15);
        assertEquals(1.075, HierarchyFit.percentile(new double[] {1, 2, 3, 4}, 0.025), 1e-12);
    }
}
