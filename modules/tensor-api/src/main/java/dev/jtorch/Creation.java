package dev.jtorch;

import dev.jtorch.spi.HostStorage;
import dev.jtorch.spi.Storage;
import dev.jtorch.spi.Strided;

import java.lang.foreign.ValueLayout;

/** Tensors built from ranges, identity patterns, wrapped memory and Java scalars. */
final class Creation {
    private Creation() {}

    static Tensor wrapped(double v) {
        HostStorage s = HostStorage.wrapArray(new double[]{v}, DType.FLOAT64);
        return new Tensor(s, DType.FLOAT64, new long[0], new long[0], 0, new VersionCounter(), true);
    }

    static Tensor wrapped(long v) {
        HostStorage s = HostStorage.wrapArray(new long[]{v}, DType.INT64);
        return new Tensor(s, DType.INT64, new long[0], new long[0], 0, new VersionCounter(), true);
    }

    static Tensor wrapped(boolean v) {
        HostStorage s = HostStorage.wrapArray(new byte[]{(byte) (v ? 1 : 0)}, DType.BOOL);
        return new Tensor(s, DType.BOOL, new long[0], new long[0], 0, new VersionCounter(), true);
    }

    /** A contiguous tensor over existing storage holding {@code available} elements. */
    static Tensor wrap(Storage storage, DType dtype, long available, long[] shape) {
        long[] s = shape.length == 0 ? new long[]{available} : Shapes.checkSizes(shape);
        if (Shapes.numel(s) != available) {
            throw new IllegalArgumentException("shape " + Shapes.str(s) + " is invalid for input of size " + available);
        }
        return new Tensor(storage, dtype, s, Strided.contiguousStrides(s), 0, new VersionCounter(), false);
    }

    /** A CPU tensor over a fresh array of the given dtype's Java type, then cast if needed. */
    static Tensor ofLongs(long[] values, long[] shape, DType dtype) {
        Tensor t = wrap(HostStorage.wrapArray(values, DType.INT64), DType.INT64, values.length, shape);
        return dtype == DType.INT64 ? t : Elementwise.castRaw(t, dtype);
    }

    static Tensor ofDoubles(double[] values, long[] shape, DType dtype) {
        Tensor t = wrap(HostStorage.wrapArray(values, DType.FLOAT64), DType.FLOAT64, values.length, shape);
        return dtype == DType.FLOAT64 ? t : Elementwise.castRaw(t, dtype);
    }

    static Tensor arange(long start, long end, long step) {
        if (step == 0) throw new IllegalArgumentException("step must be nonzero");
        if ((step > 0 && start > end) || (step < 0 && start < end)) {
            throw new IllegalArgumentException("upper bound and larger bound inconsistent with step sign");
        }
        long n = Math.ceilDiv(end - start, step);
        if (n < 0) n = 0;
        long[] v = new long[HostArrays.checkedLength(n)];
        for (int i = 0; i < v.length; i++) v[i] = start + i * step;
        return ofLongs(v, new long[]{n}, DType.INT64);
    }

    static Tensor arange(double start, double end, double step, DType dtype) {
        if (step == 0) throw new IllegalArgumentException("step must be nonzero");
        if (!Double.isFinite(start) || !Double.isFinite(end)) throw new IllegalArgumentException("unsupported range: " + start + " -> " + end);
        if ((step > 0 && start > end) || (step < 0 && start < end)) {
            throw new IllegalArgumentException("upper bound and larger bound inconsistent with step sign");
        }
        long n = (long) Math.ceil((end - start) / step);
        double[] v = new double[HostArrays.checkedLength(Math.max(n, 0))];
        for (int i = 0; i < v.length; i++) v[i] = start + i * step;
        return ofDoubles(v, new long[]{v.length}, dtype);
    }

    static Tensor linspace(double start, double end, long steps, DType dtype) {
        if (steps < 0) throw new IllegalArgumentException("number of steps must be non-negative");
        int n = HostArrays.checkedLength(steps);
        long half = steps / 2;
        if (dtype == DType.FLOAT32 || dtype.isReducedFloat()) {
            // PyTorch computes float linspace in float, filling each half from its own end (so both ends are
            // exact), and its compiled kernel fuses the multiply-add: mirror that to get the same bits.
            float s = (float) start, e = (float) end, step = n > 1 ? (e - s) / (n - 1) : 0f;
            float[] v = new float[n];
            for (int i = 0; i < n; i++) v[i] = i < half ? Math.fma(step, (float) i, s) : Math.fma(-step, (float) (n - i - 1), e);
            if (n == 1) v[0] = s;
            Tensor t = wrap(HostStorage.wrapArray(v, DType.FLOAT32), DType.FLOAT32, n, new long[]{n});
            return dtype == DType.FLOAT32 ? t : Elementwise.castRaw(t, dtype);
        }
        double step = n > 1 ? (end - start) / (n - 1) : 0;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = i < half ? Math.fma(step, i, start) : Math.fma(-step, n - i - 1, end);
        if (n == 1) v[0] = start;
        if (dtype.isFloatingPoint()) return ofDoubles(v, new long[]{steps}, dtype);
        long[] l = new long[n];
        for (int i = 0; i < n; i++) l[i] = (long) v[i];
        return ofLongs(l, new long[]{steps}, dtype);
    }

    static Tensor eye(long n, long m, DType dtype) {
        if (n < 0 || m < 0) throw new IllegalArgumentException("n and m must be non-negative, got " + n + " and " + m);
        Tensor t = Tensor.allocate(new long[]{n, m}, dtype, Device.CPU);
        if (n > 0 && m > 0) Elementwise.fillRaw(t.diagonal(), 1L);
        return t;
    }

    /** Reads one element of a host tensor as a double (for item, printing and tests). */
    static double readDouble(Strided s, long elementOffset) {
        var seg = s.storage().segment();
        long b = elementOffset * s.dtype().itemSize();
        return switch (s.dtype()) {
            case FLOAT32 -> seg.get(ValueLayout.JAVA_FLOAT_UNALIGNED, b);
            case FLOAT64 -> seg.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, b);
            case FLOAT16 -> Float.float16ToFloat(seg.get(ValueLayout.JAVA_SHORT_UNALIGNED, b));
            case BFLOAT16 -> Float.intBitsToFloat(seg.get(ValueLayout.JAVA_SHORT_UNALIGNED, b) << 16);
            case INT8 -> seg.get(ValueLayout.JAVA_BYTE, b);
            case UINT8 -> seg.get(ValueLayout.JAVA_BYTE, b) & 0xFF;
            case BOOL -> seg.get(ValueLayout.JAVA_BYTE, b) != 0 ? 1 : 0;
            case INT16 -> seg.get(ValueLayout.JAVA_SHORT_UNALIGNED, b);
            case INT32 -> seg.get(ValueLayout.JAVA_INT_UNALIGNED, b);
            case INT64 -> seg.get(ValueLayout.JAVA_LONG_UNALIGNED, b);
        };
    }

    /** Reads one element exactly as a long (integral and bool dtypes; floats truncate). */
    static long readLong(Strided s, long elementOffset) {
        var seg = s.storage().segment();
        long b = elementOffset * s.dtype().itemSize();
        return switch (s.dtype()) {
            case INT64 -> seg.get(ValueLayout.JAVA_LONG_UNALIGNED, b);
            case INT32 -> seg.get(ValueLayout.JAVA_INT_UNALIGNED, b);
            case INT16 -> seg.get(ValueLayout.JAVA_SHORT_UNALIGNED, b);
            case INT8 -> seg.get(ValueLayout.JAVA_BYTE, b);
            case UINT8 -> seg.get(ValueLayout.JAVA_BYTE, b) & 0xFF;
            case BOOL -> seg.get(ValueLayout.JAVA_BYTE, b) != 0 ? 1 : 0;
            default -> (long) readDouble(s, elementOffset);
        };
    }
}
