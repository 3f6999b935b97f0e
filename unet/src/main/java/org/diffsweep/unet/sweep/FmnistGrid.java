package org.diffsweep.unet.sweep;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.diffsweep.core.mixture.ClassSpec;
import org.diffsweep.core.point.NoiseMode;
import org.diffsweep.core.point.PointParams;
import org.diffsweep.core.point.TauGrid;
import org.diffsweep.jobs.grid.Grid;
import org.diffsweep.jobs.grid.GridPoint;
import org.diffsweep.unet.data.FmnistDataset;
import org.diffsweep.unet.experiment.FmnistPoint;
import org.diffsweep.unet.experiment.FmnistSettings;
import org.diffsweep.unet.experiment.FmnistSpec;

/**
 * The grid of a Fashion-MNIST spec ({@link FmnistSpec#points()}, class pair x pi_A x n x seed, theory §9.3) as a
 * sweep-engine {@link Grid}: one grid point = one Spark task = one U-Net training run.
 *
 * <p>The ledger identifies points by {@link PointParams}. The mapping of an {@link FmnistPoint} onto it is a
 * bijection for points that share one {@link FmnistSettings} (every point of a spec does):
 * <ul>
 *   <li>{@code d} = 1024 (32 x 32 padded images, {@link FmnistDataset#D});</li>
 *   <li>{@code classes} = [A, B], named after the Fashion-MNIST labels ({@link #className}), weights pi_A and
 *       1 - pi_A; radius 0, angle 0, variance 1 are placeholders (the real class statistics are measured, not set);</li>
 *   <li>{@code psiN} = n / d (exact in binary, so {@code n = round(psiN d)}), {@code seed} = the seed replica;</li>
 *   <li>{@code t} = {@code lossTime} (OU time of the fixed-t denoising loss), {@code deltaGen} =
 *       {@code fmemThreshold} (the threshold that defines tau_mem), {@code tauGrid} = the checkpoint range
 *       [firstCheckpoint, steps] with {@code checkpoints} points (in optimiser steps);</li>
 *   <li>{@code psiP} = 1, {@code kappa} = 0.9 and exact noise are placeholders: a U-Net has no random features, and
 *       the ledger's {@code p} column (= d) means nothing here; the network size is in the spec's settings.</li>
 * </ul>
 * Everything the mapping does not carry (width, optimiser, samples, ...) is hashed into the pointId by
 * {@link FmnistPointIds}. Axes (ledger columns {@code axis_*}): {@code piA}, {@code n}, {@code classA},
 * {@code classB}; the phase diagram is therefore drawn over (pi_A, n), pooled over class pairs.
 */
public final class FmnistGrid implements Grid, Serializable {
    private static final long serialVersionUID = 1L;

    /** Axis names, in ledger order. */
    public static final List<String> AXES = List.of("piA", "n", "classA", "classB");

    private final ArrayList<FmnistPoint> points;
    private final FmnistSettings settings;

    /** The grid of {@code spec}, in its canonical order (class pair, pi_A, n, seed). */
    public FmnistGrid(FmnistSpec spec) {
        this.points = new ArrayList<>(spec.points());
        this.settings = spec.base();
        Set<PointParams> seen = new HashSet<>();
        for (FmnistPoint p : points) {
            if (!seen.add(params(p))) throw new IllegalArgumentException("spec " + spec.name() + " lists the point "
                    + p.label() + " twice");
        }
    }

    /** The settings shared by every point. */
    public FmnistSettings settings() { return settings; }

    /** The Fashion-MNIST point at {@code index}. */
    public FmnistPoint fmnistPoint(long index) { return points.get(Math.toIntExact(index)); }

    @Override public long size() { return points.size(); }

    @Override public GridPoint point(long index) {
        FmnistPoint p = fmnistPoint(index);
        Map<String, Double> c = new LinkedHashMap<>();
        c.put("piA", p.piA());
        c.put("n", (double) p.n());
        c.put("classA", (double) p.classA());
        c.put("classB", (double) p.classB());
        return new GridPoint(index, params(p), c, p.seed());
    }

    @Override public List<String> axisNames() { return AXES; }

    /** The ledger identity of {@code p} (see the class comment). */
    public static PointParams params(FmnistPoint p) {
        FmnistSettings s = p.settings();
        int d = FmnistDataset.D;
        List<ClassSpec> classes = List.of(new ClassSpec(className(p.classA()), p.piA(), 0, 0, 1),
                new ClassSpec(className(p.classB()), 1 - p.piA(), 0, 0, 1));
        TauGrid tg = s.firstCheckpoint() < s.steps()
                ? new TauGrid(s.firstCheckpoint(), s.steps(), Math.max(2, s.checkpoints()))
                : new TauGrid(s.steps(), s.steps() + 1.0, 2);
        return new PointParams(d, 1.0, p.n() / (double) d, s.lossTime(), p.seed(), classes, s.fmemThreshold(),
                PointParams.DEFAULT_KAPPA, tg, NoiseMode.EXACT);
    }

    /** The inverse of {@link #params}: the point with identity {@code q} under {@code settings}. */
    public static FmnistPoint point(PointParams q, FmnistSettings settings) {
        if (q.d() != FmnistDataset.D || q.numClasses() != 2)
            throw new IllegalArgumentException("not a Fashion-MNIST point: d = " + q.d() + ", " + q.numClasses() + " classes");
        return new FmnistPoint(label(q.classes().get(0).name()), label(q.classes().get(1).name()),
                q.classes().get(0).weight(), (int) Math.round(q.psiN() * q.d()), Math.toIntExact(q.seed()), settings);
    }

    /** Ledger class name of label {@code c}: its Fashion-MNIST name ({@link FmnistDataset#NAMES}). */
    public static String className(int c) { return FmnistDataset.NAMES[c]; }

    private static int label(String name) {
        for (int c = 0; c < FmnistDataset.NAMES.length; c++) if (FmnistDataset.NAMES[c].equals(name)) return c;
        throw new IllegalArgumentException("not a Fashion-MNIST class name: " + name);
    }
}
