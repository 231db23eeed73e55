package dev.jtorch.simd.kernels;

import dev.jtorch.DType;
import dev.jtorch.spi.HostStorage;
import dev.jtorch.spi.Strided;

/** Builds strided operands over Java arrays for kernel tests. */
final class S {
    private S() {}

    static Strided of(float[] a, long... shape) { return new Strided(HostStorage.wrapArray(a, DType.FLOAT32), DType.FLOAT32, shape, Strided.contiguousStrides(shape), 0); }

    static Strided of(double[] a, long... shape) { return new Strided(HostStorage.wrapArray(a, DType.FLOAT64), DType.FLOAT64, shape, Strided.contiguousStrides(shape), 0); }

    static Strided of(long[] a, long... shape) { return new Strided(HostStorage.wrapArray(a, DType.INT64), DType.INT64, shape, Strided.contiguousStrides(shape), 0); }

    static Strided bools(byte[] a, long... shape) { return new Strided(HostStorage.wrapArray(a, DType.BOOL), DType.BOOL, shape, Strided.contiguousStrides(shape), 0); }

    static Strided zeros(DType t, long... shape) { return Host.allocate(t, shape); }

    /** The 2-D transpose view of a [r, c] operand. */
    static Strided t(Strided s) {
        return s.withLayout(new long[]{s.shape()[1], s.shape()[0]}, new long[]{s.stride()[1], s.stride()[0]}, s.offset());
    }

    static float[] floats(Strided s) { return (float[]) Host.array(s); }

    static double[] doubles(Strided s) { return (double[]) Host.array(s); }

    static long[] longs(Strided s) { return (long[]) Host.array(s); }

    static float[] iota(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }
}
