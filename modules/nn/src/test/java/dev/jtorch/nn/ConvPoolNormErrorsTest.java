package dev.jtorch.nn;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.F;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Bad arguments give PyTorch 1.13's messages (texts taken from torch's RuntimeError/ValueError). */
class ConvPoolNormErrorsTest {
    private static void fails(String message, Executable e) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, e).getMessage());
    }

    private static Tensor r(long... shape) { return Torch.randn(shape); }

    private static final int[] ONE = {1}, ZERO = {0};

    @Test
    void conv2d() {
        fails("Given groups=1, weight of size [32, 1, 3, 3], expected input[64, 3, 28, 28] to have 1 channels, but got 3 channels instead",
                () -> F.conv2d(r(64, 3, 28, 28), r(32, 1, 3, 3)));
        fails("Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [2, 3]",
                () -> F.conv2d(r(2, 3), r(32, 1, 3, 3)));
        fails("Calculated padded input size per channel: (2 x 2). Kernel size: (3 x 3). Kernel size can't be greater than actual input size",
                () -> F.conv2d(r(1, 1, 2, 2), r(32, 1, 3, 3)));
        fails("Given groups=2, expected weight to be divisible by 2 at dimension 0, but got weight of size [[3, 1, 3, 3]] instead",
                () -> F.conv2d(r(1, 2, 5, 5), r(3, 1, 3, 3), null, 1, 0, 1, 2));
        fails("Given weight of size [32, 1, 3, 3], expected bias to be 1-dimensional with 32 elements, but got bias of size [3] instead",
                () -> F.conv2d(r(1, 1, 5, 5), r(32, 1, 3, 3), r(3)));
        fails("non-positive stride is not supported", () -> F.conv2d(r(1, 1, 5, 5), r(32, 1, 3, 3), null, 0, 0, 1, 1));
        fails("negative padding is not supported", () -> F.conv2d(r(1, 1, 5, 5), r(32, 1, 3, 3), null, 1, -1, 1, 1));
        fails("dilation should be greater than zero, but got [0, 0]", () -> F.conv2d(r(1, 1, 5, 5), r(32, 1, 3, 3), null, 1, 0, 0, 1));
        fails("non-positive groups is not supported", () -> F.conv2d(r(1, 1, 5, 5), r(32, 1, 3, 3), null, 1, 0, 1, 0));
        fails("padding='same' is not supported for strided convolutions",
                () -> F.conv2d(r(1, 1, 5, 5), r(32, 1, 3, 3), null, new int[]{2}, "same", ONE, 1));
        fails("Invalid padding string: 'foo'", () -> F.conv2d(r(1, 1, 5, 5), r(32, 1, 3, 3), null, ONE, "foo", ONE, 1));
        fails("expected scalar type Float but found Double", () -> F.conv2d(r(1, 1, 5, 5), r(32, 1, 3, 3).to(DType.FLOAT64)));
    }

    @Test
    void conv1dAndTransposed() {
        fails("Given groups=1, weight of size [32, 1, 3], expected input[1, 3, 5] to have 1 channels, but got 3 channels instead",
                () -> F.conv1d(r(1, 3, 5), r(32, 1, 3), null));
        fails("non-positive groups is not supported", () -> F.conv1d(r(2, 3, 4), r(2, 3, 4), null, 1, 0, 1, 0));
        fails("non-positive groups is not supported", () -> F.conv1d(r(2, 3, 4), r(2, 3, 4), null, 1, "same", 1, -1));
        fails("Given transposed=1, weight of size [1, 2, 3, 3], expected input[1, 3, 5, 5] to have 1 channels, but got 3 channels instead",
                () -> F.convTranspose2d(r(1, 3, 5, 5), r(1, 2, 3, 3), null));
        fails("output padding must be smaller than either stride or dilation, but got output_padding_height: 2 output_padding_width: 2 "
                        + "stride_height: 2 stride_width: 2 dilation_height: 1 dilation_width: 1",
                () -> F.convTranspose2d(r(1, 1, 5, 5), r(1, 2, 3, 3), null, new int[]{2}, ZERO, new int[]{2}, 1, ONE));
    }

    /** An output size of 0 is allowed, as in PyTorch: an empty result (it divided by zero before). */
    @Test
    void adaptiveAvgPoolToNothing() {
        assertArrayEquals(new long[]{2, 0, 7}, F.adaptiveAvgPool2d(r(2, 3, 4), new long[]{0, 7}).shape().toArray());
        assertArrayEquals(new long[]{1, 2, 3, 0}, F.adaptiveAvgPool2d(r(1, 2, 6, 4), new long[]{3, 0}).shape().toArray());
        // and an absurd one is an error that says so, not a NegativeArraySizeException
        fails("adaptive_avg_pool2d: an output size of 9223372036854775807 from an input size of 3 is too large (its averaging matrix "
                + "has more than 2^31 elements)", () -> F.adaptiveAvgPool2d(r(2, 3, 4), Long.MAX_VALUE));
    }

    @Test
    void pooling() {
        fails("pad should be at most half of kernel size, but got pad=2 and kernel_size=3",
                () -> F.maxPool2d(r(1, 1, 5, 5), new int[]{3}, null, new int[]{2}, ONE, false));
        fails("Given input size: (1x2x2). Calculated output size: (1x0x0). Output size is too small", () -> F.maxPool2d(r(1, 1, 2, 2), 3));
        fails("Given input size: (1x2x2). Calculated output size: (1x0x0). Output size is too small", () -> F.avgPool2d(r(1, 1, 2, 2), 3));
        fails("non-empty 3D or 4D (batch mode) tensor expected for input", () -> F.maxPool2d(r(5, 5), 3));
    }

    @Test
    void normalization() {
        fails("Expected more than 1 value per channel when training, got input size torch.Size([1, 3])",
                () -> F.batchNorm(r(1, 3), null, null, null, null, true, 0.1, 1e-5));
        fails("running_mean should contain 4 elements not 3",
                () -> F.batchNorm(r(2, 4), Torch.zeros(3), Torch.ones(3), null, null, true, 0.1, 1e-5));
        fails("Given normalized_shape=[4], expected input with shape [*, 4], but got input of size[2, 3]",
                () -> F.layerNorm(r(2, 3), 4));
        fails("Expected number of channels in input to be divisible by num_groups, but got input of shape [2, 6, 3] and num_groups=4",
                () -> F.groupNorm(r(2, 6, 3), 4, null, null, 1e-5));
    }
}
