package dev.jtorch.simd.kernels;

import dev.jtorch.DType;
import dev.jtorch.ops.Window2d;
import dev.jtorch.spi.Strided;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * im2col and col2im, float32, with the vector runs (SIMD on) and element by element (SIMD off), against naive
 * loops: the same bits either way. Plane widths give output runs shorter than a vector, exactly one, 11 and 26
 * (the CNN's two convolutions); padding clips runs at both ends; stride 2 and dilation take the strided paths.
 */
class Im2colKernelTest {
    @TestFactory
    Stream<DynamicTest> vectorAndScalarRunsMatchTheNaiveLoops() {
        // {kernel, stride, pad, dilation}
        int[][] windows = {{3, 1, 0, 1}, {3, 1, 1, 1}, {2, 2, 0, 1}, {3, 1, 0, 2}, {1, 1, 0, 1}, {5, 1, 2, 1}};
        int[][] planes = {{6, 7}, {9, 10}, {13, 13}, {28, 28}, {5, 33}, {6, 18}, {6, 19}}; // rows of 8, 16, 17 floats too
        return Stream.of(windows).flatMap(k -> Stream.of(planes).flatMap(hw -> Stream.of(false, true).map(simd -> DynamicTest.dynamicTest(
                "kernel " + k[0] + " stride " + k[1] + " pad " + k[2] + " dilation " + k[3] + " on " + hw[0] + "x" + hw[1]
                        + (simd ? " simd" : " scalar"), () -> check(k, hw[0], hw[1], simd)))));
    }

    private static void check(int[] k, int h, int w, boolean simd) {
        int n = 3, c = 2, kk = k[0], st = k[1], pad = k[2], dil = k[3];
        int oh = (h + 2 * pad - dil * (kk - 1) - 1) / st + 1, ow = (w + 2 * pad - dil * (kk - 1) - 1) / st + 1;
        Window2d win = new Window2d(kk, kk, st, st, pad, pad, dil, dil, oh, ow);
        Random rnd = new Random(h * 131L + w * 17L + kk * 7L + st + pad + dil);
        Strided in = Host.allocate(DType.FLOAT32, new long[]{n, c, h, w});
        float[] x = (float[]) Host.array(in);
        for (int i = 0; i < x.length; i++) x[i] = (float) rnd.nextGaussian();
        int rows = c * kk * kk, cols = n * oh * ow;

        Strided out = Host.allocate(DType.FLOAT32, new long[]{rows, cols});
        ConvKernels.im2col(in, win, out, 1, simd);
        float[] got = (float[]) Host.array(out);
        Strided back = Host.allocate(DType.FLOAT32, new long[]{n, c, h, w});
        ConvKernels.col2im(out, win, back, 1, simd);
        float[] sums = (float[]) Host.array(back);

        float[] want = new float[n * c * h * w];
        for (int ch = 0; ch < c; ch++) {
            for (int ki = 0; ki < kk; ki++) {
                for (int kj = 0; kj < kk; kj++) {
                    int r = (ch * kk + ki) * kk + kj;
                    for (int b = 0; b < n; b++) {
                        for (int y = 0; y < oh; y++) {
                            for (int xo = 0; xo < ow; xo++) {
                                int ih = y * st - pad + ki * dil, iw = xo * st - pad + kj * dil;
                                boolean inside = ih >= 0 && ih < h && iw >= 0 && iw < w;
                                int src = ((b * c + ch) * h + ih) * w + iw;
                                float v = inside ? x[src] : 0f;
                                int at = r * cols + (b * oh + y) * ow + xo;
                                assertEquals(v, got[at], 0f, "im2col row " + r + " column " + (at - r * cols));
                                if (inside) want[src] += v;
                            }
                        }
                    }
                }
            }
        }
        // col2im adds each element's taps in (ki, kj) order, as the naive loop above does: the same bits
        for (int i = 0; i < want.length; i++) assertEquals(want[i], sums[i], 0f, "col2im element " + i);
    }
}
