package org.diffsweep.jobs.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.diffsweep.jobs.run.TestSpark;
import org.junit.jupiter.api.Test;

/** {@link CostModel#fit}: recovers known coefficients from exact synthetic timings. */
class CostModelTest {
    static final double[] P = {40, 80, 160, 320, 80}, N = {20, 40, 60, 120, 240};

    static double[] times(CostModel m) {
        double[] y = new double[P.length];
        for (int i = 0; i < P.length; i++) y[i] = m.perP2N() * P[i] * P[i] * N[i] + m.perP3() * P[i] * P[i] * P[i] + m.perPoint();
        return y;
    }

    @Test
    void recoversAllThreeCoefficientsFromFiveSizes() {
        CostModel truth = new CostModel(3e-9, 7e-10, 0.25);
        CostModel fit = CostModel.fit(CostModel.Sums.of(P, N, times(truth)), CostModel.DEFAULT);
        // exact data, 3 unknowns, condition number of the scaled 3x3 normal matrix < 1e4: 1e-6 relative is generous
        assertEquals(truth.perP2N(), fit.perP2N(), 1e-6 * truth.perP2N());
        assertEquals(truth.perP3(), fit.perP3(), 1e-6 * truth.perP3());
        assertEquals(truth.perPoint(), fit.perPoint(), 1e-6 * truth.perPoint());
    }

    @Test
    void keepsCoefficientsNonNegative() {
        // timings with no per-point part and a cubic term only: the unconstrained fit may go slightly negative
        CostModel truth = new CostModel(0, 2e-9, 0);
        CostModel fit = CostModel.fit(CostModel.Sums.of(P, N, times(truth)), CostModel.DEFAULT);
        assertEquals(2e-9, fit.perP3(), 1e-15);
        assertEquals(0, fit.perP2N(), 1e-18);
        assertEquals(0, fit.perPoint(), 1e-9);
    }

    @Test
    void oneSizeOnlyRescalesThePrior() {
        double[] p = {64, 64, 64}, n = {32, 32, 32};
        double y = 3 * CostModel.DEFAULT.seconds(64, 32);
        CostModel fit = CostModel.fit(CostModel.Sums.of(p, n, new double[] {y, y, y}), CostModel.DEFAULT);
        assertEquals(3 * CostModel.DEFAULT.perP2N(), fit.perP2N(), 1e-12 * fit.perP2N());
        assertEquals(3 * CostModel.DEFAULT.perPoint(), fit.perPoint(), 1e-12);
        assertSame(CostModel.DEFAULT, CostModel.fit(CostModel.Sums.of(new double[] {1, 2}, new double[] {1, 2}, new double[] {1, 2}),
                CostModel.DEFAULT), "fewer than 3 samples: the prior");
    }

    @Test
    void ledgerSumsEqualArraySums() {
        CostModel truth = new CostModel(1e-9, 3e-10, 0.1);
        double[] y = times(truth);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < P.length; i++) rows.add(RowFactory.create((int) P[i], (int) N[i], y[i]));
        StructType st = new StructType().add("p", DataTypes.IntegerType).add("n", DataTypes.IntegerType)
                .add("wallSeconds", DataTypes.DoubleType);
        Dataset<Row> df = TestSpark.get().createDataFrame(rows, st);
        CostModel.Sums a = new org.diffsweep.jobs.ledger.MixtureModel().costSums(df), b = CostModel.Sums.of(P, N, y);
        assertEquals(b.count(), a.count());
        assertEquals(b.sizes(), a.sizes());
        for (int k = 0; k < 9; k++) assertEquals(b.xx()[k], a.xx()[k], 1e-12 * Math.abs(b.xx()[k]));
        for (int k = 0; k < 3; k++) assertEquals(b.xy()[k], a.xy()[k], 1e-12 * Math.abs(b.xy()[k]));
    }
}
