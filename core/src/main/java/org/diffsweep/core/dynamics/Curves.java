package org.diffsweep.core.dynamics;

import java.util.List;

/**
 * Training curves on a tau grid (theory §2.2, §5.3(2)); all losses divided by d, tau in paper units (§12.1).
 * Index {@code [c][k]}: class c, grid point k.
 *
 * @param tau          training times (ascending)
 * @param classNames   class names, in spec order
 * @param trainLoss    L_train,c: loss on the training points of class c
 * @param testLoss     L_test,c: loss on fresh class-c data (population estimate)
 * @param genLoss      L_gen,c = L_test,c - L_train,c
 * @param scoreError   E_score,c = (1/d) E_{y~P_t^(c)} |s_A(y) - s(y,t)|^2 against the exact mixture score
 * @param pooledTrain  L_train of the whole training set, {@code sum_c (n_c/n) L_train,c}
 * @param pooledTest   L_test under the mixture, {@code sum_c pi_c L_test,c}
 * @param pooledScore  E_score under the mixture, {@code sum_c pi_c E_score,c}
 */
public record Curves(double[] tau, List<String> classNames, double[][] trainLoss, double[][] testLoss,
                     double[][] genLoss, double[][] scoreError, double[] pooledTrain, double[] pooledTest,
                     double[] pooledScore) {
    public Curves {
        classNames = List.copyOf(classNames);
    }

    /** {@code L_gen = pooledTest - pooledTrain}, new array. */
    public double[] pooledGen() {
        double[] g = new double[tau.length];
        for (int k = 0; k < g.length; k++) g[k] = pooledTest[k] - pooledTrain[k];
        return g;
    }
}
