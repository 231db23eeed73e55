package dev.jtorch.nn;

import dev.jtorch.Convolution;
import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.autograd.GradCheck;
import dev.jtorch.nn.functional.F;
import dev.jtorch.ops.Window2d;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finite-difference checks (float64) of the im2col/col2im primitives and of the layers built on them. */
class ConvGradCheckTest {
    private static Tensor rand(long... shape) {
        return Torch.randn(shape).to(DType.FLOAT64).requiresGrad_();
    }

    private static final Window2d WINDOW = new Window2d(3, 2, 2, 1, 1, 0, 1, 2, 3, 3);

    @Test
    void im2colAndCol2im() {
        Torch.manualSeed(3);
        assertTrue(GradCheck.gradcheck(in -> Convolution.im2col(in[0], WINDOW), rand(2, 2, 5, 5)));
        assertTrue(GradCheck.gradcheck(in -> Convolution.col2im(in[0], WINDOW, 2, 5, 5), rand(2 * 6, 2 * 9)));
        assertTrue(GradCheck.gradgradcheck(in -> Convolution.im2col(in[0], WINDOW).pow(2.0), rand(1, 2, 5, 5)));
    }

    @Test
    void conv2dWithGroupsStrideDilation() {
        Torch.manualSeed(4);
        assertTrue(GradCheck.gradcheck(in -> F.conv2d(in[0], in[1], in[2], new int[]{2, 1}, new int[]{1, 2}, new int[]{1, 2}, 2),
                rand(2, 4, 6, 5), rand(4, 2, 3, 2), rand(4)));
        assertTrue(GradCheck.gradgradcheck(in -> F.conv2d(in[0], in[1], null, new int[]{1}, "same", new int[]{1}, 1),
                rand(1, 2, 4, 4), rand(2, 2, 2, 3)));
    }

    /**
     * The 3x3 primitives (float64: the direct sums) and their formulas, which are written in each other: first and
     * second derivatives. Paddings 1/2 before and 1/1 after, and 3 before and 0 after (the input gradient then crops).
     */
    @Test
    void conv3x3Primitives() {
        Torch.manualSeed(5);
        for (Window2d win : new Window2d[]{new Window2d(3, 3, 1, 1, 1, 2, 1, 1, 4, 6), new Window2d(3, 3, 1, 1, 3, 0, 1, 1, 5, 3)}) {
            assertTrue(GradCheck.gradcheck(in -> Convolution.conv3x3(in[0], in[1], in[2], win), rand(2, 3, 4, 5), rand(2, 3, 3, 3), rand(2)));
            assertTrue(GradCheck.gradgradcheck(in -> Convolution.conv3x3(in[0], in[1], null, win), rand(1, 2, 4, 5), rand(2, 2, 3, 3)));
            long oh = win.outH(), ow = win.outW();
            assertTrue(GradCheck.gradcheck(in -> Convolution.conv3x3InputGrad(in[0], in[1], win, 4, 5), rand(2, 2, oh, ow), rand(2, 3, 3, 3)));
            assertTrue(GradCheck.gradgradcheck(in -> Convolution.conv3x3InputGrad(in[0], in[1], win, 4, 5), rand(1, 2, oh, ow), rand(2, 2, 3, 3)));
            assertTrue(GradCheck.gradcheck(in -> Convolution.conv3x3WeightGrad(in[0], in[1], win), rand(2, 3, 4, 5), rand(2, 2, oh, ow)));
            assertTrue(GradCheck.gradgradcheck(in -> Convolution.conv3x3WeightGrad(in[0], in[1], win), rand(1, 2, 4, 5), rand(1, 2, oh, ow)));
            // both gradients from one call (input, grad, weight)
            for (int which = 0; which < 2; which++) {
                int k = which;
                assertTrue(GradCheck.gradcheck(in -> Convolution.conv3x3Backward(in[0], in[1], in[2], win, 4, 5)[k],
                        rand(2, 3, 4, 5), rand(2, 2, oh, ow), rand(2, 3, 3, 3)));
            }
        }
    }

    @Test
    void conv3x3Errors() {
        Window2d win = new Window2d(3, 3, 1, 1, 1, 1, 1, 1, 4, 4);
        Tensor x = Torch.randn(1, 2, 4, 4), w = Torch.randn(3, 2, 3, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> Convolution.conv3x3(x, w, null, new Window2d(3, 3, 2, 2, 1, 1, 1, 1, 2, 2)));
        assertTrue(e.getMessage().contains("stride 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Convolution.conv3x3(x, Torch.randn(3, 5, 3, 3), null, win));
        assertEquals("conv3x3: expected input [N,C,H,W], weight [O,C,3,3] and bias [O], got input [1, 2, 4, 4], weight [3, 5, 3, 3]",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Convolution.conv3x3(x, w.to(DType.FLOAT64), null, win));
        assertEquals("conv3x3: expected input, weight and bias of one dtype, got float32, float64", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Convolution.conv3x3InputGrad(Torch.randn(1, 3, 4, 5), w, win, 4, 4));
        assertTrue(e.getMessage().startsWith("conv3x3 input gradient: expected grad [N,O,4,4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Convolution.conv3x3WeightGrad(x, Torch.randn(2, 3, 4, 4), win));
        assertTrue(e.getMessage().startsWith("conv3x3 weight gradient: expected input [N,C,H,W] and grad [N,O,4,4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Convolution.conv3x3Backward(x, Torch.randn(1, 3, 4, 5), w, win, 4, 4));
        assertTrue(e.getMessage().startsWith("conv3x3 input gradient: expected grad [N,O,4,4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Convolution.conv3x3Backward(Torch.randn(2, 2, 4, 4), Torch.randn(1, 3, 4, 4), w, win, 4, 4));
        assertTrue(e.getMessage().startsWith("conv3x3 weight gradient: expected input [N,C,H,W] and grad [N,O,4,4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Convolution.conv3x3Backward(x.to(DType.FLOAT64), Torch.randn(1, 3, 4, 4), w, win, 4, 4));
        assertEquals("conv3x3 weight gradient: expected input and grad of one dtype, got float64 and float32", e.getMessage());
    }

    @Test
    void convTranspose2d() {
        Torch.manualSeed(5);
        assertTrue(GradCheck.gradcheck(in -> F.convTranspose2d(in[0], in[1], in[2], new int[]{2}, new int[]{1}, new int[]{1}, 2,
                new int[]{1}), rand(1, 4, 3, 3), rand(4, 1, 3, 3), rand(2)));
    }

    @Test
    void pooling() {
        Torch.manualSeed(6);
        assertTrue(GradCheck.gradcheck(in -> F.maxPool2d(in[0], new int[]{3}, new int[]{2}, new int[]{1}, new int[]{1}, true),
                rand(2, 2, 6, 7)));
        // the backward is its own primitive (MaxPool2dBackward): its graph (create_graph) must still reach the incoming gradient
        assertTrue(GradCheck.gradgradcheck(in -> F.maxPool2d(in[0], new int[]{2}, new int[]{2}, new int[]{0}, new int[]{1}, false),
                rand(1, 2, 4, 6)));
        assertTrue(GradCheck.gradcheck(in -> F.avgPool2d(in[0], new int[]{3}, new int[]{2}, new int[]{1}, true, false, null),
                rand(2, 2, 6, 7)));
        assertTrue(GradCheck.gradcheck(in -> F.adaptiveAvgPool2d(in[0], 3, 2), rand(1, 2, 7, 5)));
    }

    @Test
    void maxPoolBackwardPrimitive() {
        Torch.manualSeed(8);
        // 3x3 windows at stride 1: neighbouring windows share winners, whose gradients add up
        Window2d win = new Window2d(3, 3, 1, 1, 1, 1, 1, 1, 5, 6);
        Tensor idx = Convolution.maxPool2d(Torch.randn(2, 5, 6).to(DType.FLOAT64), win).indices();
        assertTrue(GradCheck.gradcheck(in -> Convolution.maxPool2dBackward(in[0], idx, win, 5, 6), rand(2, 5, 6)));
        assertTrue(GradCheck.gradgradcheck(in -> Convolution.maxPool2dBackward(in[0], idx, win, 5, 6).pow(2.0), rand(2, 5, 6)));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> Convolution.maxPool2dBackward(Torch.zeros(2, 5, 6), idx.narrow(2, 0, 5), win, 5, 6));
        assertEquals("max_pool2d backward: expected grad and indices of size [P, 5, 6], got grad [2, 5, 6] and indices [2, 5, 5]",
                shape.getMessage());
        IllegalArgumentException dtype = assertThrows(IllegalArgumentException.class,
                () -> Convolution.maxPool2dBackward(Torch.zeros(2, 5, 6), idx.to(DType.FLOAT32), win, 5, 6));
        assertEquals("max_pool2d backward: expected indices of dtype int64, got float32", dtype.getMessage());
    }

    @Test
    void normalization() {
        Torch.manualSeed(7);
        assertTrue(GradCheck.gradcheck(in -> F.batchNorm(in[0], null, null, in[1], in[2], true, 0.1, 1e-5),
                rand(4, 3, 2, 2), rand(3), rand(3)));
        assertTrue(GradCheck.gradcheck(in -> F.layerNorm(in[0], new long[]{3, 2}, in[1], in[2], 1e-5),
                rand(2, 3, 2), rand(3, 2), rand(3, 2)));
        assertTrue(GradCheck.gradcheck(in -> F.groupNorm(in[0], 2, in[1], in[2], 1e-5), rand(2, 4, 3), rand(4), rand(4)));
    }
}
