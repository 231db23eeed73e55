package dev.jtorch.nn;

import dev.jtorch.Convolution;
import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.autograd.Autograd;
import dev.jtorch.nn.functional.F;
import dev.jtorch.ops.Window2d;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * conv2d on the CPU in float32 with a 3x3 kernel, stride 1 and one group, with 16+ channels on both sides (Winograd
 * in the CPU backend) or at most 4 input channels (summed directly), goes through the conv3x3 primitive; float64
 * takes im2col and a GEMM. Both routes must give the same outputs, gradients and second derivatives (create_graph),
 * and the other shapes must keep the im2col route.
 */
class Conv3x3RouteTest {
    @Test
    void winogradRouteMatchesTheIm2colRoute() {
        Torch.manualSeed(11);
        // {input channels, output channels}: Winograd, then a grey and an RGB first layer (direct sums)
        for (int[] io : new int[][]{{16, 24}, {1, 32}, {3, 8}}) for (int[] pad : new int[][]{{1, 1}, {0, 2}, {2, 0}}) {
            Tensor x = Torch.randn(3, io[0], 9, io[0] == 16 ? 7 : 19), w = Torch.randn(io[1], io[0], 3, 3).mul(0.2), b = Torch.randn(io[1]);
            Tensor[] f32 = run(x, w, b, pad), f64 = run(x.to(DType.FLOAT64), w.to(DType.FLOAT64), b.to(DType.FLOAT64), pad);
            String[] names = {"output", "input gradient", "weight gradient", "bias gradient", "second-order weight gradient"};
            for (int i = 0; i < names.length; i++) {
                Tensor got = f32[i], want = f64[i].to(DType.FLOAT32);
                assertTrue(got.allclose(want, 1e-4, 1e-4), names[i] + " of " + io[0] + "->" + io[1] + " channels with padding " + pad[0] + "," + pad[1] + ": max abs diff "
                        + got.sub(want).abs().max().item());
            }
        }
    }

    /** Output, then (after backward with a fixed seed gradient) x.grad, w.grad, b.grad, then d/dw of |dL/dx|^2. */
    private static Tensor[] run(Tensor x0, Tensor w0, Tensor b0, int[] pad) {
        Tensor x = x0.detach().requiresGrad_(), w = w0.detach().requiresGrad_(), b = b0.detach().requiresGrad_();
        Tensor y = F.conv2d(x, w, b, new int[]{1}, pad, new int[]{1}, 1);
        if (x.dtype() == DType.FLOAT32) assertEquals("ConvolutionBackward0", y.gradFn().name());
        Torch.manualSeed(12);
        Tensor gy = Torch.randn(y.size().toArray()).to(y.dtype());
        List<Tensor> g = Autograd.grad(List.of(y), List.of(x, w, b), List.of(gy), true);
        Tensor second = Autograd.grad(List.of(g.get(0).pow(2.0).sum()), List.of(w), null, false).get(0);
        return new Tensor[]{y.detach(), g.get(0).detach(), g.get(1).detach(), g.get(2).detach(), second};
    }

    /**
     * Both gradients from one call (the CPU backend's fused Winograd pass for 16+ channels, the two separate calls
     * otherwise) equal the separate calls bit for bit and carry the same autograd records.
     */
    @Test
    void bothGradientsInOneCallEqualTheSeparateCalls() {
        Torch.manualSeed(13);
        Window2d win = new Window2d(3, 3, 1, 1, 1, 0, 1, 1, 9, 5);
        for (int[] io : new int[][]{{16, 24}, {3, 8}}) {
            Tensor x = Torch.randn(5, io[0], 9, 7).requiresGrad_(), w = Torch.randn(io[1], io[0], 3, 3).requiresGrad_();
            Tensor gy = Torch.randn(5, io[1], 9, 5).requiresGrad_();
            Tensor[] both = Convolution.conv3x3Backward(x, gy, w, win, 9, 7);
            Tensor gx = Convolution.conv3x3InputGrad(gy, w, win, 9, 7), gw = Convolution.conv3x3WeightGrad(x, gy, win);
            assertTrue(both[0].equal(gx), "input gradient of " + io[0] + "->" + io[1]);
            assertTrue(both[1].equal(gw), "weight gradient of " + io[0] + "->" + io[1]);
            assertEquals(gx.gradFn().name(), both[0].gradFn().name());
            assertEquals(gw.gradFn().name(), both[1].gradFn().name());
            Tensor probe = Torch.randn(5, io[0], 9, 7), probeW = Torch.randn(io[1], io[0], 3, 3);
            List<Tensor> fused = Autograd.grad(List.of(both[0].mul(probe).sum().add(both[1].mul(probeW).sum())), List.of(x, w, gy), null, false);
            List<Tensor> apart = Autograd.grad(List.of(gx.mul(probe).sum().add(gw.mul(probeW).sum())), List.of(x, w, gy), null, false);
            for (int i = 0; i < 3; i++) assertTrue(fused.get(i).equal(apart.get(i)), "second-order gradient " + i + " of " + io[0] + "->" + io[1]);
        }
    }

    @Test
    void otherShapesKeepTheIm2colRoute() {
        Tensor x = Torch.randn(2, 16, 8, 8).requiresGrad_();
        assertNotEquals("ConvolutionBackward0", F.conv2d(x, Torch.randn(16, 16, 3, 3), null, new int[]{2}, new int[]{1}, new int[]{1}, 1).gradFn().name());
        assertNotEquals("ConvolutionBackward0", F.conv2d(x, Torch.randn(16, 8, 3, 3), null, new int[]{1}, new int[]{1}, new int[]{1}, 2).gradFn().name());
        assertNotEquals("ConvolutionBackward0", F.conv2d(x, Torch.randn(8, 16, 3, 3), null, new int[]{1}, new int[]{1}, new int[]{1}, 1).gradFn().name());
        assertNotEquals("ConvolutionBackward0", F.conv2d(x, Torch.randn(16, 16, 5, 5), null, new int[]{1}, new int[]{2}, new int[]{1}, 1).gradFn().name());
        assertNotEquals("ConvolutionBackward0", F.conv2d(x, Torch.randn(16, 16, 3, 3), null, new int[]{1}, new int[]{2}, new int[]{2}, 1).gradFn().name());
        Tensor five = Torch.randn(2, 5, 8, 8).requiresGrad_();
        assertNotEquals("ConvolutionBackward0", F.conv2d(five, Torch.randn(32, 5, 3, 3), null, new int[]{1}, new int[]{1}, new int[]{1}, 1).gradFn().name());
    }
}
