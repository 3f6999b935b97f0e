package org.diffsweep.unet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * DDPM residual block (theory §9.1): h = conv3(SiLU(GN(x))) + Linear(SiLU(emb)) broadcast over pixels,
 * h = conv3(SiLU(GN(h))), output h + skip(x) with skip a 1x1 convolution when the channel count changes.
 * Inputs: (x (B, Cin, H, W), emb (B, E)); output (B, Cout, H, W).
 */
final class ResBlock extends AbstractBlock {
    private final int out;
    private final Block norm1;
    private final Block conv1;
    private final Block proj;
    private final Block norm2;
    private final Block conv2;
    private final Block skip;

    ResBlock(int in, int out) {
        this.out = out;
        norm1 = addChildBlock("norm1", GroupNorm.of(in));
        conv1 = addChildBlock("conv1", conv3(out));
        proj = addChildBlock("proj", Linear.builder().setUnits(out).build());
        norm2 = addChildBlock("norm2", GroupNorm.of(out));
        conv2 = addChildBlock("conv2", conv3(out));
        skip = in == out ? null : addChildBlock("skip", Conv2d.builder().setKernelShape(new Shape(1, 1))
                .setFilters(out).build());
    }

    static Conv2d conv3(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray emb = inputs.get(1);
        NDArray h = one(conv1, ps, silu(one(norm1, ps, x, training)), training);
        NDArray e = one(proj, ps, silu(emb), training);
        h = h.add(e.reshape(e.getShape().get(0), out, 1, 1));
        h = one(conv2, ps, silu(one(norm2, ps, h, training)), training);
        NDArray s = skip == null ? x : one(skip, ps, x, training);
        return new NDList(h.add(s));
    }

    static NDArray one(Block b, ParameterStore ps, NDArray x, boolean training) {
        return b.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    /**
     * SiLU x sigmoid(x), the same as {@code Activation.swish(x, 1f)} but without DJL's multiplication by a scalar
     * tensor that lives on a Java buffer; that was a suspect for the NaN gradients described in
     * {@link DdpmModel#gradientRetries()}, not a confirmed cause (they persisted after this change).
     */
    static NDArray silu(NDArray x) { return x.mul(Activation.sigmoid(x)); }

    @Override
    protected void initializeChildBlocks(NDManager m, DataType t, Shape... in) {
        Shape x = in[0];
        Shape h = new Shape(x.get(0), out, x.get(2), x.get(3));
        norm1.initialize(m, t, x);
        conv1.initialize(m, t, x);
        proj.initialize(m, t, in[1]);
        norm2.initialize(m, t, h);
        conv2.initialize(m, t, h);
        if (skip != null) skip.initialize(m, t, x);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        Shape x = in[0];
        return new Shape[] {new Shape(x.get(0), out, x.get(2), x.get(3))};
    }
}
