package org.diffsweep.jobs.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.diffsweep.core.point.ClassSpec;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.evaluator.StandardEvaluator;
import org.diffsweep.jobs.ledger.MixtureModel;
import org.diffsweep.jobs.plan.CostModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Calibration benchmark of {@link CostModel}: times the standard evaluator (one thread, as on the executors) on
 * points of several sizes, fits {@code seconds = a p^2 n + b p^3 + c} and writes the fit and the raw timings to
 * {@code target/cost-calibration.txt}. The constants of {@link CostModel#DEFAULT} come from this file. The test
 * asserts only that the fit explains the timings it was fitted to within a factor 2 (a sanity check of the model's
 * form). Slow: {@code -Pslow -Dtest=CostCalibrationBench}.
 */
@Tag("slow")
class CostCalibrationBench {
    @Test
    void calibrate() throws IOException {
        int[][] sizes = {{16, 4, 2}, {24, 8, 3}, {32, 8, 3}, {40, 8, 3}, {32, 4, 8}, {48, 6, 2}};
        StandardEvaluator ev = new StandardEvaluator();
        List<double[]> rows = new ArrayList<>();
        for (int rep = 0; rep < 2; rep++) { // rep 0 warms the JIT and the native libraries up and is discarded
            for (int[] s : sizes) {
                PointParams p = PointParams.of(s[0], s[1], s[2], 0.01, 1, List.of(new ClassSpec("A", 0.5, 1, 0, 1),
                        new ClassSpec("B", 0.5, 1, 180, 1)));
                long t0 = System.nanoTime();
                ev.evaluate(p, new MixtureModel().pointId(p));
                double sec = (System.nanoTime() - t0) / 1e9;
                if (rep == 1) rows.add(new double[] {p.p(), p.n(), sec});
            }
        }
        double[] p = new double[rows.size()], n = new double[rows.size()], w = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            p[i] = rows.get(i)[0];
            n[i] = rows.get(i)[1];
            w[i] = rows.get(i)[2];
        }
        CostModel fit = CostModel.fit(CostModel.Sums.of(p, n, w), CostModel.DEFAULT);
        StringBuilder b = new StringBuilder("# p n seconds fitted\n");
        double worst = 1;
        for (int i = 0; i < p.length; i++) {
            double f = fit.seconds(p[i], n[i]);
            worst = Math.max(worst, Math.max(f / w[i], w[i] / f));
            b.append(String.format(Locale.ROOT, "%.0f %.0f %.4f %.4f%n", p[i], n[i], w[i], f));
        }
        b.append(String.format(Locale.ROOT, "fit: perP2N %.4e perP3 %.4e perPoint %.4e worst ratio %.2f%n",
                fit.perP2N(), fit.perP3(), fit.perPoint(), worst));
        Path out = Path.of("target", "cost-calibration.txt");
        Files.writeString(out, b.toString());
        assertTrue(worst < 2, b.toString());
    }
}
