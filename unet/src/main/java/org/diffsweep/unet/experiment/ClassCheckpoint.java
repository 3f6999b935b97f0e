package org.diffsweep.unet.experiment;

/**
 * Per-class metrics at one checkpoint (theory §7 per-class, §9.3; one CSV row).
 *
 * @param step           training step tau
 * @param label          class label
 * @param role           "A" or "B"
 * @param nTrain         training images of this class
 * @param assigned       generated samples whose nearest training image is of this class
 * @param sampleFraction assigned / samples (proportion fidelity; compare with n_c / n)
 * @param fMem           memorized fraction among the assigned samples (d1/d2 < k); NaN when none assigned
 * @param fMemLo         bootstrap percentile 95% lower bound
 * @param fMemHi         upper bound
 * @param trainLoss      mean over this class's training images of (1/d)|eps_theta(x(t*)) - eps|^2
 * @param testLoss       the same on held-out test images of this class
 * @param trainBatchLoss mean minibatch training loss (all classes, all t') over the steps since the last checkpoint;
 *                       NaN (an empty CSV field) at step 0, where no step has been taken
 * @param gradientRetries training steps redone so far because of NaN gradients (cumulative, see
 *                       {@link org.diffsweep.unet.model.DdpmModel#gradientRetries()})
 * @param trainCpuSeconds CPU seconds of the run's thread spent training so far (cumulative; one PyTorch thread runs
 *                       on the calling thread, so this is the run's CPU cost whatever else shares the machine)
 * @param evalCpuSeconds  CPU seconds spent in checkpoint evaluations so far (cumulative)
 */
public record ClassCheckpoint(int step, int label, String role, int nTrain, int assigned, double sampleFraction,
                              double fMem, double fMemLo, double fMemHi, double trainLoss, double testLoss,
                              double trainBatchLoss, int gradientRetries, double trainCpuSeconds,
                              double evalCpuSeconds) {

    /** CSV header matching {@link #csv()}. */
    public static final String HEADER = "step,class,role,n_train,assigned,sample_fraction,f_mem,f_mem_lo,f_mem_hi,"
            + "train_loss,test_loss,loss_gap,train_batch_loss,gradient_retries,train_cpu_s,eval_cpu_s";

    /** Parses one {@link #csv()} line (empty fields are NaN; lines written before the last three columns existed
     *  read them as 0). */
    public static ClassCheckpoint parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length < 13) throw new IllegalArgumentException("curves.csv line has " + f.length + " fields, need 13+: " + line);
        return new ClassCheckpoint(Integer.parseInt(f[0]), Integer.parseInt(f[1]), f[2], Integer.parseInt(f[3]),
                Integer.parseInt(f[4]), num(f[5]), num(f[6]), num(f[7]), num(f[8]), num(f[9]), num(f[10]), num(f[12]),
                f.length > 13 ? Integer.parseInt(f[13]) : 0, f.length > 14 ? num(f[14]) : 0, f.length > 15 ? num(f[15]) : 0);
    }

    private static double num(String s) { return s.isEmpty() ? Double.NaN : Double.parseDouble(s); }

    /** This row with the run's cumulative counters: NaN-gradient redos and CPU seconds in training and evaluation. */
    public ClassCheckpoint withCounters(int retries, double trainCpu, double evalCpu) {
        return new ClassCheckpoint(step, label, role, nTrain, assigned, sampleFraction, fMem, fMemLo, fMemHi, trainLoss,
                testLoss, trainBatchLoss, retries, trainCpu, evalCpu);
    }

    /** test - train. */
    public double lossGap() { return testLoss - trainLoss; }

    /** One CSV line (no newline). */
    public String csv() {
        return step + "," + label + "," + role + "," + nTrain + "," + assigned + "," + sampleFraction + "," + fMem
                + "," + fMemLo + "," + fMemHi + "," + trainLoss + "," + testLoss + "," + lossGap() + ","
                + (Double.isNaN(trainBatchLoss) ? "" : Double.toString(trainBatchLoss)) + "," + gradientRetries + ","
                + String.format(java.util.Locale.ROOT, "%.3f,%.3f", trainCpuSeconds, evalCpuSeconds);
    }
}
