package org.diffsweep.unet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Group normalisation (Wu and He 2018) on (B, C, H, W): statistics over each group of C/G channels and all pixels,
 * then a per-channel affine map (gamma = 1, beta = 0 at initialisation). DJL 0.36 has no GroupNorm block: the
 * normalisation runs as one fused layer-norm kernel over the (B, G, C/G x H x W) view (PyTorch's layer_norm: biased
 * variance, eps inside the square root, the same formula), or, with {@code fused = false}, as the elementwise
 * reference (mean, centre, variance, divide: about ten autograd nodes instead of one).
 */
final class GroupNorm extends AbstractBlock {
    private static final float EPS = 1e-5f;
    private final int channels;
    private final int groups;
    private final Parameter gamma;
    private final Parameter beta;
    private final boolean fused;

    /** Whether {@link #of(int)} builds the fused form (package-private knob for the same-run benchmark). */
    static boolean fusedDefault = true;

    GroupNorm(int channels, int groups) { this(channels, groups, fusedDefault); }

    GroupNorm(int channels, int groups, boolean fused) {
        this.fused = fused;
        if (channels % groups != 0) throw new IllegalArgumentException(channels + " channels, " + groups + " groups");
        this.channels = channels;
        this.groups = groups;
        this.gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA)
                .optShape(new Shape(channels)).build());
        this.beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA)
                .optShape(new Shape(channels)).build());
    }

    /** The usual choice: 8 groups when C >= 32, else C/4 (at least 1). */
    static GroupNorm of(int channels) {
        int g = channels >= 32 ? 8 : Math.max(1, channels / 4);
        while (channels % g != 0) g--;
        return new GroupNorm(channels, g);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        NDArray g = x.reshape(s.get(0), groups, -1);
        NDArray y;
        if (fused) {
            Shape last = new Shape(g.getShape().get(2));
            ai.djl.ndarray.NDManager m = x.getManager();
            y = g.getNDArrayInternal().layerNorm(g, last, m.ones(last), m.zeros(last), EPS).singletonOrThrow().reshape(s);
        } else {
            NDArray mean = g.mean(new int[] {2}, true);
            NDArray c = g.sub(mean);
            NDArray var = c.mul(c).mean(new int[] {2}, true);
            y = c.div(var.add(EPS).sqrt()).reshape(s);
        }
        NDArray ga = ps.getValue(gamma, x.getDevice(), training).reshape(1, channels, 1, 1);
        NDArray be = ps.getValue(beta, x.getDevice(), training).reshape(1, channels, 1, 1);
        return new NDList(y.mul(ga).add(be));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) { return new Shape[] {inputShapes[0]}; }
}
