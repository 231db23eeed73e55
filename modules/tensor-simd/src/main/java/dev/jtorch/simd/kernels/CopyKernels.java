package dev.jtorch.simd.kernels;

import dev.jtorch.DType;
import dev.jtorch.spi.Strided;

/** Scalar copy/cast and fill: any dtype to any dtype, any strides. */
public final class CopyKernels {
    private CopyKernels() {}

    private static final int CHUNK = 1024;

    public static void copy(Strided src, Strided dst) {
        Loop loop = Loop.over(dst.shape(), dst, src);
        Object sa = Host.array(src), da = Host.array(dst);
        int ds = loop.innerStride(0), ss = loop.innerStride(1);
        if (src.dtype() == dst.dtype()) {
            loop.forEach((off, n) -> Rows.move(sa, off[1], ss, da, off[0], ds, n));
            return;
        }
        DType st = src.dtype(), dt = dst.dtype();
        int chunk = Math.min(CHUNK, Math.max(loop.innerSize(), 1));
        if (st.isFloatingPoint()) {
            double[] buf = new double[chunk];
            loop.forEach((off, n) -> {
                for (int i = 0; i < n; i += chunk) {
                    int m = Math.min(chunk, n - i);
                    Rows.readDoubles(sa, st, off[1] + i * ss, ss, m, buf);
                    Rows.writeDoubles(da, dt, off[0] + i * ds, ds, m, buf);
                }
            });
        } else {
            long[] buf = new long[chunk];
            loop.forEach((off, n) -> {
                for (int i = 0; i < n; i += chunk) {
                    int m = Math.min(chunk, n - i);
                    Rows.readLongs(sa, st, off[1] + i * ss, ss, m, buf);
                    Rows.writeLongs(da, dt, off[0] + i * ds, ds, m, buf);
                }
            });
        }
    }

    public static void fill(Strided dst, double value) { fillRaw(dst, Convert.rawFromDouble(dst.dtype(), value)); }

    public static void fill(Strided dst, long value) { fillRaw(dst, Convert.rawFromLong(dst.dtype(), value)); }

    static void fillRaw(Strided dst, long raw) {
        Loop loop = Loop.over(dst.shape(), dst);
        Object a = Host.array(dst);
        int st = loop.innerStride(0);
        loop.forEach((off, n) -> Rows.fill(a, off[0], st, n, raw));
    }
}
