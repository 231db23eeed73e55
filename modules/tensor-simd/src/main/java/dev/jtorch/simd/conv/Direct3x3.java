package dev.jtorch.simd.conv;

import dev.jtorch.simd.kernels.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 3x3 stride-1 convolutions summed directly, with output columns as the vector lanes, for the shapes that
 * leave Winograd's GEMMs almost no depth or width: a network's first layer, whose input has 1 or 3 channels (its
 * GEMMs would be [tiles x 1] @ [1 x O]), and the input gradient of such a layer (O channels down to 1 or 3). Each
 * image is first copied into a zero-padded buffer of one thread, so that every tap is an unconditional load.
 * conv 1->32 on 28x28, batch 64, 1 thread (2026-11-23, AVX-512): forward 2.9 ms through im2col and a GEMM, 1.3 ms
 * here; the weight gradient 0.75 ms; the CNN's training step 22-24 -> 19.5-20 ms on 1 thread, ~20 -> 14-15 on 2.
 * <p>Kept for C1: a method whose vector code C1 cannot compile ("out of virtual registers", with masked loads in a
 * loop) runs in the interpreter until C2 takes it, and its C2 code then varied from run to run (0.9 to 3.6 ms for
 * the same weight gradient), so the loops here are plain, without masks, where they can be.
 */
final class Direct3x3 {
    private Direct3x3() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Convolutions whose input or output has at most this many channels are summed directly. */
    static final int MAX_CHANNELS = 4;

    /** Whether {@link Conv3x3Kernels} sums the convolution of this geometry directly rather than by Winograd. */
    static boolean suits(Winograd3x3.Geometry g) {
        return g.c() <= MAX_CHANNELS || g.o() <= MAX_CHANNELS;
    }

    /** Columns of a padded image row: whole vectors of outputs, plus the two taps right of the last one. */
    private static int paddedWidth(Winograd3x3.Geometry g) {
        return (g.ow() + L - 1) / L * L + 2;
    }

    /** Floats of a padded image: its planes, plus the two a tap reads past the last one's end (see {@link #weightGrad}). */
    private static int paddedImage(Winograd3x3.Geometry g) {
        return g.c() * (g.oh() + 2) * paddedWidth(g) + L + 2;
    }

    /**
     * Image i of x (at xb, [n,c,h,w]) into pad [c, oh+2, paddedWidth], zero around it: padded row py holds input row
     * py - padH, padded column px input column px - padW. Only padded columns in [lo, hi) are copied, the rest are zero.
     */
    private static void padImage(Winograd3x3.Geometry g, float[] x, int xb, int i, float[] pad, int lo, int hi) {
        int hp = g.oh() + 2, wp = paddedWidth(g), plane = hp * wp;
        java.util.Arrays.fill(pad, 0f);
        int c0 = Math.max(Math.max(0, -g.padW()), lo - g.padW()), c1 = Math.min(Math.min(g.w(), wp - g.padW()), hi - g.padW());
        if (c1 <= c0) return;
        for (int c = 0; c < g.c(); c++) {
            int src = xb + (i * g.c() + c) * g.h() * g.w();
            for (int r = Math.max(0, -g.padH()); r < g.h() && r + g.padH() < hp; r++) {
                System.arraycopy(x, src + r * g.w() + c0, pad, c * plane + (r + g.padH()) * wp + c0 + g.padW(), c1 - c0);
            }
        }
    }

    /**
     * The filters as [o, c, 9] taps; with {@code flipped} read from wt [c, o, 3, 3] turned by 180 degrees (the input
     * gradient's filters, as in {@link Winograd3x3#forward}).
     */
    private static float[] taps(Winograd3x3.Geometry g, float[] wt, int wb, boolean flipped) {
        float[] t = new float[g.o() * g.c() * 9];
        for (int o = 0; o < g.o(); o++) {
            for (int c = 0; c < g.c(); c++) {
                for (int k = 0; k < 9; k++) {
                    t[(o * g.c() + c) * 9 + k] = flipped ? wt[wb + (c * g.o() + o) * 9 + 8 - k] : wt[wb + (o * g.c() + c) * 9 + k];
                }
            }
        }
        return t;
    }

    // ---------------------------------------------------------------- forward

    /** out [n,o,oh,ow] at ob = conv(x [n,c,h,w] at xb, the filters) + bias [o] at bb (or none); images split among threads. */
    static void forward(Winograd3x3.Geometry g, float[] x, int xb, float[] wt, int wb, boolean flipped, float[] bias, int bb,
                        float[] out, int ob, int threads) {
        float[] taps = taps(g, wt, wb, flipped);
        float[] b = new float[g.o()];
        if (bias != null) System.arraycopy(bias, bb, b, 0, g.o());
        int parts = Parallel.parts((long) g.n() * g.o() * g.oh() * g.ow() * g.c() * 9, threads);
        int images = Math.max(1, Math.min(parts, g.n()));
        Parallel.run(images, p -> {
            float[] pad = new float[paddedImage(g)];
            for (int i = g.n() * p / images; i < g.n() * (p + 1) / images; i++) {
                padImage(g, x, xb, i, pad, 0, paddedWidth(g));
                forwardImage(g, pad, taps, b, out, ob + i * g.o() * g.oh() * g.ow());
            }
        });
    }

    /**
     * One image: for each vector of output columns, channel by channel, the channel's nine shifted input vectors are
     * loaded once and serve every output channel (the first channel starts from the bias, later ones add to what the
     * earlier ones stored, still in L1).
     */
    private static void forwardImage(Winograd3x3.Geometry g, float[] pad, float[] taps, float[] b, float[] out, int ob) {
        int wp = paddedWidth(g), plane = (g.oh() + 2) * wp, ohw = g.oh() * g.ow(), cs = g.c(), os = g.o();
        for (int y = 0; y < g.oh(); y++) {
            for (int col = 0; col < g.ow(); col += L) {
                VectorMask<Float> m = S.indexInRange(col, g.ow());
                int at = ob + y * g.ow() + col;
                for (int c = 0; c < cs; c++) {
                    int r0 = c * plane + y * wp + col, r1 = r0 + wp, r2 = r1 + wp;
                    FloatVector x0 = FloatVector.fromArray(S, pad, r0), x1 = FloatVector.fromArray(S, pad, r0 + 1);
                    FloatVector x2 = FloatVector.fromArray(S, pad, r0 + 2), x3 = FloatVector.fromArray(S, pad, r1);
                    FloatVector x4 = FloatVector.fromArray(S, pad, r1 + 1), x5 = FloatVector.fromArray(S, pad, r1 + 2);
                    FloatVector x6 = FloatVector.fromArray(S, pad, r2), x7 = FloatVector.fromArray(S, pad, r2 + 1);
                    FloatVector x8 = FloatVector.fromArray(S, pad, r2 + 2);
                    for (int o = 0; o < os; o++) {
                        int k = (o * cs + c) * 9, to = at + o * ohw;
                        FloatVector acc = c == 0 ? FloatVector.broadcast(S, b[o]) : FloatVector.fromArray(S, out, to, m);
                        acc = x0.fma(FloatVector.broadcast(S, taps[k]), acc);
                        acc = x1.fma(FloatVector.broadcast(S, taps[k + 1]), acc);
                        acc = x2.fma(FloatVector.broadcast(S, taps[k + 2]), acc);
                        acc = x3.fma(FloatVector.broadcast(S, taps[k + 3]), acc);
                        acc = x4.fma(FloatVector.broadcast(S, taps[k + 4]), acc);
                        acc = x5.fma(FloatVector.broadcast(S, taps[k + 5]), acc);
                        acc = x6.fma(FloatVector.broadcast(S, taps[k + 6]), acc);
                        acc = x7.fma(FloatVector.broadcast(S, taps[k + 7]), acc);
                        acc = x8.fma(FloatVector.broadcast(S, taps[k + 8]), acc);
                        acc.intoArray(out, to, m);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- weight gradient

    /**
     * Images per partial sum of the weight gradient: fixed by the batch, not by the thread count, and the partial sums
     * added in order, so that any number of threads gives the same bits.
     */
    private static int imagesPerPartial(int n) {
        return Math.max(8, (n + 63) / 64);
    }

    /**
     * out [o,c,3,3] at ob = the sum over images and output positions of grad [n,o,oh,ow] (at gb, strides gsn, gso, gsy,
     * gsx: any, a broadcast one included) times the input tap it multiplied. Per image, the gradient planes are laid out
     * with the padded image's row length (zero past column ow) and three copies of the padded image keep, for the taps
     * of column j, only the columns [j, ow + j) that those taps read for real outputs. Then each tap's sum is one dot product along the flattened plane, in whole vectors
     * without masks: where the gradient is a zero of the layout, the input is a zero too (never 0 times an input
     * beyond the tap's reach, which may be infinite); the last part-vector of a plane is added one by one.
     */
    static void weightGrad(Winograd3x3.Geometry g, float[] x, int xb, float[] grad, int gb, int gsn, int gso, int gsy, int gsx,
                           float[] out, int ob, int threads) {
        int per = imagesPerPartial(g.n()), partials = (g.n() + per - 1) / per, taps = g.o() * g.c() * 9;
        double[][] sums = new double[partials][]; // each partial's tap sums, its lanes added
        int parts = Math.max(1, Math.min(partials, Parallel.parts((long) g.n() * g.o() * g.oh() * g.ow() * g.c() * 9, threads)));
        int wp = paddedWidth(g);
        Parallel.run(parts, p -> {
            float[][] cols = {new float[paddedImage(g)], new float[paddedImage(g)], new float[paddedImage(g)]};
            float[] dy = new float[g.oh() * wp], acc = new float[taps * L];
            for (int q = partials * p / parts; q < partials * (p + 1) / parts; q++) {
                java.util.Arrays.fill(acc, 0f);
                for (int i = q * per; i < Math.min(g.n(), (q + 1) * per); i++) {
                    for (int j = 0; j < 3; j++) padImage(g, x, xb, i, cols[j], j, g.ow() + j);
                    for (int o = 0; o < g.o(); o++) {
                        gradPlane(g, grad, gb + i * gsn + o * gso, gsy, gsx, dy, wp);
                        for (int c = 0; c < g.c(); c++) weightGradPlane(dy, cols, c * (g.oh() + 2) * wp, wp, acc, (o * g.c() + c) * 9 * L);
                    }
                }
                double[] sum = new double[taps];
                for (int k = 0; k < taps; k++) {
                    for (int l = 0; l < L; l++) sum[k] += acc[k * L + l];
                }
                sums[q] = sum;
            }
        });
        for (int k = 0; k < taps; k++) {
            double s = 0;
            for (double[] sum : sums) s += sum[k];
            out[ob + k] = (float) s;
        }
    }

    /** One image's and output channel's gradient plane (from {@code go}, strides gsy and gsx) into the first ow of each wp floats of dy. */
    private static void gradPlane(Winograd3x3.Geometry g, float[] grad, int go, int gsy, int gsx, float[] dy, int wp) {
        int ow = g.ow();
        for (int y = 0; y < g.oh(); y++) {
            int s = go + y * gsy, d = y * wp;
            if (gsx == 1) System.arraycopy(grad, s, dy, d, ow);
            else if (gsx == 0) java.util.Arrays.fill(dy, d, d + ow, grad[s]); // a broadcast gradient (of a sum, say)
            else for (int j = 0; j < ow; j++) dy[d + j] = grad[s + j * gsx];
        }
    }

    /**
     * acc[a + t*L ..] += the gradient plane dy (oh rows of wp) times tap t's input: cols[j] from pc, shifted by i rows
     * and j columns (t = 3i + j), nine vector accumulators along the plane.
     */
    private static void weightGradPlane(float[] dy, float[][] cols, int pc, int wp, float[] acc, int a) {
        float[] c0 = cols[0], c1 = cols[1], c2 = cols[2];
        FloatVector a0 = FloatVector.fromArray(S, acc, a), a1 = FloatVector.fromArray(S, acc, a + L);
        FloatVector a2 = FloatVector.fromArray(S, acc, a + 2 * L), a3 = FloatVector.fromArray(S, acc, a + 3 * L);
        FloatVector a4 = FloatVector.fromArray(S, acc, a + 4 * L), a5 = FloatVector.fromArray(S, acc, a + 5 * L);
        FloatVector a6 = FloatVector.fromArray(S, acc, a + 6 * L), a7 = FloatVector.fromArray(S, acc, a + 7 * L);
        FloatVector a8 = FloatVector.fromArray(S, acc, a + 8 * L);
        int n = dy.length, full = n / L * L, w2 = 2 * wp;
        for (int p = 0; p < full; p += L) {
            FloatVector d = FloatVector.fromArray(S, dy, p);
            int r = pc + p;
            a0 = d.fma(FloatVector.fromArray(S, c0, r), a0);
            a1 = d.fma(FloatVector.fromArray(S, c1, r + 1), a1);
            a2 = d.fma(FloatVector.fromArray(S, c2, r + 2), a2);
            a3 = d.fma(FloatVector.fromArray(S, c0, r + wp), a3);
            a4 = d.fma(FloatVector.fromArray(S, c1, r + wp + 1), a4);
            a5 = d.fma(FloatVector.fromArray(S, c2, r + wp + 2), a5);
            a6 = d.fma(FloatVector.fromArray(S, c0, r + w2), a6);
            a7 = d.fma(FloatVector.fromArray(S, c1, r + w2 + 1), a7);
            a8 = d.fma(FloatVector.fromArray(S, c2, r + w2 + 2), a8);
        }
        a0.intoArray(acc, a);
        a1.intoArray(acc, a + L);
        a2.intoArray(acc, a + 2 * L);
        a3.intoArray(acc, a + 3 * L);
        a4.intoArray(acc, a + 4 * L);
        a5.intoArray(acc, a + 5 * L);
        a6.intoArray(acc, a + 6 * L);
        a7.intoArray(acc, a + 7 * L);
        a8.intoArray(acc, a + 8 * L);
        for (int p = full; p < n; p++) {
            float d = dy[p];
            int r = pc + p;
            for (int i = 0; i < 3; i++) {
                acc[a + (3 * i) * L] += d * c0[r + i * wp];
                acc[a + (3 * i + 1) * L] += d * c1[r + i * wp + 1];
                acc[a + (3 * i + 2) * L] += d * c2[r + i * wp + 2];
            }
        }
    }
}
