package org.diffsweep.unet.model;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.diffsweep.core.random.RandomStreams;
import org.diffsweep.core.random.SeededStream;
import org.diffsweep.unet.diffusion.BetaSchedule;

/**
 * Same-run benchmark of the fused GroupNorm against the elementwise reference: CPU seconds of this thread per
 * training step of the W = 16 (1, 2, 2) U-Net on 32 x 32 images, batch 16, alternating the two forms over
 * {@code reps} repetitions of {@code steps} steps. Run (docs/fmnist-cpu.md):
 * {@code unet/fmnist.sh bench-groupnorm [steps] [reps]}.
 */
public final class GroupNormBench {
    private GroupNormBench() {}

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int b = 16, d = 1024;
        SeededStream rng = RandomStreams.forKey("bench").stream("data");
        float[] x = new float[b * d];
        for (int i = 0; i < x.length; i++) x[i] = (float) (0.3 * rng.nextGaussian());
        double[] total = new double[2];
        for (int r = 0; r < reps; r++) {
            for (int f = 0; f < 2; f++) {
                GroupNorm.fusedDefault = f == 0;
                try (DdpmModel m = new DdpmModel(new UNet(16, 1, 2, 2), 32, BetaSchedule.ddpm(), OptimizerConfig.adam(1e-3),
                        RandomStreams.forKey("bench").stream("init"))) {
                    SeededStream noise = RandomStreams.forKey("bench" + r).stream("noise");
                    int[] t = new int[b];
                    for (int k = 0; k < 5; k++) step(m, x, t, noise); // warm-up
                    long c0 = cpu.getCurrentThreadCpuTime();
                    for (int k = 0; k < steps; k++) step(m, x, t, noise);
                    total[f] += (cpu.getCurrentThreadCpuTime() - c0) / 1e9 / steps;
                }
            }
        }
        System.out.printf(Locale.ROOT, "CPU-s per training step (W=16, batch 16, %d steps x %d reps): fused %.4f, reference %.4f, "
                + "ratio fused/reference %.3f%n", steps, reps, total[0] / reps, total[1] / reps, total[0] / total[1]);
    }

    private static void step(DdpmModel m, float[] x, int[] t, SeededStream noise) {
        float[] eps = new float[x.length];
        for (int i = 0; i < eps.length; i++) eps[i] = (float) noise.nextGaussian();
        for (int j = 0; j < t.length; j++) t[j] = 1 + noise.nextInt(999);
        m.trainStep(x, t, eps);
    }
}
