package dev.jtorch.simd.kernels;

import dev.jtorch.DType;
import dev.jtorch.ops.Window2d;
import dev.jtorch.spi.Strided;

import java.util.Arrays;

/**
 * im2col, col2im and max pooling on contiguous float32/float64 arrays: the data movement of a
 * convolution, whose products run on the GEMM. Rows of the column matrix are (channel, tap) pairs:
 * im2col splits its work by row, col2im by channel so that its threads never add into the same plane.
 */
public final class ConvKernels {
    private ConvKernels() {}

    /** {@code simd=false} moves every run element by element (the reference for the vector runs). */
    public static void im2col(Strided in, Window2d win, Strided out, int threads, boolean simd) {
        if (in.dtype() != DType.FLOAT32 && in.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException("im2col: unsupported compute dtype " + in.dtype());
        }
        int n = (int) in.shape()[0], c = (int) in.shape()[1], h = (int) in.shape()[2], w = (int) in.shape()[3];
        int rows = c * win.taps(), parts = parts(out.numel(), rows, threads);
        Object src = Host.array(in), dst = Host.array(out);
        int sb = Host.base(in), db = Host.base(out);
        // Unit-stride float32 runs go through the vector copy; everything else through Rows.move.
        float[] fsrc = simd && SimdConvRows.ENABLED && win.strideW() == 1 && src instanceof float[] f ? f : null;
        Parallel.run(parts, p -> im2colRows(src, sb, n, c, h, w, win, dst, db, rows * p / parts, rows * (p + 1) / parts, fsrc));
    }

    /** {@code simd=false} adds every run element by element (the reference for the vector runs). */
    public static void col2im(Strided cols, Window2d win, Strided out, int threads, boolean simd) {
        int n = (int) out.shape()[0], c = (int) out.shape()[1], h = (int) out.shape()[2], w = (int) out.shape()[3];
        int parts = parts(cols.numel(), c, threads);
        if (out.dtype() == DType.FLOAT32) {
            float[] src = (float[]) Host.array(cols), dst = (float[]) Host.array(out);
            int sb = Host.base(cols), db = Host.base(out);
            boolean vector = simd && SimdConvRows.ENABLED;
            Parallel.run(parts, p -> col2imF(src, sb, n, c, h, w, win, dst, db, c * p / parts, c * (p + 1) / parts, vector));
        } else if (out.dtype() == DType.FLOAT64) {
            double[] src = (double[]) Host.array(cols), dst = (double[]) Host.array(out);
            int sb = Host.base(cols), db = Host.base(out);
            Parallel.run(parts, p -> col2imD(src, sb, n, c, h, w, win, dst, db, c * p / parts, c * (p + 1) / parts));
        } else {
            throw new IllegalArgumentException("col2im: unsupported compute dtype " + out.dtype());
        }
    }

    /** {@code simd=false} keeps to the scalar loops (the reference the Vector API rows are tested against). */
    public static void maxPool2d(Strided in, Window2d win, Strided values, Strided indices, int threads, boolean simd) {
        int planes = (int) in.shape()[0], h = (int) in.shape()[1], w = (int) in.shape()[2];
        int parts = parts(in.numel(), planes, threads);
        long[] idx = (long[]) Host.array(indices);
        int ib = Host.base(indices);
        if (in.dtype() == DType.FLOAT32) {
            float[] src = (float[]) Host.array(in), dst = (float[]) Host.array(values);
            int sb = Host.base(in), db = Host.base(values);
            Parallel.run(parts, p -> maxPoolF(src, sb, h, w, win, dst, db, idx, ib, planes * p / parts, planes * (p + 1) / parts, simd));
        } else if (in.dtype() == DType.FLOAT64) {
            double[] src = (double[]) Host.array(in), dst = (double[]) Host.array(values);
            int sb = Host.base(in), db = Host.base(values);
            Parallel.run(parts, p -> maxPoolD(src, sb, h, w, win, dst, db, idx, ib, planes * p / parts, planes * (p + 1) / parts));
        } else {
            throw new IllegalArgumentException("max_pool2d: unsupported compute dtype " + in.dtype());
        }
    }

    /**
     * Max pooling's backward, plane by plane: the plane is zeroed and each gradient added at its winner's index in one
     * pass while the plane is in L1 (a scatter into a separately zeroed tensor goes over memory twice). Indices are
     * checked as they are read; only {@code out}, which the caller made for this call, can be partly written.
     * There is no vector form: each gradient goes to one data-dependent place.
     */
    public static void maxPool2dBackward(Strided grad, Strided indices, Strided out, int threads) {
        int planes = (int) out.shape()[0], plane = (int) (out.shape()[1] * out.shape()[2]);
        int outs = (int) (grad.numel() / Math.max(planes, 1));
        int parts = parts(out.numel() + grad.numel(), Math.max(planes, 1), threads);
        long[] idx = (long[]) Host.array(indices);
        int ib = Host.base(indices), gb = Host.base(grad), ob = Host.base(out);
        if (out.dtype() == DType.FLOAT32) {
            float[] g = (float[]) Host.array(grad), o = (float[]) Host.array(out);
            Parallel.run(parts, p -> {
                for (int q = planes * p / parts, end = planes * (p + 1) / parts; q < end; q++) {
                    int base = ob + q * plane, gi = gb + q * outs, ii = ib + q * outs;
                    Arrays.fill(o, base, base + plane, 0f);
                    for (int i = 0; i < outs; i++) o[base + winner(idx[ii + i], plane)] += g[gi + i];
                }
            });
        } else if (out.dtype() == DType.FLOAT64) {
            double[] g = (double[]) Host.array(grad), o = (double[]) Host.array(out);
            Parallel.run(parts, p -> {
                for (int q = planes * p / parts, end = planes * (p + 1) / parts; q < end; q++) {
                    int base = ob + q * plane, gi = gb + q * outs, ii = ib + q * outs;
                    Arrays.fill(o, base, base + plane, 0d);
                    for (int i = 0; i < outs; i++) o[base + winner(idx[ii + i], plane)] += g[gi + i];
                }
            });
        } else {
            throw new IllegalArgumentException("max_pool2d_with_indices_backward: unsupported compute dtype " + out.dtype());
        }
    }

    private static int winner(long index, int plane) {
        if (index < 0 || index >= plane) {
            throw new IndexOutOfBoundsException("max_pool2d backward: index " + index + " is out of bounds for a plane of " + plane + " elements");
        }
        return (int) index;
    }

    private static int parts(long work, int channels, int threads) {
        return Math.max(1, Math.min(Parallel.parts(work, threads), channels));
    }

    /** First output column whose tap lands at or after input column 0, for tap offset {@code x0}. */
    private static int firstInside(int x0, int stride) {
        return x0 >= 0 ? 0 : (-x0 + stride - 1) / stride;
    }

    /** One past the last output column whose tap lands before input column {@code w}. */
    private static int endInside(int x0, int stride, int w, int outW) {
        if (x0 >= w) return 0;
        return Math.min(outW, (w - 1 - x0) / stride + 1);
    }

    /** Pure data movement, so one loop serves every array type: runs of a row are copied, taps outside are zeros. */
    private static void im2colRows(Object src, int sb, int n, int c, int h, int w, Window2d win, Object dst, int db,
                                   int r0, int r1, float[] vectorSrc) {
        int kh = win.kernelH(), kw = win.kernelW(), oh = win.outH(), ow = win.outW();
        int sh = win.strideH(), sw = win.strideW();
        long cols = (long) n * oh * ow;
        for (int r = r0; r < r1; r++) {
            int ch = r / (kh * kw), ki = r % (kh * kw) / kw, kj = r % kw;
            int d = (int) (db + r * cols);
            int x0 = kj * win.dilationW() - win.padW();
            int xlo = Math.min(firstInside(x0, sw), ow), xhi = Math.max(endInside(x0, sw, w, ow), xlo);
            for (int b = 0; b < n; b++) {
                int plane = sb + (b * c + ch) * h * w;
                for (int y = 0; y < oh; y++, d += ow) {
                    int ih = y * sh - win.padH() + ki * win.dilationH();
                    if (ih < 0 || ih >= h) {
                        Rows.fill(dst, d, 1, ow, 0L);
                        continue;
                    }
                    int row = plane + ih * w + x0;
                    if (xlo > 0) Rows.fill(dst, d, 1, xlo, 0L);
                    if (vectorSrc != null) SimdConvRows.copy(vectorSrc, row + xlo, (float[]) dst, d + xlo, xhi - xlo);
                    else Rows.move(src, row + xlo * sw, sw, dst, d + xlo, 1, xhi - xlo);
                    if (xhi < ow) Rows.fill(dst, d + xhi, 1, ow - xhi, 0L);
                }
            }
        }
    }

    private static void col2imF(float[] src, int sb, int n, int c, int h, int w, Window2d win, float[] dst, int db,
                                int c0, int c1, boolean vector) {
        int kh = win.kernelH(), kw = win.kernelW(), oh = win.outH(), ow = win.outW();
        int sh = win.strideH(), sw = win.strideW();
        long cols = (long) n * oh * ow;
        for (int ch = c0; ch < c1; ch++) {
            for (int b = 0; b < n; b++) {
                int plane = db + (b * c + ch) * h * w;
                Arrays.fill(dst, plane, plane + h * w, 0);
            }
            for (int ki = 0; ki < kh; ki++) {
                for (int kj = 0; kj < kw; kj++) {
                    int s = (int) (sb + ((long) (ch * kh + ki) * kw + kj) * cols);
                    int x0 = kj * win.dilationW() - win.padW();
                    int xlo = Math.min(firstInside(x0, sw), ow), xhi = Math.max(endInside(x0, sw, w, ow), xlo);
                    for (int b = 0; b < n; b++) {
                        int plane = db + (b * c + ch) * h * w;
                        for (int y = 0; y < oh; y++, s += ow) {
                            int ih = y * sh - win.padH() + ki * win.dilationH();
                            if (ih < 0 || ih >= h) continue;
                            int row = plane + ih * w + x0;
                            if (sw == 1 && vector) {
                                SimdConvRows.add(src, s + xlo, dst, row + xlo, xhi - xlo);
                            } else if (sw == 1) {
                                for (int x = xlo; x < xhi; x++) dst[row + x] += src[s + x];
                            } else {
                                for (int x = xlo; x < xhi; x++) dst[row + x * sw] += src[s + x];
                            }
                        }
                    }
                }
            }
        }
    }

    private static void col2imD(double[] src, int sb, int n, int c, int h, int w, Window2d win, double[] dst, int db,
                                int c0, int c1) {
        int kh = win.kernelH(), kw = win.kernelW(), oh = win.outH(), ow = win.outW();
        int sh = win.strideH(), sw = win.strideW();
        long cols = (long) n * oh * ow;
        for (int ch = c0; ch < c1; ch++) {
            for (int b = 0; b < n; b++) {
                int plane = db + (b * c + ch) * h * w;
                Arrays.fill(dst, plane, plane + h * w, 0);
            }
            for (int ki = 0; ki < kh; ki++) {
                for (int kj = 0; kj < kw; kj++) {
                    int s = (int) (sb + ((long) (ch * kh + ki) * kw + kj) * cols);
                    int x0 = kj * win.dilationW() - win.padW();
                    int xlo = Math.min(firstInside(x0, sw), ow), xhi = Math.max(endInside(x0, sw, w, ow), xlo);
                    for (int b = 0; b < n; b++) {
                        int plane = db + (b * c + ch) * h * w;
                        for (int y = 0; y < oh; y++, s += ow) {
                            int ih = y * sh - win.padH() + ki * win.dilationH();
                            if (ih < 0 || ih >= h) continue;
                            int row = plane + ih * w + x0;
                            if (sw == 1) {
                                for (int x = xlo; x < xhi; x++) dst[row + x] += src[s + x];
                            } else {
                                for (int x = xlo; x < xhi; x++) dst[row + x * sw] += src[s + x];
                            }
                        }
                    }
                }
            }
        }
    }

    private static void maxPoolF(float[] src, int sb, int h, int w, Window2d win, float[] dst, int db, long[] idx, int ib,
                                 int p0, int p1, boolean simd) {
        int oh = win.outH(), ow = win.outW(), kh = win.kernelH(), kw = win.kernelW();
        int dh = win.dilationH(), dw = win.dilationW();
        if (kh == 2 && kw == 2 && everyWindowInside(win, h, w)) {
            if (simd && SimdMaxPool.ENABLED && win.strideW() == 2) {
                SimdMaxPool.rows(src, sb, h, w, win.strideH(), oh, ow, dst, db, idx, ib, p0, p1);
                return;
            }
            maxPool2x2F(src, sb, h, w, win.strideH(), win.strideW(), oh, ow, dst, db, idx, ib, p0, p1);
            return;
        }
        for (int p = p0; p < p1; p++) {
            int plane = sb + p * h * w, out = (p * oh) * ow;
            for (int y = 0; y < oh; y++) {
                int hs = y * win.strideH() - win.padH();
                int kiLo = hs >= 0 ? 0 : (-hs + dh - 1) / dh;
                for (int x = 0; x < ow; x++, out++) {
                    int ws = x * win.strideW() - win.padW();
                    int kjLo = ws >= 0 ? 0 : (-ws + dw - 1) / dw;
                    // As PyTorch: the first tap inside the plane when all are -inf; the last NaN when there are NaNs.
                    int best = (hs + kiLo * dh) * w + ws + kjLo * dw;
                    float max = Float.NEGATIVE_INFINITY;
                    for (int ki = kiLo; ki < kh; ki++) {
                        int ih = hs + ki * dh;
                        if (ih >= h) break;
                        for (int kj = kjLo; kj < kw; kj++) {
                            int iw = ws + kj * dw;
                            if (iw >= w) break;
                            float v = src[plane + ih * w + iw];
                            // Selects rather than a branch: on real data the comparison is unpredictable.
                            boolean take = v > max || v != v;
                            max = take ? v : max;
                            best = take ? ih * w + iw : best;
                        }
                    }
                    dst[db + out] = max;
                    idx[ib + out] = best;
                }
            }
        }
    }

    /** No padding and no dilation, and the last window ends inside the plane: no tap needs a bounds test. */
    private static boolean everyWindowInside(Window2d win, int h, int w) {
        return win.padH() == 0 && win.padW() == 0 && win.dilationH() == 1 && win.dilationW() == 1
                && (win.outH() - 1) * win.strideH() + win.kernelH() <= h && (win.outW() - 1) * win.strideW() + win.kernelW() <= w;
    }

    /**
     * 2x2 windows inside the plane, the CNN's pooling: the four taps written out, without the general loop's per-tap
     * bounds tests and clipped starts (with them C2 kept loops of two steps, ~80 cycles an output). Same order and
     * rules as the general loop. The winner is taken with integer masks, not selects: C2 compiles a float select
     * to a branch, and on real data those branches are unpredictable (6.5 ms against 2.5 ms for 64x32x26x26).
     */
    private static void maxPool2x2F(float[] src, int sb, int h, int w, int sh, int sw, int oh, int ow, float[] dst, int db,
                                    long[] idx, int ib, int p0, int p1) {
        for (int p = p0; p < p1; p++) {
            int plane = sb + p * h * w, out = p * oh * ow;
            for (int y = 0; y < oh; y++) {
                int top = y * sh * w;
                for (int x = 0; x < ow; x++, out++) {
                    int i0 = top + x * sw, i2 = i0 + w;
                    float v1 = src[plane + i0 + 1], v2 = src[plane + i2], v3 = src[plane + i2 + 1];
                    // what the first tap leaves in every case: a value, NaN or -inf, and its index
                    int max = Float.floatToRawIntBits(src[plane + i0]), best = i0;
                    int take = wins(v1, max); // all ones where the tap wins, else zero
                    max ^= (max ^ Float.floatToRawIntBits(v1)) & take;
                    best ^= (best ^ (i0 + 1)) & take;
                    take = wins(v2, max);
                    max ^= (max ^ Float.floatToRawIntBits(v2)) & take;
                    best ^= (best ^ i2) & take;
                    take = wins(v3, max);
                    max ^= (max ^ Float.floatToRawIntBits(v3)) & take;
                    best ^= (best ^ (i2 + 1)) & take;
                    dst[db + out] = Float.intBitsToFloat(max);
                    idx[ib + out] = best;
                }
            }
        }
    }

    /** -1 when tap {@code v} replaces the running maximum (bits {@code max}): it is larger, or NaN; else 0. */
    private static int wins(float v, int max) {
        return -((v > Float.intBitsToFloat(max)) | (v != v) ? 1 : 0);
    }

    private static void maxPoolD(double[] src, int sb, int h, int w, Window2d win, double[] dst, int db, long[] idx, int ib,
                                 int p0, int p1) {
        int oh = win.outH(), ow = win.outW(), kh = win.kernelH(), kw = win.kernelW();
        int dh = win.dilationH(), dw = win.dilationW();
        for (int p = p0; p < p1; p++) {
            int plane = sb + p * h * w, out = (p * oh) * ow;
            for (int y = 0; y < oh; y++) {
                int hs = y * win.strideH() - win.padH();
                int kiLo = hs >= 0 ? 0 : (-hs + dh - 1) / dh;
                for (int x = 0; x < ow; x++, out++) {
                    int ws = x * win.strideW() - win.padW();
                    int kjLo = ws >= 0 ? 0 : (-ws + dw - 1) / dw;
                    // As PyTorch: the first tap inside the plane when all are -inf; the last NaN when there are NaNs.
                    int best = (hs + kiLo * dh) * w + ws + kjLo * dw;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int ki = kiLo; ki < kh; ki++) {
                        int ih = hs + ki * dh;
                        if (ih >= h) break;
                        for (int kj = kjLo; kj < kw; kj++) {
                            int iw = ws + kj * dw;
                            if (iw >= w) break;
                            double v = src[plane + ih * w + iw];
                            // Selects rather than a branch: on real data the comparison is unpredictable.
                            boolean take = v > max || v != v;
                            max = take ? v : max;
                            best = take ? ih * w + iw : best;
                        }
                    }
                    dst[db + out] = max;
                    idx[ib + out] = best;
                }
            }
        }
    }
}
