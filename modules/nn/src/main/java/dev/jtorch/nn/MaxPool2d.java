package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.ValuesIndices;
import dev.jtorch.nn.functional.F;

/** 2-D max pooling, as PyTorch's {@code nn.MaxPool2d}; stride defaults to the kernel size. */
public class MaxPool2d extends Module {
    /** The arguments as given: one value (both dims) or {h, w}. */
    public final int[] kernelSize, stride, padding, dilation;
    public final boolean returnIndices, ceilMode;

    public MaxPool2d(int kernelSize) { this(new int[]{kernelSize}, null, new int[]{0}, new int[]{1}, false, false); }

    public MaxPool2d(int kernelSize, int stride) { this(new int[]{kernelSize}, new int[]{stride}, new int[]{0}, new int[]{1}, false, false); }

    /** A null stride means stride = kernel size. */
    public MaxPool2d(int[] kernelSize, int[] stride, int[] padding, int[] dilation, boolean returnIndices, boolean ceilMode) {
        this.kernelSize = kernelSize.clone();
        this.stride = stride == null || stride.length == 0 ? kernelSize.clone() : stride.clone();
        this.padding = padding.clone();
        this.dilation = dilation.clone();
        this.returnIndices = returnIndices;
        this.ceilMode = ceilMode;
    }

    /** The pooled values (use {@link #forwardWithIndices} for the indices too). */
    @Override
    public Tensor forward(Tensor input) { return F.maxPool2d(input, kernelSize, stride, padding, dilation, ceilMode); }

    /** Values and the flat indices of the maxima in each input plane (PyTorch's {@code return_indices=True}). */
    public ValuesIndices forwardWithIndices(Tensor input) {
        return F.maxPool2dWithIndices(input, kernelSize, stride, padding, dilation, ceilMode);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + LayerArgs.intOrTuple(kernelSize) + ", stride=" + LayerArgs.intOrTuple(stride) + ", padding="
                + LayerArgs.intOrTuple(padding) + ", dilation=" + LayerArgs.intOrTuple(dilation) + ", ceil_mode=" + py(ceilMode);
    }
}
