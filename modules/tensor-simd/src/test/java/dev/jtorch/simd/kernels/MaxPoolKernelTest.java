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
 * Max pooling's loops (2x2 stride-2 windows eight at a time with the Vector API, or fewer with masks, 2x2 windows inside the plane
 * written out, the general one; SIMD on and off) against a naive
 * reference with PyTorch's rules: the last NaN of a window wins, else its first largest value; all -inf gives the
 * first tap inside the plane. Values are drawn from a small set so that ties, NaN and -inf are common.
 */
class MaxPoolKernelTest {
    private static final float[] VALUES = {0f, 1f, -1f, 2f, 2f, Float.NaN, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, 3.5f, -0f};

    @TestFactory
    Stream<DynamicTest> everyLoopKeepsTheRules() {
        // {kernel, stride, pad, dilation}
        int[][] windows = {{2, 2, 0, 1}, {2, 1, 0, 1}, {3, 2, 0, 1}, {3, 1, 1, 1}, {2, 2, 1, 1}, {3, 1, 0, 2}, {1, 1, 0, 1}};
        // {h, w}: rows of 2x2 stride-2 outputs shorter than the vector rows' 8 (masked: 1, 2, 3, 5 and 7 outputs; the
        // last plane's last row ends the array), exactly 8 (w even and odd), 13 (the CNN's 26x26 planes: one step of 8
        // and one overlapping it) and 20
        int[][] planeSizes = {{3, 2}, {2, 4}, {4, 6}, {9, 11}, {5, 15}, {5, 16}, {7, 17}, {6, 26}, {4, 40}};
        return Stream.of(windows).flatMap(k -> Stream.of(planeSizes).flatMap(hw -> Stream.of(false, true).map(simd -> DynamicTest.dynamicTest(
                "kernel " + k[0] + " stride " + k[1] + " pad " + k[2] + " dilation " + k[3] + " on " + hw[0] + "x" + hw[1]
                        + (simd ? " simd" : " scalar"), () -> {
            int planes = 5, h = hw[0], w = hw[1];
            int oh = (h + 2 * k[2] - k[3] * (k[0] - 1) - 1) / k[1] + 1, ow = (w + 2 * k[2] - k[3] * (k[0] - 1) - 1) / k[1] + 1;
            Window2d win = new Window2d(k[0], k[0], k[1], k[1], k[2], k[2], k[3], k[3], oh, ow);
            Random rnd = new Random(k[0] * 31L + k[1] * 7L + k[2] + k[3]);
            for (int round = 0; round < 20; round++) {
                Strided in = Host.allocate(DType.FLOAT32, new long[]{planes, h, w});
                float[] x = (float[]) Host.array(in);
                for (int i = 0; i < x.length; i++) x[i] = VALUES[rnd.nextInt(VALUES.length)];
                Strided values = Host.allocate(DType.FLOAT32, new long[]{planes, oh, ow}), indices = Host.allocate(DType.INT64, new long[]{planes, oh, ow});
                ConvKernels.maxPool2d(in, win, values, indices, 1, simd);
                float[] v = (float[]) Host.array(values);
                long[] ix = (long[]) Host.array(indices);
                for (int p = 0; p < planes; p++) {
                    for (int y = 0; y < oh; y++) {
                        for (int xo = 0; xo < ow; xo++) {
                            int first = -1, best = -1;
                            float max = Float.NEGATIVE_INFINITY;
                            for (int ki = 0; ki < k[0]; ki++) {
                                for (int kj = 0; kj < k[0]; kj++) {
                                    int ih = y * k[1] - k[2] + ki * k[3], iw = xo * k[1] - k[2] + kj * k[3];
                                    if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
                                    float t = x[p * h * w + ih * w + iw];
                                    if (first < 0) first = ih * w + iw;
                                    if (Float.isNaN(t) || t > max) { max = t; best = ih * w + iw; }
                                }
                            }
                            if (best < 0) best = first;
                            int o = (p * oh + y) * ow + xo;
                            String at = "plane " + p + " output (" + y + ", " + xo + ") round " + round;
                            assertEquals(max, v[o], 0f, at);
                            assertEquals(best, ix[o], at);
                        }
                    }
                }
            }
        }))));
    }

    /**
     * The backward kernel against zeros plus a scatter-add in output order: the same sums in the same order, so the
     * same bits, for windows that overlap (winners shared) and that do not, 1 and 3 threads, float32 and float64.
     * 7 planes of 240x250: the output alone holds over 3 x {@link Parallel#GRAIN} elements, so that 3 threads each
     * take planes (7 planes of 11x13 stayed on one thread).
     */
    @TestFactory
    Stream<DynamicTest> backwardSumsEachGradientAtItsWinner() {
        int[][] windows = {{2, 2, 0, 1}, {3, 1, 1, 1}, {3, 2, 0, 1}};
        return Stream.of(windows).flatMap(k -> Stream.of(DType.FLOAT32, DType.FLOAT64).flatMap(dt -> Stream.of(1, 3).map(threads ->
                DynamicTest.dynamicTest("kernel " + k[0] + " stride " + k[1] + " pad " + k[2] + " " + dt.pyName() + " threads " + threads, () -> {
            int planes = 7, h = 240, w = 250; // planes split 2/2/3 over 3 threads
            int oh = (h + 2 * k[2] - k[3] * (k[0] - 1) - 1) / k[1] + 1, ow = (w + 2 * k[2] - k[3] * (k[0] - 1) - 1) / k[1] + 1;
            Window2d win = new Window2d(k[0], k[0], k[1], k[1], k[2], k[2], k[3], k[3], oh, ow);
            Random rnd = new Random(k[0] * 13L + k[1] + threads);
            Strided in = Host.allocate(DType.FLOAT32, new long[]{planes, h, w});
            float[] x = (float[]) Host.array(in);
            for (int i = 0; i < x.length; i++) x[i] = VALUES[rnd.nextInt(VALUES.length)];
            Strided values = Host.allocate(DType.FLOAT32, new long[]{planes, oh, ow}), indices = Host.allocate(DType.INT64, new long[]{planes, oh, ow});
            ConvKernels.maxPool2d(in, win, values, indices, 1, true);
            Strided grad = Host.allocate(dt, new long[]{planes, oh, ow}), out = Host.allocate(dt, new long[]{planes, h, w});
            double[] g = new double[planes * oh * ow];
            for (int i = 0; i < g.length; i++) g[i] = rnd.nextGaussian();
            for (int i = 0; i < g.length; i++) {
                if (dt == DType.FLOAT32) ((float[]) Host.array(grad))[i] = (float) g[i]; else ((double[]) Host.array(grad))[i] = g[i];
            }
            // NaN in the output before the call: the kernel must write every element
            if (dt == DType.FLOAT32) java.util.Arrays.fill((float[]) Host.array(out), Float.NaN); else java.util.Arrays.fill((double[]) Host.array(out), Double.NaN);
            ConvKernels.maxPool2dBackward(grad, indices, out, threads);
            long[] ix = (long[]) Host.array(indices);
            float[] wantF = new float[planes * h * w];
            double[] wantD = new double[planes * h * w];
            for (int p = 0; p < planes; p++) {
                for (int o = 0; o < oh * ow; o++) {
                    int at = p * h * w + (int) ix[p * oh * ow + o];
                    wantF[at] += (float) g[p * oh * ow + o];
                    wantD[at] += g[p * oh * ow + o];
                }
            }
            for (int i = 0; i < wantD.length; i++) {
                if (dt == DType.FLOAT32) assertEquals(wantF[i], ((float[]) Host.array(out))[i], 0f, "element " + i);
                else assertEquals(wantD[i], ((double[]) Host.array(out))[i], 0d, "element " + i);
            }
        }))));
    }

    @org.junit.jupiter.api.Test
    void backwardRejectsAnIndexOutsideThePlane() {
        Strided grad = Host.allocate(DType.FLOAT32, new long[]{2, 2, 2}), out = Host.allocate(DType.FLOAT32, new long[]{2, 4, 4});
        Strided indices = Host.allocate(DType.INT64, new long[]{2, 2, 2});
        long[] ix = (long[]) Host.array(indices);
        ix[5] = 16;
        IndexOutOfBoundsException e = org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
                () -> ConvKernels.maxPool2dBackward(grad, indices, out, 1));
        assertEquals("max_pool2d backward: index 16 is out of bounds for a plane of 16 elements", e.getMessage());
        ix[5] = -1;
        e = org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class, () -> ConvKernels.maxPool2dBackward(grad, indices, out, 1));
        assertEquals("max_pool2d backward: index -1 is out of bounds for a plane of 16 elements", e.getMessage());
    }
}
