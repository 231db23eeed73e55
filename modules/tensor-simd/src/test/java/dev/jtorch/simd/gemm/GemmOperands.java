package dev.jtorch.simd.gemm;

import dev.jtorch.DType;
import dev.jtorch.spi.HostStorage;
import dev.jtorch.spi.Strided;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;

/** Builds GEMM operands in every layout and storage the kernel must accept, and reads results back. */
final class GemmOperands {
    private GemmOperands() {}

    /** Where an operand's elements live. */
    enum Memory {
        /** A Java array wrapped as it is. */
        ARRAY,
        /** A slice of a Java array that starts a few elements in (arrayBaseOffset != 0). */
        ARRAY_SLICE,
        /** Native memory: HostStorage.array() is null. */
        NATIVE
    }

    /** Elements before the first one of each operand, so that a non-zero storage offset is always exercised. */
    static final int LEAD = 3;
    /** Elements of the array that a slice storage skips. */
    private static final int SLICE_SKIP = 2;

    /**
     * A [batches, rows, cols] operand holding {@code values} (row-major per matrix; one matrix when
     * {@code broadcast}, which is then repeated with batch stride 0). {@code transposed} stores each
     * matrix column-major, as a transposed view of a contiguous tensor is.
     */
    static Strided operand(DType dtype, double[] values, int batches, int rows, int cols,
                           boolean transposed, boolean broadcast, Memory memory) {
        int stored = broadcast ? 1 : batches;
        int per = rows * cols;
        if (values.length != stored * per) throw new IllegalArgumentException("values do not fit the shape");
        double[] laid = new double[LEAD + stored * per];
        for (int b = 0; b < stored; b++) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    int at = transposed ? j * rows + i : i * cols + j;
                    laid[LEAD + b * per + at] = values[b * per + i * cols + j];
                }
            }
        }
        long[] stride = transposed ? new long[] {per, 1, rows} : new long[] {per, cols, 1};
        if (broadcast) stride[0] = 0;
        return place(dtype, laid, new long[] {batches, rows, cols}, stride, memory);
    }

    /** A contiguous [batches, rows, cols] output filled with NaN (or a sentinel for int64), inside a padded buffer. */
    static Strided output(DType dtype, int batches, int rows, int cols, Memory memory) {
        double[] laid = new double[LEAD + batches * rows * cols + LEAD];
        java.util.Arrays.fill(laid, sentinel(dtype));
        return place(dtype, laid, new long[] {batches, rows, cols}, Strided.contiguousStrides(new long[] {batches, rows, cols}), memory);
    }

    static double sentinel(DType dtype) {
        return dtype == DType.INT64 ? -7777 : Double.NaN;
    }

    private static Strided place(DType dtype, double[] laid, long[] shape, long[] stride, Memory memory) {
        Object array = switch (dtype) {
            case FLOAT32 -> {
                float[] f = new float[laid.length];
                for (int i = 0; i < f.length; i++) f[i] = (float) laid[i];
                yield f;
            }
            case FLOAT64 -> laid.clone();
            case INT64 -> {
                long[] l = new long[laid.length];
                for (int i = 0; i < l.length; i++) l[i] = (long) laid[i];
                yield l;
            }
            default -> throw new IllegalArgumentException(dtype.toString());
        };
        HostStorage storage;
        long offset = LEAD;
        switch (memory) {
            case ARRAY -> storage = HostStorage.wrapArray(array, dtype);
            case ARRAY_SLICE -> {
                MemorySegment whole = heapSegment(array);
                storage = HostStorage.wrap(whole.asSlice((long) SLICE_SKIP * dtype.itemSize()), dtype);
                offset = LEAD - SLICE_SKIP;
            }
            case NATIVE -> {
                MemorySegment heap = heapSegment(array);
                MemorySegment nat = Arena.ofAuto().allocate(heap.byteSize(), 64);
                nat.copyFrom(heap);
                storage = HostStorage.wrap(nat, dtype);
            }
            default -> throw new IllegalArgumentException(memory.toString());
        }
        return new Strided(storage, dtype, shape, stride, offset);
    }

    private static MemorySegment heapSegment(Object array) {
        return switch (array) {
            case float[] f -> MemorySegment.ofArray(f);
            case double[] d -> MemorySegment.ofArray(d);
            case long[] l -> MemorySegment.ofArray(l);
            default -> throw new IllegalArgumentException();
        };
    }

    /** Element {@code index} (counted from the start of the storage, offset not applied) as a double. */
    static double read(Strided t, long index) {
        MemorySegment seg = t.storage().segment();
        return switch (t.dtype()) {
            case FLOAT32 -> seg.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, index);
            case FLOAT64 -> seg.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, index);
            case INT64 -> seg.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, index);
            default -> throw new IllegalArgumentException(t.dtype().toString());
        };
    }

    /** All elements of a contiguous output, row-major. */
    static double[] values(Strided out) {
        double[] v = new double[(int) out.numel()];
        for (int i = 0; i < v.length; i++) v[i] = read(out, out.offset() + i);
        return v;
    }

    /** Uniform values in [-1, 1), or small integers for int64. */
    static double[] random(Random rnd, DType dtype, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = dtype == DType.INT64 ? rnd.nextInt(11) - 5 : rnd.nextDouble() * 2 - 1;
        return v;
    }
}
