package dev.jtorch.cuda.kernels;

import dev.jtorch.DType;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** Writes native/jtorch_kernels.cu's {@code struct TensorArg}: data pointer, shape and strides (elements), rank, dtype. */
public final class TensorArgs {
    public static final int MAX_DIMS = 8;

    /** { char* data; long long shape[8]; long long stride[8]; int ndim; int dtype; } */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            ADDRESS.withName("data"),
            MemoryLayout.sequenceLayout(MAX_DIMS, JAVA_LONG).withName("shape"),
            MemoryLayout.sequenceLayout(MAX_DIMS, JAVA_LONG).withName("stride"),
            JAVA_INT.withName("ndim"),
            JAVA_INT.withName("dtype"));

    private TensorArgs() {}

    /** A TensorArg for the tensor at device address {@code data} (already at the tensor's first element). */
    public static MemorySegment of(Arena arena, long data, DType dtype, long[] shape, long[] stride) {
        if (shape.length > MAX_DIMS) {
            throw new UnsupportedOperationException("CUDA kernels take tensors of at most " + MAX_DIMS + " dims, got " + shape.length);
        }
        MemorySegment s = arena.allocate(LAYOUT);
        s.set(ADDRESS, 0, MemorySegment.ofAddress(data));
        for (int d = 0; d < shape.length; d++) {
            s.set(JAVA_LONG, 8 + 8L * d, shape[d]);
            s.set(JAVA_LONG, 8 + 8L * MAX_DIMS + 8L * d, stride[d]);
        }
        s.set(JAVA_INT, 8 + 16L * MAX_DIMS, shape.length);
        s.set(JAVA_INT, 12 + 16L * MAX_DIMS, dtype.ordinal());
        return s;
    }
}
