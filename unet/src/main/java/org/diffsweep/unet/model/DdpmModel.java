package org.diffsweep.unet.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import org.diffsweep.core.random.SeededStream;
import org.diffsweep.unet.diffusion.BetaSchedule;

/**
 * A DDPM epsilon-prediction model on DJL (theory §1 "DDPM reparametrisation", §9.1): training step with MSE on the
 * noise, per-image denoising loss at a fixed step, and DDIM (eta = 0) sampling. Images are single-channel S x S,
 * passed as row-major {@code float[]} with image j at offset {@code j * S * S}.
 *
 * <p>All randomness (weight initialisation, noise, steps) comes from {@link SeededStream}s supplied by the caller,
 * never from the engine's global generator, so a run is reproducible given its streams (PyTorch CPU kernels with one
 * thread are deterministic in practice; this is not guaranteed by PyTorch across versions).
 * Not thread-safe; close it to free native memory.
 */
public final class DdpmModel implements AutoCloseable {
    private final int side;
    private final int d;
    private final BetaSchedule schedule;
    private final Model model;
    private final Trainer trainer;
    private final Optimizer optimizer;
    private final long parameterCount;
    private int gradientRetries;
    private static final int MAX_ATTEMPTS = 10;

    /**
     * @param net      the noise-prediction network (inputs x (B,1,S,S), t' (B))
     * @param side     image side S
     * @param schedule DDPM schedule
     * @param opt      optimiser
     * @param init     stream for the weight initialisation (uniform +-1/sqrt(fan_in), PyTorch's default bound;
     *                 biases and GroupNorm beta 0, gamma 1)
     */
    public DdpmModel(UNet net, int side, BetaSchedule schedule, OptimizerConfig opt, SeededStream init) {
        this.side = side;
        this.d = side * side;
        this.schedule = schedule;
        this.model = Model.newInstance("ddpm-unet", Device.cpu());
        model.setBlock(net);
        this.optimizer = "sgd".equals(opt.kind())
                ? Optimizer.sgd().setLearningRateTracker(Tracker.fixed((float) opt.lr()))
                        .optMomentum((float) opt.momentum()).build()
                : Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) opt.lr()))
                        .optBeta1((float) opt.beta1()).optBeta2((float) opt.beta2()).build();
        DefaultTrainingConfig cfg = new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(optimizer)
                .optDevices(new Device[] {Device.cpu()});
        // PyTorch's grad mode is per thread and DJL switches it off only on the thread that loaded the engine; on any
        // other thread (a Spark task) the in-place initialisation below would fail on leaf tensors, and forward
        // passes outside a GradientCollector would record graphs. DJL assumes it off outside collectors.
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        this.trainer = model.newTrainer(cfg);
        trainer.initialize(new Shape(1, 1, side, side), new Shape(1));
        long count = 0;
        for (Pair<String, Parameter> p : net.getParameters()) {
            Parameter par = p.getValue();
            NDArray a = par.getArray();
            count += a.size();
            if (par.getType() == Parameter.Type.WEIGHT) {
                Shape s = a.getShape();
                long fanIn = s.size() / s.get(0);
                double bound = 1.0 / Math.sqrt(fanIn);
                float[] w = new float[Math.toIntExact(a.size())];
                for (int i = 0; i < w.length; i++) w[i] = (float) ((2 * init.nextDouble() - 1) * bound);
                // In-place arithmetic copies into the parameter's own storage (NDArray.set(float[]) was the first
                // suspect for the NaNs described at gradientRetries()).
                try (NDArray src = owned(a.getManager(), w, s)) {
                    a.muli(0f).addi(src);
                }
            }
        }
        this.parameterCount = count;
        // One forward pass without gradients before any training (see gradientRetries()).
        predictNoise(new float[d], new int[] {1});
    }

    /**
     * Whether every gradient is finite. Each {@code getGradient()} returns a new native handle attached to the
     * parameter's (model-lifetime) manager, and so do the arrays computed from it: they are moved to a sub-manager
     * closed here, or every training step would leak native handles for the whole run.
     */
    private boolean gradientsFinite() {
        try (NDManager sub = trainer.getManager().newSubManager()) {
            for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
                NDArray g = p.getValue().getArray().getGradient();
                g.attach(sub);
                NDArray nan = g.isNaN();
                nan.attach(sub);
                NDArray inf = g.isInfinite();
                inf.attach(sub);
                NDArray bad = nan.logicalOr(inf).any();
                bad.attach(sub);
                if (bad.getBoolean()) return false;
            }
            return true;
        }
    }

    private void zeroGradients() {
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            // zero_() on the gradient; DJL's own zeroGradients() computes g - g, which keeps NaNs.
            ai.djl.pytorch.jni.JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) p.getValue().getArray());
        }
    }

    /**
     * How many times a training step was redone because its loss or gradients were not finite. With DJL 0.36.0 /
     * PyTorch 2.7.1 on the 2-vCPU build machine (a CPU model that oneDNN/cpuinfo do not recognise), a few percent of
     * forward/backward passes produced NaN gradients everywhere, at random: the same step redone gave finite
     * gradients, and the loss sequence of a run with redos equalled that of a run without. Restricting oneDNN to
     * AVX2 ({@code DNNL_MAX_CPU_ISA=AVX2}, set by the module's surefire configuration and {@code unet/fmnist.sh})
     * lowered the rate (9 and 22 redos in the two 800-step runs of the small preset without it; 4 in the first 2,100
     * steps of a 4,000-step run with it) but did not remove it. The rate depends on the network: about 0.2-1.7 % of
     * steps for the width-16 U-Net, but about one attempt in six for the width-4 test networks (77 redos in 400 steps
     * of a tiny campaign), where five failures in a row (p^5 ~ 1e-4 per step) ended a few hundred-step test run as
     * NAN_LOSS now and then. A step still non-finite after 10 attempts (p^10 ~ 1e-8 per step there) is not applied and
     * returns NaN. Only NaNs are caught.
     */
    public int gradientRetries() { return gradientRetries; }

    /**
     * Writes the training state (parameters, optimiser moments and update counts, the retry count) to {@code out}:
     * a model built with the same architecture and optimiser and given this state by {@link #loadState} takes the
     * same training steps as this one (about 12 bytes per parameter with Adam).
     */
    public void saveState(java.io.OutputStream out) throws java.io.IOException {
        java.io.DataOutputStream data = new java.io.DataOutputStream(new java.io.BufferedOutputStream(out, 1 << 16));
        data.writeInt(gradientRetries);
        TrainingStateIo.write(data, model.getBlock().getParameters(), optimizer);
        data.flush();
    }

    /** Restores a state written by {@link #saveState} (same architecture and optimiser kind, else an IOException). */
    public void loadState(java.io.InputStream in) throws java.io.IOException {
        java.io.DataInputStream data = new java.io.DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
        int retries = data.readInt();
        TrainingStateIo.read(data, model.getBlock().getParameters(), optimizer, model.getNDManager());
        gradientRetries = retries;
    }

    /** Number of trainable scalars. */
    public long parameterCount() { return parameterCount; }

    /** The schedule. */
    public BetaSchedule schedule() { return schedule; }

    /** x(t') = sqrt(abar) x0 + sqrt(1 - abar) eps, per image j with its own step steps[j]. */
    float[] noisy(float[] x0, int[] steps, float[] eps) {
        float[] xt = new float[steps.length * d];
        for (int j = 0; j < steps.length; j++) {
            double ab = schedule.alphaBar(steps[j]);
            float a = (float) Math.sqrt(ab);
            float b = (float) Math.sqrt(1 - ab);
            int o = j * d;
            for (int i = 0; i < d; i++) xt[o + i] = a * x0[o + i] + b * eps[o + i];
        }
        return xt;
    }

    private static float[] asFloat(int[] steps) {
        float[] f = new float[steps.length];
        for (int i = 0; i < f.length; i++) f[i] = steps[i];
        return f;
    }

    /**
     * One optimiser step on the batch {@code x0} (B = steps.length images) with steps t' and noise eps
     * (B x d); returns the batch loss mean over images and pixels of (eps_theta - eps)^2 before the step.
     */
    public double trainStep(float[] x0, int[] steps, float[] eps) {
        int b = steps.length;
        float[] xt = noisy(x0, steps, eps);
        try (NDManager sub = trainer.getManager().newSubManager()) {
            NDArray x = owned(sub, xt, new Shape(b, 1, side, side));
            NDArray t = owned(sub, asFloat(steps), new Shape(b));
            NDArray e = owned(sub, eps, new Shape(b, 1, side, side));
            double value = Double.NaN;
            for (int attempt = 0; ; attempt++) {
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDArray pred = trainer.forward(new NDList(x, t)).singletonOrThrow();
                    NDArray r = pred.sub(e);
                    NDArray loss = r.mul(r).mean();
                    gc.backward(loss);
                    value = loss.getFloat();
                }
                boolean ok = Double.isFinite(value) && gradientsFinite();
                if (ok) break;
                // Non-finite loss or gradients: see gradientRetries(); zero the gradients and redo the step.
                zeroGradients();
                if (attempt >= MAX_ATTEMPTS - 1) {
                    return Double.NaN; // no update; the caller sees a NaN loss and stops
                }
                gradientRetries++;
            }
            trainer.step();
            return value;
        }
    }

    /**
     * An NDArray holding a copy of {@code v} in memory allocated by PyTorch. Arrays created straight from Java data
     * are backed by a Java direct buffer that PyTorch does not own; a clone lives in PyTorch's memory whatever the
     * Java garbage collector does (a precaution, see {@link #gradientRetries()}).
     */
    static NDArray owned(NDManager m, float[] v, Shape shape) {
        try (NDArray tmp = m.create(v, shape)) {
            return tmp.duplicate();
        }
    }

    /** eps_theta(x, t') for B = steps.length images x (B x d), without gradients. */
    public float[] predictNoise(float[] x, int[] steps) {
        int b = steps.length;
        try (NDManager sub = trainer.getManager().newSubManager()) {
            NDArray xa = owned(sub, x, new Shape(b, 1, side, side));
            NDArray ta = owned(sub, asFloat(steps), new Shape(b));
            NDArray out = trainer.evaluate(new NDList(xa, ta)).singletonOrThrow();
            return out.toFloatArray();
        }
    }

    /**
     * Per-image denoising loss at one step t': (1/d) |eps_theta(x(t')) - eps|^2 for each of the n images x0 (n x d),
     * with the given noise eps (n x d), evaluated in batches of {@code batch}.
     */
    public double[] denoisingLoss(float[] x0, int n, int step, float[] eps, int batch) {
        double[] out = new double[n];
        for (int s = 0; s < n; s += batch) {
            int b = Math.min(batch, n - s);
            float[] xb = new float[b * d];
            float[] eb = new float[b * d];
            System.arraycopy(x0, s * d, xb, 0, b * d);
            System.arraycopy(eps, s * d, eb, 0, b * d);
            int[] steps = new int[b];
            java.util.Arrays.fill(steps, step);
            float[] pred = predictNoise(noisy(xb, steps, eb), steps);
            for (int j = 0; j < b; j++) {
                double acc = 0;
                for (int i = 0; i < d; i++) {
                    double r = pred[j * d + i] - eb[j * d + i];
                    acc += r * r;
                }
                out[s + j] = acc / d;
            }
        }
        return out;
    }

    /**
     * The DDIM (eta = 0) step sequence of length {@code k}: t'_i = 1 + round((T-1)(k-1-i)/(k-1)), from T down to 1
     * ([CODE] generate.py: a linspace over the 0-based steps 0..T-1, reversed).
     */
    public static int[] ddimSteps(int T, int k) {
        if (k < 2 || k > T) throw new IllegalArgumentException("DDIM steps must be in 2.." + T + ": " + k);
        int[] ts = new int[k];
        for (int i = 0; i < k; i++) ts[i] = 1 + (int) Math.round((double) (T - 1) * (k - 1 - i) / (k - 1));
        return ts;
    }

    /**
     * {@code count} DDIM (eta = 0) samples with {@code k} steps: x_T ~ N(0, I) from {@code noise}, then for each
     * step x0_hat = (x - sqrt(1-abar_t) eps)/sqrt(abar_t), x = sqrt(abar_prev) x0_hat + sqrt(1-abar_prev) eps
     * (abar_prev = 1 after the last step). Returns count x d.
     */
    public float[] sampleDdim(int count, int k, int batch, SeededStream noise) {
        return sampleDdim(count, k, batch, noise, null, null);
    }

    /**
     * As {@link #sampleDdim(int, int, int, SeededStream)}, with the predicted clean image x0_hat clipped per pixel to
     * [lo_i, hi_i] at every step (the data range; the usual DDPM/DDIM "clip denoised"). Without it an untrained or
     * early network, whose eps_theta is far from the noise, gives x0_hat = (x - sqrt(1-abar) eps_theta)/sqrt(abar)
     * amplified by up to 1/sqrt(abar_T) ~ 160 at the first step, and the samples leave the data range by orders of
     * magnitude (then every sample's nearest training image is the same outlying one). {@code lo}, {@code hi}: d
     * values each, or both null for no clipping.
     */
    public float[] sampleDdim(int count, int k, int batch, SeededStream noise, float[] lo, float[] hi) {
        if ((lo == null) != (hi == null) || lo != null && (lo.length != d || hi.length != d))
            throw new IllegalArgumentException("clip bounds must be both null or both of length " + d);
        int[] ts = ddimSteps(schedule.steps(), k);
        float[] out = new float[count * d];
        for (int s = 0; s < count; s += batch) {
            int b = Math.min(batch, count - s);
            float[] x = new float[b * d];
            for (int i = 0; i < x.length; i++) x[i] = (float) noise.nextGaussian();
            int[] steps = new int[b];
            for (int i = 0; i < k; i++) {
                java.util.Arrays.fill(steps, ts[i]);
                float[] eps = predictNoise(x, steps);
                double a = schedule.alphaBar(ts[i]);
                double ap = i + 1 < k ? schedule.alphaBar(ts[i + 1]) : 1.0;
                float ia = (float) (1 / Math.sqrt(a));
                float sqa = (float) Math.sqrt(a);
                float sa = (float) Math.sqrt(1 - a);
                float sap = (float) Math.sqrt(ap);
                float s1ap = (float) Math.sqrt(1 - ap);
                for (int q = 0; q < x.length; q++) {
                    float x0 = (x[q] - sa * eps[q]) * ia;
                    float e = eps[q];
                    if (lo != null) {
                        int pix = q % d;
                        float c = Math.max(lo[pix], Math.min(hi[pix], x0));
                        // the noise direction consistent with the clipped x0_hat (as in common DDIM implementations)
                        if (c != x0) e = (x[q] - sqa * c) / sa;
                        x0 = c;
                    }
                    x[q] = sap * x0 + s1ap * e;
                }
            }
            System.arraycopy(x, 0, out, s * d, b * d);
        }
        return out;
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
