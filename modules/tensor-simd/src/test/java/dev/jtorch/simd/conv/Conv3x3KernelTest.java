package dev.jtorch.simd.conv;

import dev.jtorch.DType;
import dev.jtorch.ops.Window2d;
import dev.jtorch.simd.kernels.Host;
import dev.jtorch.spi.Strided;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Winograd kernels (SIMD on, float32) against the direct sums (SIMD off, the reference): forward with and
 * without bias, input gradient and weight gradient, over channel counts below, at and past a vector, odd and even
 * output sizes, paddings 0..4 on either side (the input gradient then crops), batches that take several chunks, and
 * 1 or 3 threads. Each element must lie within 1e-5 of the sum of the absolute values of its terms, and 3 threads
 * must give the same bits as 1, and both gradients in one pass ({@link Conv3x3Kernels#backward}, where the Winograd
 * route takes both) the bits of the separate calls. Threads take whole chunks (12 images of 10x10) or, for one chunk, parts of each
 * step: one 79x81 image of 16 channels has 1640 tiles of 16 x 16 transformed floats, over 3 x
 * {@link dev.jtorch.simd.kernels.Parallel#GRAIN}, so that 3 threads each take tiles (the smaller cases stay on one).
 */
class Conv3x3KernelTest {
    // {n, c, o, h, w, padTop, padLeft, padBottom, padRight}
    private static final int[][] CASES = {
            {2, 16, 16, 13, 13, 0, 0, 0, 0}, {3, 17, 20, 9, 7, 1, 1, 1, 1}, {1, 32, 9, 5, 6, 2, 1, 2, 1},
            {4, 8, 8, 1, 1, 1, 1, 1, 1}, {5, 3, 5, 4, 5, 1, 0, 1, 0}, {2, 9, 10, 6, 7, 3, 4, 3, 4},
            {2, 1, 1, 3, 3, 0, 0, 0, 0}, {1, 24, 7, 8, 9, 0, 2, 1, 0}, {12, 64, 64, 10, 10, 1, 1, 1, 1},
            {3, 12, 33, 12, 4, 2, 2, 0, 1},
            {1, 16, 16, 79, 81, 1, 1, 1, 1}, // one chunk, its tile transforms and GEMMs in 3 parts
            // summed directly (Direct3x3: at most 4 channels in or out); rows of 2+ vectors and a part-vector
            {64, 1, 32, 28, 28, 0, 0, 0, 0}, // the CNN's first layer: 8 partial weight-gradient sums
            {9, 3, 8, 11, 37, 1, 1, 1, 1}, {3, 4, 5, 6, 16, 2, 0, 1, 3}, {2, 20, 2, 7, 9, 1, 2, 0, 1},
            {2, 1, 6, 5, 5, 3, 4, 3, 4}, // the input gradient's padding is negative (2 - 3, 2 - 4)
            {17, 2, 3, 16, 18, 0, 0, 0, 0}, // whole vectors only (ow 16)
    };

    @TestFactory
    Stream<DynamicTest> winogradMatchesTheDirectSums() {
        // 3 threads before 1: the per-thread buffers are reused, and after a 1-thread run of the same case the
        // caller's buffer would already hold the right transforms, hiding a tile a part failed to write
        return Stream.of(CASES).flatMap(k -> Stream.of(3, 1).map(threads -> DynamicTest.dynamicTest(
                java.util.Arrays.toString(k) + " on " + threads + " thread(s)", () -> check(k, threads))));
    }

    private static void check(int[] k, int threads) {
        int n = k[0], c = k[1], o = k[2], h = k[3], w = k[4];
        int oh = h + k[5] + k[7] - 2, ow = w + k[6] + k[8] - 2;
        Window2d win = new Window2d(3, 3, 1, 1, k[5], k[6], 1, 1, oh, ow);
        Random rnd = new Random(java.util.Arrays.hashCode(k));
        Strided x = random(rnd, n, c, h, w), wt = random(rnd, o, c, 3, 3), bias = random(rnd, o), dy = random(rnd, n, o, oh, ow);
        Strided ax = abs(x), awt = abs(wt), abias = abs(bias), ady = abs(dy);
        String what = java.util.Arrays.toString(k);

        for (boolean withBias : new boolean[]{false, true}) {
            Strided got = Host.allocate(DType.FLOAT32, new long[]{n, o, oh, ow}), want = Host.allocate(DType.FLOAT32, new long[]{n, o, oh, ow});
            Strided scale = Host.allocate(DType.FLOAT64, new long[]{n, o, oh, ow});
            Conv3x3Kernels.forward(x, wt, withBias ? bias : null, win, got, threads, true);
            Conv3x3Kernels.forward(x, wt, withBias ? bias : null, win, want, 1, false);
            Conv3x3Kernels.forward(f64(ax), f64(awt), withBias ? f64(abias) : null, win, scale, 1, false);
            compare("forward" + (withBias ? " with bias " : " ") + what, got, want, scale);
            if (threads > 1) {
                Strided one = Host.allocate(DType.FLOAT32, new long[]{n, o, oh, ow});
                Conv3x3Kernels.forward(x, wt, withBias ? bias : null, win, one, 1, true);
                sameBits("forward on 1 and " + threads + " threads " + what, one, got);
            }
        }

        Strided got = Host.allocate(DType.FLOAT32, new long[]{n, c, h, w}), want = Host.allocate(DType.FLOAT32, new long[]{n, c, h, w});
        Strided scale = Host.allocate(DType.FLOAT64, new long[]{n, c, h, w});
        Conv3x3Kernels.inputGrad(dy, wt, win, got, threads, true);
        Conv3x3Kernels.inputGrad(dy, wt, win, want, 1, false);
        Conv3x3Kernels.inputGrad(f64(ady), f64(awt), win, scale, 1, false);
        compare("input gradient " + what, got, want, scale);
        if (threads > 1) {
            Strided one = Host.allocate(DType.FLOAT32, new long[]{n, c, h, w});
            Conv3x3Kernels.inputGrad(dy, wt, win, one, 1, true);
            sameBits("input gradient on 1 and " + threads + " threads " + what, one, got);
        }

        Strided inputGrad = got;
        got = Host.allocate(DType.FLOAT32, new long[]{o, c, 3, 3});
        want = Host.allocate(DType.FLOAT32, new long[]{o, c, 3, 3});
        scale = Host.allocate(DType.FLOAT64, new long[]{o, c, 3, 3});
        Conv3x3Kernels.weightGrad(x, dy, win, got, threads, true);
        Conv3x3Kernels.weightGrad(x, dy, win, want, 1, false);
        Conv3x3Kernels.weightGrad(f64(ax), f64(ady), win, scale, 1, false);
        compare("weight gradient " + what, got, want, scale);
        if (threads > 1) {
            Strided one = Host.allocate(DType.FLOAT32, new long[]{o, c, 3, 3});
            Conv3x3Kernels.weightGrad(x, dy, win, one, 1, true);
            sameBits("weight gradient on 1 and " + threads + " threads " + what, one, got);
        }

        // both gradients in one pass where the Winograd route takes both: the bits of the separate calls
        boolean direct = c <= Direct3x3.MAX_CHANNELS || o <= Direct3x3.MAX_CHANNELS;
        assertEquals(!direct, Conv3x3Kernels.fusesBackward(x, dy, wt, win, true), "fused backward taken " + what);
        assertFalse(Conv3x3Kernels.fusesBackward(x, dy, wt, win, false), "fused backward with SIMD off " + what);
        assertFalse(Conv3x3Kernels.fusesBackward(x, strided(rnd, "broadcast", n, o, oh, ow), wt, win, true),
                "fused backward of a broadcast gradient " + what);
        if (!direct) {
            Strided dx = Host.allocate(DType.FLOAT32, new long[]{n, c, h, w}), dw = Host.allocate(DType.FLOAT32, new long[]{o, c, 3, 3});
            java.util.Arrays.fill((float[]) Host.array(dx), Float.NaN); // every element must be written
            java.util.Arrays.fill((float[]) Host.array(dw), Float.NaN);
            Conv3x3Kernels.backward(x, dy, wt, win, dx, dw, threads);
            sameBits("fused input gradient " + what, inputGrad, dx);
            sameBits("fused weight gradient " + what, got, dw);
        }
    }

    /**
     * The direct weight gradient reads whole vectors past the end of each row; the gradient is zero there, and so must
     * the input be: an infinite input in a column that a tap never reaches for a real output leaves that tap's
     * gradient finite and equal to the reference (0 times infinity would make it NaN).
     */
    @org.junit.jupiter.api.Test
    void anInfiniteInputBeyondATapsReachLeavesItsGradientFinite() {
        int n = 2, c = 1, o = 3, h = 9, w = 21, oh = h - 2, ow = w - 2;
        Window2d win = new Window2d(3, 3, 1, 1, 0, 0, 1, 1, oh, ow);
        Random rnd = new Random(7);
        Strided x = random(rnd, n, c, h, w), dy = random(rnd, n, o, oh, ow);
        float[] xa = (float[]) Host.array(x);
        for (int r = 0; r < h; r++) xa[r * w + w - 1] = Float.POSITIVE_INFINITY; // the last column: taps of column 2 only
        xa[h * w * c + 4 * w] = Float.NEGATIVE_INFINITY;                      // image 1, row 4, column 0: taps of column 0 only
        Strided got = Host.allocate(DType.FLOAT32, new long[]{o, c, 3, 3}), want = Host.allocate(DType.FLOAT32, new long[]{o, c, 3, 3});
        Conv3x3Kernels.weightGrad(x, dy, win, got, 1, true);
        Conv3x3Kernels.weightGrad(x, dy, win, want, 1, false);
        float[] g = (float[]) Host.array(got), e = (float[]) Host.array(want);
        for (int k = 0; k < g.length; k++) {
            int j = k % 3, at = k;
            if (j == 1) {
                assertTrue(Float.isFinite(g[k]) && Math.abs(g[k] - e[k]) <= 1e-4 * (1 + Math.abs(e[k])),
                        () -> "tap " + at + ": " + g[at] + ", expected " + e[at]);
            } else {
                assertTrue(!Float.isFinite(g[k]) && !Float.isFinite(e[k]), () -> "tap " + at + " reads an infinity: " + g[at] + ", reference " + e[at]);
            }
        }
    }

    /**
     * The weight gradient reads the output gradient with any strides (a broadcast one is the gradient of a sum: the
     * autograd formula passes it on uncopied where no input gradient needs it): a broadcast, a transposed and an offset
     * gradient give the same bits as their contiguous copies, summed directly (Direct3x3), by Winograd and by the
     * reference sums (SIMD off), which both read a contiguous copy.
     */
    @TestFactory
    Stream<DynamicTest> theWeightGradientReadsAnyGradientStrides() {
        int[][] cases = {CASES[11], CASES[12], CASES[16], CASES[0], CASES[4]}; // direct, direct, direct, Winograd, Winograd
        return Stream.of(cases).flatMap(k -> Stream.of("broadcast", "transposed", "offset").flatMap(layout -> Stream.of(true, false).map(
                simd -> DynamicTest.dynamicTest(layout + " gradient " + java.util.Arrays.toString(k) + (simd ? "" : ", SIMD off"), () -> {
                    int n = k[0], c = k[1], o = k[2], h = k[3], w = k[4];
                    int oh = h + k[5] + k[7] - 2, ow = w + k[6] + k[8] - 2;
                    Window2d win = new Window2d(3, 3, 1, 1, k[5], k[6], 1, 1, oh, ow);
                    Random rnd = new Random(java.util.Arrays.hashCode(k));
                    Strided x = random(rnd, n, c, h, w);
                    Strided view = strided(rnd, layout, n, o, oh, ow), dense = Host.allocate(DType.FLOAT32, view.shape());
                    float[] d = (float[]) Host.array(dense), src = (float[]) Host.array(view);
                    long[] st = view.stride();
                    for (int i = 0, e = 0; i < n; i++) for (int q = 0; q < o; q++) for (int y = 0; y < oh; y++) for (int z = 0; z < ow; z++) {
                        d[e++] = src[(int) (view.offset() + i * st[0] + q * st[1] + y * st[2] + z * st[3])];
                    }
                    Strided got = Host.allocate(DType.FLOAT32, new long[]{o, c, 3, 3}), want = Host.allocate(DType.FLOAT32, new long[]{o, c, 3, 3});
                    Conv3x3Kernels.weightGrad(x, view, win, got, 2, simd);
                    Conv3x3Kernels.weightGrad(x, dense, win, want, 2, simd);
                    sameBits(layout + " gradient", want, got);
                }))));
    }

    /** A [n, o, oh, ow] float32 gradient that is not contiguous: one value broadcast, its last two dims swapped, or at an offset. */
    private static Strided strided(Random rnd, String layout, int n, int o, int oh, int ow) {
        long[] shape = {n, o, oh, ow};
        return switch (layout) {
            case "broadcast" -> {
                Strided one = random(rnd, 1);
                yield new Strided(one.storage(), DType.FLOAT32, shape, new long[4], 0);
            }
            case "transposed" -> {
                Strided t = random(rnd, n, o, ow, oh);
                yield new Strided(t.storage(), DType.FLOAT32, shape, new long[]{(long) o * ow * oh, (long) ow * oh, 1, oh}, 0);
            }
            default -> {
                Strided t = random(rnd, (long) n * o * oh * ow + 7);
                yield new Strided(t.storage(), DType.FLOAT32, shape, Strided.contiguousStrides(shape), 7);
            }
        };
    }

    private static void sameBits(String what, Strided a, Strided b) {
        assertArrayEquals((float[]) Host.array(a), (float[]) Host.array(b), what);
    }

    private static void compare(String what, Strided got, Strided want, Strided scale) {
        float[] g = (float[]) Host.array(got), e = (float[]) Host.array(want);
        double[] s = (double[]) Host.array(scale);
        for (int i = 0; i < g.length; i++) {
            double tol = 1e-5 * (s[i] + 1e-3);
            int at = i;
            assertTrue(Math.abs(g[i] - e[i]) <= tol, () -> what + ": element " + at + " is " + g[at] + ", expected " + e[at]);
        }
    }

    private static Strided random(Random rnd, long... shape) {
        Strided s = Host.allocate(DType.FLOAT32, shape);
        float[] a = (float[]) Host.array(s);
        for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextGaussian();
        return s;
    }

    private static Strided abs(Strided s) {
        Strided r = Host.allocate(DType.FLOAT32, s.shape());
        float[] a = (float[]) Host.array(s), b = (float[]) Host.array(r);
        for (int i = 0; i < a.length; i++) b[i] = Math.abs(a[i]);
        return r;
    }

    private static Strided f64(Strided s) {
        Strided r = Host.allocate(DType.FLOAT64, s.shape());
        float[] a = (float[]) Host.array(s);
        double[] b = (double[]) Host.array(r);
        for (int i = 0; i < a.length; i++) b[i] = a[i];
        return r;
    }
}
