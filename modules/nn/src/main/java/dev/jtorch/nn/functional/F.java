package dev.jtorch.nn.functional;

import dev.jtorch.Tensor;
import dev.jtorch.ValuesIndices;

/**
 * {@code torch.nn.functional}: stateless forms of the layers, activations and losses. Each section
 * delegates to a class of its own family; this class only gathers the names PyTorch users look for.
 */
public final class F {
    private F() {}

    // ---- activations and softmax (Activations)

    // ---- losses (Losses)

    // ---- linear, dropout, embedding, one-hot, padding, interpolation, distances (Basic)

    // ---- convolution and pooling (Convolutions, Pooling)

    /** {@code F.conv2d(input, weight)}: stride 1, no padding. */
    public static Tensor conv2d(Tensor input, Tensor weight) { return conv2d(input, weight, null); }

    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias) {
        return Convolutions.conv2d(input, weight, bias, new int[]{1}, new int[]{0}, new int[]{1}, 1);
    }

    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int stride, int padding, int dilation, int groups) {
        return Convolutions.conv2d(input, weight, bias, new int[]{stride}, new int[]{padding}, new int[]{dilation}, groups);
    }

    /** stride, padding and dilation: one value for both dims or {h, w}. */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        return Convolutions.conv2d(input, weight, bias, stride, padding, dilation, groups);
    }

    /** padding "same" (stride 1 only; an odd total pads one more at the bottom/right) or "valid". */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, String padding, int[] dilation, int groups) {
        return Convolutions.conv2d(input, weight, bias, stride, padding, dilation, groups);
    }

    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias) {
        return Convolutions.conv1d(input, weight, bias, 1, 0, 1, 1);
    }

    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, int stride, int padding, int dilation, int groups) {
        return Convolutions.conv1d(input, weight, bias, stride, padding, dilation, groups);
    }

    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, int stride, String padding, int dilation, int groups) {
        return Convolutions.conv1d(input, weight, bias, stride, padding, dilation, groups);
    }

    public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias) {
        return Convolutions.convTranspose2d(input, weight, bias, new int[]{1}, new int[]{0}, new int[]{0}, 1, new int[]{1});
    }

    /** PyTorch's argument order: stride, padding, output_padding, groups, dilation. */
    public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] outputPadding,
                                         int groups, int[] dilation) {
        return Convolutions.convTranspose2d(input, weight, bias, stride, padding, outputPadding, groups, dilation);
    }

    /** {@code F.max_pool2d(input, kernel_size)}: stride = kernel_size. */
    public static Tensor maxPool2d(Tensor input, int kernelSize) {
        return maxPool2d(input, new int[]{kernelSize}, null, new int[]{0}, new int[]{1}, false);
    }

    /** A null or empty stride means stride = kernel_size. */
    public static Tensor maxPool2d(Tensor input, int[] kernelSize, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        return Pooling.maxPool2d(input, kernelSize, stride, padding, dilation, ceilMode, false).values();
    }

    /** {@code return_indices=True}: the indices are flat positions in each input plane, as PyTorch's. */
    public static ValuesIndices maxPool2dWithIndices(Tensor input, int[] kernelSize, int[] stride, int[] padding, int[] dilation,
                                                     boolean ceilMode) {
        return Pooling.maxPool2d(input, kernelSize, stride, padding, dilation, ceilMode, true);
    }

    public static Tensor avgPool2d(Tensor input, int kernelSize) {
        return avgPool2d(input, new int[]{kernelSize}, null, new int[]{0}, false, true, null);
    }

    /** A null or empty stride means stride = kernel_size; divisorOverride may be null. */
    public static Tensor avgPool2d(Tensor input, int[] kernelSize, int[] stride, int[] padding, boolean ceilMode,
                                   boolean countIncludePad, Integer divisorOverride) {
        return Pooling.avgPool2d(input, kernelSize, stride, padding, ceilMode, countIncludePad, divisorOverride);
    }

    /** {@code outputSize} {h, w}; a negative entry keeps the input's size (PyTorch's None). */
    public static Tensor adaptiveAvgPool2d(Tensor input, long... outputSize) {
        return Pooling.adaptiveAvgPool2d(input, outputSize.length == 1 ? new long[]{outputSize[0], outputSize[0]} : outputSize);
    }

    // ---- normalization (Normalization)

    /** {@code F.batch_norm}: in training, running stats (when given) are updated in place with {@code momentum}. */
    public static Tensor batchNorm(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias, boolean training,
                                   double momentum, double eps) {
        return Normalization.batchNorm(input, runningMean, runningVar, weight, bias, training, momentum, eps);
    }

    public static Tensor layerNorm(Tensor input, long[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        return Normalization.layerNorm(input, normalizedShape, weight, bias, eps);
    }

    public static Tensor layerNorm(Tensor input, long... normalizedShape) {
        return Normalization.layerNorm(input, normalizedShape, null, null, 1e-5);
    }

    public static Tensor groupNorm(Tensor input, int numGroups, Tensor weight, Tensor bias, double eps) {
        return Normalization.groupNorm(input, numGroups, weight, bias, eps);
    }

    // ---- attention (Attention)
}
