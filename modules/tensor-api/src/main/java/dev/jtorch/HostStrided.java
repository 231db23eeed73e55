package dev.jtorch;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Copies between a strided CPU tensor and a flat Java array of its dtype's layout (see
 * {@link HostArrays}), in row-major order. Used where data crosses into or out of Java arrays,
 * so that conversions need no backend kernel.
 */
final class HostStrided {
    private HostStrided() {}

    /** The elements of {@code t} in row-major order, in a new flat array (copied to the CPU first if needed). */
    static Object gather(Tensor t) {
        Tensor h = t.device().isCpu() ? t : t.detach().to(Device.CPU);
        Object out = HostArrays.allocate(h.dtype, HostArrays.checkedLength(h.numel()));
        transfer(h, out, true);
        return out;
    }

    /** Writes {@code flat} (row-major, numel elements of t's dtype layout) into the CPU tensor {@code t}. */
    static void scatter(Object flat, Tensor t) {
        if (!t.device().isCpu()) throw new IllegalArgumentException("expected a CPU tensor, got " + t.device());
        transfer(t, flat, false);
    }

    private static void transfer(Tensor t, Object flat, boolean read) {
        long n = t.numel();
        if (n == 0) return;
        MemorySegment seg = t.storage.segment();
        ValueLayout layout = layoutOf(t.dtype);
        long item = t.dtype.itemSize();
        int rank = t.shape.length;
        if (t.isContiguous()) {
            runs(seg, layout, t.offset * item, flat, 0, (int) n, read);
            return;
        }
        long inner = t.shape[rank - 1];
        long innerStride = t.stride[rank - 1];
        long[] idx = new long[rank];
        long base = t.offset;
        int pos = 0;
        while (pos < n) {
            if (innerStride == 1) runs(seg, layout, base * item, flat, pos, (int) inner, read);
            else strided(seg, base, innerStride, item, flat, pos, (int) inner, read);
            pos += (int) inner;
            // advance the odometer over the outer dims
            for (int d = rank - 2; d >= 0; d--) {
                base += t.stride[d];
                if (++idx[d] < t.shape[d]) break;
                base -= t.stride[d] * t.shape[d];
                idx[d] = 0;
            }
        }
    }

    private static void runs(MemorySegment seg, ValueLayout layout, long byteOffset, Object flat, int pos, int count, boolean read) {
        if (read) MemorySegment.copy(seg, layout, byteOffset, flat, pos, count);
        else MemorySegment.copy(flat, pos, seg, layout, byteOffset, count);
    }

    private static void strided(MemorySegment seg, long base, long stride, long item, Object flat, int pos, int count, boolean read) {
        switch (flat) {
            case float[] a -> {
                for (int k = 0; k < count; k++) {
                    long b = (base + k * stride) * item;
                    if (read) a[pos + k] = seg.get(ValueLayout.JAVA_FLOAT_UNALIGNED, b);
                    else seg.set(ValueLayout.JAVA_FLOAT_UNALIGNED, b, a[pos + k]);
                }
            }
            case double[] a -> {
                for (int k = 0; k < count; k++) {
                    long b = (base + k * stride) * item;
                    if (read) a[pos + k] = seg.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, b);
                    else seg.set(ValueLayout.JAVA_DOUBLE_UNALIGNED, b, a[pos + k]);
                }
            }
            case long[] a -> {
                for (int k = 0; k < count; k++) {
                    long b = (base + k * stride) * item;
                    if (read) a[pos + k] = seg.get(ValueLayout.JAVA_LONG_UNALIGNED, b);
                    else seg.set(ValueLayout.JAVA_LONG_UNALIGNED, b, a[pos + k]);
                }
            }
            case int[] a -> {
                for (int k = 0; k < count; k++) {
                    long b = (base + k * stride) * item;
                    if (read) a[pos + k] = seg.get(ValueLayout.JAVA_INT_UNALIGNED, b);
                    else seg.set(ValueLayout.JAVA_INT_UNALIGNED, b, a[pos + k]);
                }
            }
            case short[] a -> {
                for (int k = 0; k < count; k++) {
                    long b = (base + k * stride) * item;
                    if (read) a[pos + k] = seg.get(ValueLayout.JAVA_SHORT_UNALIGNED, b);
                    else seg.set(ValueLayout.JAVA_SHORT_UNALIGNED, b, a[pos + k]);
                }
            }
            case byte[] a -> {
                for (int k = 0; k < count; k++) {
                    long b = base + k * stride;
                    if (read) a[pos + k] = seg.get(ValueLayout.JAVA_BYTE, b);
                    else seg.set(ValueLayout.JAVA_BYTE, b, a[pos + k]);
                }
            }
            default -> throw new IllegalArgumentException("not a storage array: " + flat.getClass());
        }
    }

    private static ValueLayout layoutOf(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> ValueLayout.JAVA_FLOAT_UNALIGNED;
            case FLOAT64 -> ValueLayout.JAVA_DOUBLE_UNALIGNED;
            case INT64 -> ValueLayout.JAVA_LONG_UNALIGNED;
            case INT32 -> ValueLayout.JAVA_INT_UNALIGNED;
            case FLOAT16, BFLOAT16, INT16 -> ValueLayout.JAVA_SHORT_UNALIGNED;
            case INT8, UINT8, BOOL -> ValueLayout.JAVA_BYTE;
        };
    }
}
