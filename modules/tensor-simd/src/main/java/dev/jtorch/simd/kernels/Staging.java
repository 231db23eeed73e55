package dev.jtorch.simd.kernels;

import dev.jtorch.DType;
import dev.jtorch.spi.Strided;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Memory the array kernels cannot address directly (native segments, arrays of another element
 * type) is staged through a contiguous heap copy; {@link #copy} converts between any two operands
 * element by element through their segments.
 */
public final class Staging {
    private Staging() {}

    /** The operand itself when array-backed, else a heap copy of its current contents. */
    public static Strided stage(Strided s) {
        if (Host.arrayBacked(s)) return s;
        Strided c = Host.allocate(s.dtype(), s.shape());
        copy(s, c);
        return c;
    }

    /** Writes a staged output back to where it came from (no-op when it was not staged). */
    public static void unstage(Strided staged, Strided original) {
        if (staged != original) copy(staged, original);
    }

    /** Element-by-element cast copy through the storages' segments; any dtypes, any memory. */
    public static void copy(Strided src, Strided dst) {
        Loop loop = Loop.create(dst.shape(), 0, new long[][]{dst.stride(), src.stride()},
                new int[]{Math.toIntExact(dst.offset()), Math.toIntExact(src.offset())});
        MemorySegment from = src.storage().segment(), to = dst.storage().segment();
        DType st = src.dtype(), dt = dst.dtype();
        int ds = loop.innerStride(0), ss = loop.innerStride(1);
        loop.forEach((off, n) -> {
            for (int i = 0; i < n; i++) {
                long p = off[1] + (long) i * ss, q = off[0] + (long) i * ds;
                long raw = st.isFloatingPoint() ? Convert.rawFromDouble(dt, getDouble(from, st, p))
                        : Convert.rawFromLong(dt, getLong(from, st, p));
                putRaw(to, dt, q, raw);
            }
        });
    }

    static double getDouble(MemorySegment m, DType t, long i) {
        return switch (t) {
            case FLOAT32 -> m.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i);
            case FLOAT64 -> m.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i);
            case FLOAT16 -> Float.float16ToFloat(m.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i));
            case BFLOAT16 -> Convert.fromBFloat16(m.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i));
            default -> getLong(m, t, i);
        };
    }

    static long getLong(MemorySegment m, DType t, long i) {
        return switch (t) {
            case INT64 -> m.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i);
            case INT32 -> m.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i);
            case INT16 -> m.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i);
            case INT8 -> m.get(ValueLayout.JAVA_BYTE, i);
            case UINT8 -> m.get(ValueLayout.JAVA_BYTE, i) & 0xFF;
            case BOOL -> m.get(ValueLayout.JAVA_BYTE, i) != 0 ? 1 : 0;
            default -> throw new IllegalArgumentException("getLong: floating dtype " + t);
        };
    }

    static void putRaw(MemorySegment m, DType t, long i, long raw) {
        switch (t) {
            case FLOAT32, INT32 -> m.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, (int) raw);
            case FLOAT64, INT64 -> m.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, raw);
            case FLOAT16, BFLOAT16, INT16 -> m.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i, (short) raw);
            case INT8, UINT8, BOOL -> m.set(ValueLayout.JAVA_BYTE, i, (byte) raw);
        }
    }
}
