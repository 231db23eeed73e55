package dev.jtorch.simd.conv;

import dev.jtorch.DType;
import dev.jtorch.ops.Window2d;
import dev.jtorch.simd.kernels.CopyKernels;
import dev.jtorch.simd.kernels.Host;
import dev.jtorch.spi.Strided;

/**
 * 3x3 stride-1 convolutions and their weight gradient on contiguous float32/float64 operands: float32 with SIMD on
 * through {@link Direct3x3} where the input or output has at most {@link Direct3x3#MAX_CHANNELS} channels and
 * through {@link Winograd3x3} otherwise, everything else through the direct sums here (the scalar reference,
 * accumulated in double; also where one image's buffers would not fit a Java array). Taps outside the input read zero; the
 * window gives the padding before the first row and column and the output size.
 */
public final class Conv3x3Kernels {
    private Conv3x3Kernels() {}

    /** out [N,O,oh,ow] = x [N,C,H,W] correlated with w [O,C,3,3], plus bias [O] when not null. */
    public static void forward(Strided x, Strided w, Strided bias, Window2d win, Strided out, int threads, boolean simd) {
        Winograd3x3.Geometry g = geometry(x, (int) w.shape()[0], win);
        if (simd && x.dtype() == DType.FLOAT32 && g.n() > 0 && g.c() > 0 && g.o() > 0 && Direct3x3.suits(g) && g.fits()) {
            Direct3x3.forward(g, (float[]) Host.array(x), Host.base(x), (float[]) Host.array(w), Host.base(w), false,
                    bias == null ? null : (float[]) Host.array(bias), bias == null ? 0 : Host.base(bias),
                    (float[]) Host.array(out), Host.base(out), threads);
            return;
        }
        if (simd && x.dtype() == DType.FLOAT32 && g.n() > 0 && g.c() > 0 && g.o() > 0 && g.fits()) {
            Winograd3x3.forward(g, (float[]) Host.array(x), Host.base(x), (float[]) Host.array(w), Host.base(w),
                    bias == null ? null : (float[]) Host.array(bias), bias == null ? 0 : Host.base(bias),
                    (float[]) Host.array(out), Host.base(out), threads);
            return;
        }
        Object xa = Host.array(x), wa = Host.array(w), ba = bias == null ? null : Host.array(bias), oa = Host.array(out);
        int xb = Host.base(x), wb = Host.base(w), bb = bias == null ? 0 : Host.base(bias), ob = Host.base(out);
        int hw = g.h() * g.w();
        for (int n = 0; n < g.n(); n++) {
            for (int o = 0; o < g.o(); o++) {
                for (int y = 0; y < g.oh(); y++) {
                    for (int xo = 0; xo < g.ow(); xo++) {
                        double s = ba == null ? 0 : Host.floating(ba, bb + o);
                        for (int c = 0; c < g.c(); c++) {
                            for (int i = 0; i < 3; i++) {
                                int r = y + i - g.padH();
                                if (r < 0 || r >= g.h()) continue;
                                for (int j = 0; j < 3; j++) {
                                    int col = xo + j - g.padW();
                                    if (col < 0 || col >= g.w()) continue;
                                    s += Host.floating(wa, wb + ((o * g.c() + c) * 3 + i) * 3 + j) * Host.floating(xa, xb + (n * g.c() + c) * hw + r * g.w() + col);
                                }
                            }
                        }
                        Host.setFloating(oa, ob + ((n * g.o() + o) * g.oh() + y) * g.ow() + xo, s);
                    }
                }
            }
        }
    }

    /**
     * out [N,C,H,W] = the input gradient for grad [N,O,oh,ow] and w [O,C,3,3]: each output gradient times each
     * weight, summed at the input tap it multiplied: the convolution of grad, padded by 2 - p, with the filters
     * turned by 180 degrees and their channels swapped ({@link Direct3x3}'s way), or by Winograd the forward's steps
     * run backwards.
     */
    public static void inputGrad(Strided grad, Strided w, Window2d win, Strided out, int threads, boolean simd) {
        long[] s = out.shape();
        int n = (int) s[0], c = (int) s[1], h = (int) s[2], wd = (int) s[3], o = (int) w.shape()[0];
        if (out.dtype() != DType.FLOAT32 && out.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException("conv3x3: unsupported compute dtype " + out.dtype());
        }
        Winograd3x3.Geometry g = new Winograd3x3.Geometry(n, o, win.outH(), win.outW(), c, 2 - win.padH(), 2 - win.padW(), h, wd);
        if (simd && out.dtype() == DType.FLOAT32 && n > 0 && c > 0 && o > 0 && Direct3x3.suits(g) && g.fits()) {
            Direct3x3.forward(g, (float[]) Host.array(grad), Host.base(grad), (float[]) Host.array(w), Host.base(w), true,
                    null, 0, (float[]) Host.array(out), Host.base(out), threads);
            return;
        }
        Winograd3x3.Geometry forward = new Winograd3x3.Geometry(n, c, h, wd, o, win.padH(), win.padW(), win.outH(), win.outW());
        if (simd && out.dtype() == DType.FLOAT32 && n > 0 && c > 0 && o > 0 && forward.fits()) {
            Winograd3x3.inputGrad(forward, (float[]) Host.array(grad), Host.base(grad), (float[]) Host.array(w), Host.base(w),
                    (float[]) Host.array(out), Host.base(out), threads);
            return;
        }
        Object ga = Host.array(grad), wa = Host.array(w), oa = Host.array(out);
        int gb = Host.base(grad), wb = Host.base(w), ob = Host.base(out);
        int oh = win.outH(), ow = win.outW();
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int r = 0; r < h; r++) {
                    for (int col = 0; col < wd; col++) {
                        double sum = 0;
                        for (int k = 0; k < o; k++) {
                            for (int i = 0; i < 3; i++) {
                                int y = r + win.padH() - i;
                                if (y < 0 || y >= oh) continue;
                                for (int j = 0; j < 3; j++) {
                                    int x = col + win.padW() - j;
                                    if (x < 0 || x >= ow) continue;
                                    sum += Host.floating(ga, gb + ((b * o + k) * oh + y) * ow + x) * Host.floating(wa, wb + ((k * c + ch) * 3 + i) * 3 + j);
                                }
                            }
                        }
                        Host.setFloating(oa, ob + ((b * c + ch) * h + r) * wd + col, sum);
                    }
                }
            }
        }
    }

    /** out [O,C,3,3] = the sum over images and output positions of grad [N,O,oh,ow] times the input tap it multiplied. */
    public static void weightGrad(Strided x, Strided grad, Window2d win, Strided out, int threads, boolean simd) {
        Winograd3x3.Geometry g = geometry(x, (int) grad.shape()[1], win);
        if (simd && x.dtype() == DType.FLOAT32 && g.n() > 0 && g.c() > 0 && g.o() > 0 && Direct3x3.suits(g) && g.fits()) {
            Direct3x3.weightGrad(g, (float[]) Host.array(x), Host.base(x), (float[]) Host.array(grad), Host.base(grad),
                    Math.toIntExact(grad.stride()[0]), Math.toIntExact(grad.stride()[1]), Math.toIntExact(grad.stride()[2]),
                    Math.toIntExact(grad.stride()[3]), (float[]) Host.array(out), Host.base(out), threads);
            return;
        }
        if (!grad.isContiguous()) { // the paths below read the gradient in memory order
            Strided dense = Host.allocate(grad.dtype(), grad.shape());
            CopyKernels.copy(grad, dense, simd, threads);
            grad = dense;
        }
        if (simd && x.dtype() == DType.FLOAT32 && g.n() > 0 && g.c() > 0 && g.o() > 0 && g.fits()) {
            Winograd3x3.weightGrad(g, (float[]) Host.array(x), Host.base(x), (float[]) Host.array(grad), Host.base(grad),
                    (float[]) Host.array(out), Host.base(out), threads);
            return;
        }
        Object xa = Host.array(x), ga = Host.array(grad), oa = Host.array(out);
        int xb = Host.base(x), gb = Host.base(grad), ob = Host.base(out);
        int hw = g.h() * g.w(), ohw = g.oh() * g.ow();
        for (int o = 0; o < g.o(); o++) {
            for (int c = 0; c < g.c(); c++) {
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        double s = 0;
                        for (int n = 0; n < g.n(); n++) {
                            for (int y = 0; y < g.oh(); y++) {
                                int r = y + i - g.padH();
                                if (r < 0 || r >= g.h()) continue;
                                for (int xo = 0; xo < g.ow(); xo++) {
                                    int col = xo + j - g.padW();
                                    if (col < 0 || col >= g.w()) continue;
                                    s += Host.floating(ga, gb + (n * g.o() + o) * ohw + y * g.ow() + xo) * Host.floating(xa, xb + (n * g.c() + c) * hw + r * g.w() + col);
                                }
                            }
                        }
                        Host.setFloating(oa, ob + ((o * g.c() + c) * 3 + i) * 3 + j, s);
                    }
                }
            }
        }
    }

    /**
     * Whether {@link #backward} takes these operands (x [N,C,H,W], grad [N,O,oh,ow], w [O,C,3,3]): the Winograd route
     * for both gradients, float32 with SIMD on, a contiguous grad. Elsewhere the two gradients share nothing.
     */
    public static boolean fusesBackward(Strided x, Strided grad, Strided w, Window2d win, boolean simd) {
        if (!simd || x.dtype() != DType.FLOAT32 || grad.dtype() != DType.FLOAT32 || w.dtype() != DType.FLOAT32 || !grad.isContiguous()) {
            return false;
        }
        Winograd3x3.Geometry g = geometry(x, (int) w.shape()[0], win);
        return g.n() > 0 && g.c() > 0 && g.o() > 0 && !Direct3x3.suits(g) && g.fits();
    }

    /**
     * {@link #inputGrad} into dx and {@link #weightGrad} into dw, to the same bits, in one Winograd pass that transforms
     * grad once for both; only for operands {@link #fusesBackward} takes.
     */
    public static void backward(Strided x, Strided grad, Strided w, Window2d win, Strided dx, Strided dw, int threads) {
        if (!fusesBackward(x, grad, w, win, true)) throw new IllegalArgumentException("conv3x3 backward: no fused form for these operands");
        Winograd3x3.backward(geometry(x, (int) w.shape()[0], win), (float[]) Host.array(x), Host.base(x),
                (float[]) Host.array(grad), Host.base(grad), (float[]) Host.array(w), Host.base(w),
                (float[]) Host.array(dx), Host.base(dx), (float[]) Host.array(dw), Host.base(dw), threads);
    }

    private static Winograd3x3.Geometry geometry(Strided x, int o, Window2d win) {
        long[] s = x.shape();
        if (x.dtype() != DType.FLOAT32 && x.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException("conv3x3: unsupported compute dtype " + x.dtype());
        }
        return new Winograd3x3.Geometry((int) s[0], (int) s[1], (int) s[2], (int) s[3], o, win.padH(), win.padW(), win.outH(), win.outW());
    }
}
