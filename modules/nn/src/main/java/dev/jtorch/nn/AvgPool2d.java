package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** 2-D average pooling, as PyTorch's {@code nn.AvgPool2d}; stride defaults to the kernel size. */
public class AvgPool2d extends Module {
    /** The arguments as given: one value (both dims) or {h, w}. */
    public final int[] kernelSize, stride, padding;
    public final boolean ceilMode, countIncludePad;
    /** Divides every window by this instead of its size when not null. */
    public final Integer divisorOverride;

    public AvgPool2d(int kernelSize) { this(new int[]{kernelSize}, null, new int[]{0}, false, true, null); }

    public AvgPool2d(int kernelSize, int stride) { this(new int[]{kernelSize}, new int[]{stride}, new int[]{0}, false, true, null); }

    /** A null stride means stride = kernel size. */
    public AvgPool2d(int[] kernelSize, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad, Integer divisorOverride) {
        this.kernelSize = kernelSize.clone();
        this.stride = stride == null || stride.length == 0 ? kernelSize.clone() : stride.clone();
        this.padding = padding.clone();
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
        this.divisorOverride = divisorOverride;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.avgPool2d(input, kernelSize, stride, padding, ceilMode, countIncludePad, divisorOverride);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + LayerArgs.intOrTuple(kernelSize) + ", stride=" + LayerArgs.intOrTuple(stride) + ", padding="
                + LayerArgs.intOrTuple(padding);
    }
}
