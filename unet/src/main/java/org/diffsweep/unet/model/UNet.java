package org.diffsweep.unet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small DDPM epsilon-prediction U-Net (theory §9.1, reduced): base width W, channel multipliers {@code mults}
 * (default 1, 2, 2), one residual block per level on the way down and one (after skip concatenation) on the way up,
 * one residual block in the bottleneck, stride-2 3x3 convolutions to downsample, nearest-neighbour upsampling plus a
 * 3x3 convolution to upsample (DJL's PyTorch engine has no Conv2dTranspose), GroupNorm + SiLU, and a sinusoidal
 * embedding of the DDPM step t' (dimension W) followed by an MLP to 4W. No attention and no dropout.
 *
 * <p>Inputs: (x (B, 1, S, S), t' (B) as float32); output: predicted noise (B, 1, S, S). S must be divisible by
 * 2^(levels-1).
 */
public final class UNet extends AbstractBlock {
    private final int width;
    private final int[] ch;
    private final Block embIn;
    private final Block embOut;
    private final Block convIn;
    private final List<Block> down = new ArrayList<>();
    private final List<Block> downsample = new ArrayList<>();
    private final Block mid;
    private final List<Block> up = new ArrayList<>();
    private final List<Block> upconv = new ArrayList<>();
    private final Block normOut;
    private final Block convOut;

    /**
     * @param width base width W (even, >= 4)
     * @param mults channel multipliers per resolution level (level l has W * mults[l] channels)
     */
    public UNet(int width, int... mults) {
        if (width < 4 || width % 2 != 0) throw new IllegalArgumentException("width must be even and >= 4: " + width);
        if (mults.length < 1) throw new IllegalArgumentException("need at least one level");
        this.width = width;
        this.ch = Arrays.stream(mults).map(m -> m * width).toArray();
        embIn = addChildBlock("emb_in", Linear.builder().setUnits(4L * width).build());
        embOut = addChildBlock("emb_out", Linear.builder().setUnits(4L * width).build());
        convIn = addChildBlock("conv_in", ResBlock.conv3(width));
        int prev = width;
        for (int l = 0; l < ch.length; l++) {
            down.add(addChildBlock("down" + l, new ResBlock(prev, ch[l])));
            prev = ch[l];
            if (l < ch.length - 1) {
                downsample.add(addChildBlock("downsample" + l, Conv2d.builder().setKernelShape(new Shape(3, 3))
                        .optStride(new Shape(2, 2)).optPadding(new Shape(1, 1)).setFilters(ch[l]).build()));
            }
        }
        mid = addChildBlock("mid", new ResBlock(prev, prev));
        for (int l = ch.length - 1; l >= 0; l--) {
            up.add(addChildBlock("up" + l, new ResBlock(2 * ch[l], ch[l])));
            if (l > 0) upconv.add(addChildBlock("upconv" + l, ResBlock.conv3(ch[l - 1])));
        }
        normOut = addChildBlock("norm_out", GroupNorm.of(ch[0]));
        convOut = addChildBlock("conv_out", ResBlock.conv3(1));
    }

    /** Base width W. */
    public int width() { return width; }

    /** Sinusoidal embedding of t (B) to (B, W): [sin(t f_k), cos(t f_k)], f_k = 10000^(-k/(W/2)). */
    static NDArray timeEmbedding(NDArray t, int dim) {
        int half = dim / 2;
        float[] f = new float[half];
        for (int k = 0; k < half; k++) f[k] = (float) Math.exp(-Math.log(10000.0) * k / half);
        NDManager m = t.getManager();
        NDArray args = t.reshape(-1, 1).mul(m.create(f).reshape(1, half));
        return args.sin().concat(args.cos(), 1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray t = inputs.get(1);
        NDArray emb = ResBlock.one(embIn, ps, timeEmbedding(t, width), training);
        emb = ResBlock.one(embOut, ps, ResBlock.silu(emb), training);
        NDArray h = ResBlock.one(convIn, ps, x, training);
        NDArray[] skips = new NDArray[ch.length];
        for (int l = 0; l < ch.length; l++) {
            h = down.get(l).forward(ps, new NDList(h, emb), training).singletonOrThrow();
            skips[l] = h;
            if (l < ch.length - 1) h = ResBlock.one(downsample.get(l), ps, h, training);
        }
        h = mid.forward(ps, new NDList(h, emb), training).singletonOrThrow();
        int u = 0;
        for (int l = ch.length - 1; l >= 0; l--) {
            h = up.get(u).forward(ps, new NDList(h.concat(skips[l], 1), emb), training).singletonOrThrow();
            if (l > 0) h = ResBlock.one(upconv.get(u), ps, h.repeat(2, 2).repeat(3, 2), training);
            u++;
        }
        h = ResBlock.one(convOut, ps, ResBlock.silu(ResBlock.one(normOut, ps, h, training)), training);
        return new NDList(h);
    }

    @Override
    protected void initializeChildBlocks(NDManager m, DataType dt, Shape... in) {
        Shape x = in[0];
        long b = x.get(0);
        long s = x.get(2);
        int levels = ch.length;
        if (s % (1L << (levels - 1)) != 0)
            throw new IllegalArgumentException("image side " + s + " not divisible by 2^" + (levels - 1));
        embIn.initialize(m, dt, new Shape(b, width));
        Shape e = new Shape(b, 4L * width);
        embOut.initialize(m, dt, e);
        convIn.initialize(m, dt, x);
        int prev = width;
        long res = s;
        for (int l = 0; l < levels; l++) {
            down.get(l).initialize(m, dt, new Shape(b, prev, res, res), e);
            prev = ch[l];
            if (l < levels - 1) {
                downsample.get(l).initialize(m, dt, new Shape(b, ch[l], res, res));
                res /= 2;
            }
        }
        mid.initialize(m, dt, new Shape(b, prev, res, res), e);
        int u = 0;
        for (int l = levels - 1; l >= 0; l--) {
            up.get(u).initialize(m, dt, new Shape(b, 2L * ch[l], res, res), e);
            if (l > 0) {
                res *= 2;
                upconv.get(u).initialize(m, dt, new Shape(b, ch[l], res, res));
            }
            u++;
        }
        normOut.initialize(m, dt, new Shape(b, ch[0], s, s));
        convOut.initialize(m, dt, new Shape(b, ch[0], s, s));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) { return new Shape[] {in[0]}; }
}
