package dev.jtorch.nn;

import dev.jtorch.DType;
import dev.jtorch.GradMode;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.F;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Without a graph, conv2d convolves a big batch a few images at a time (so its im2col columns stay
 * bounded); the images on either side of a chunk border, and the short last chunk, must come out as
 * a direct convolution computes them, and as the one-pass path that a graph takes.
 */
class ConvChunkTest {
    // 300 images whose columns take 4*9*32*32 = 36,864 elements each: chunks of 113, 113 and 74 images.
    private static final int N = 300, C = 4, H = 32, W = 32, O = 6, K = 3, GROUPS = 2, PAD = 1, STRIDE = 1;

    @Test
    void chunkedEvaluationEqualsDirectConvolutionAndTheGraphPath() {
        Torch.manualSeed(11);
        Tensor x = Torch.randn(N, C, H, W);
        Tensor w = Torch.randn(O, C / GROUPS, K, K);
        Tensor b = Torch.randn(O);
        int[] stride = {STRIDE}, padding = {PAD}, dilation = {1};

        Tensor chunked;
        try (var ignored = GradMode.noGrad()) {
            chunked = F.conv2d(x, w, b, stride, padding, dilation, GROUPS);
        }
        Tensor wg = w.clone().requiresGrad_();
        Tensor onePass = F.conv2d(x, wg, b, stride, padding, dilation, GROUPS);
        assertTrue(onePass.requiresGrad(), "a weight that requires grad takes the one-pass path");
        assertEquals(onePass.shape(), chunked.shape());
        assertEquals(DType.FLOAT32, chunked.dtype());

        float[] got = chunked.toFloatArray();
        float[] graph = onePass.detach().toFloatArray();
        double[] want = direct(x.toFloatArray(), w.toFloatArray(), b.toFloatArray());
        int oh = H + 2 * PAD - K + 1, ow = W + 2 * PAD - K + 1;
        assertEquals(new dev.jtorch.Size(N, O, oh, ow), chunked.shape());
        for (int i = 0; i < want.length; i++) {
            double tol = 1e-4 * (1 + Math.abs(want[i]));
            if (Math.abs(got[i] - want[i]) > tol || Math.abs(graph[i] - want[i]) > tol) {
                throw new AssertionError("element " + i + " (image " + i / (O * oh * ow) + "): chunked " + got[i]
                        + ", one pass " + graph[i] + ", direct " + want[i]);
            }
        }
    }

    /** The textbook convolution in double: every output is its bias plus the window's products. */
    private static double[] direct(float[] x, float[] w, float[] b) {
        int oh = H + 2 * PAD - K + 1, ow = W + 2 * PAD - K + 1, cg = C / GROUPS, og = O / GROUPS;
        double[] out = new double[N * O * oh * ow];
        for (int n = 0; n < N; n++) {
            for (int o = 0; o < O; o++) {
                int g = o / og;
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double s = b[o];
                        for (int ci = 0; ci < cg; ci++) {
                            int c = g * cg + ci;
                            for (int ki = 0; ki < K; ki++) {
                                int y = i * STRIDE - PAD + ki;
                                if (y < 0 || y >= H) continue;
                                for (int kj = 0; kj < K; kj++) {
                                    int xx = j * STRIDE - PAD + kj;
                                    if (xx < 0 || xx >= W) continue;
                                    s += (double) w[((o * cg + ci) * K + ki) * K + kj] * x[((n * C + c) * H + y) * W + xx];
                                }
                            }
                        }
                        out[((n * O + o) * oh + i) * ow + j] = s;
                    }
                }
            }
        }
        return out;
    }
}
