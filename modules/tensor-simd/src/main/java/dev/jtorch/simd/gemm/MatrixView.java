package dev.jtorch.simd.gemm;

import dev.jtorch.spi.HostStorage;
import dev.jtorch.spi.Storage;
import dev.jtorch.spi.Strided;

import java.lang.foreign.MemorySegment;

/**
 * One 2-D matrix of a batched operand, as the packing routines read it. {@code array} is the heap
 * array of the expected element type when there is one (then {@code base} indexes that array);
 * otherwise it is null and {@code base} indexes {@code segment} in elements.
 */
record MatrixView(Object array, MemorySegment segment, long base, long rowStride, long colStride) {

    /** Element index of (row, col) in {@code array} or {@code segment}. */
    long index(long row, long col) {
        return base + row * rowStride + col * colStride;
    }

    /**
     * Matrix {@code batch} of a 3-D operand. {@code arrayType} is the primitive array class that
     * backs the dtype (float[].class ...); other heap or native storages are read through the segment.
     */
    static MatrixView of(Strided t, long batch, Class<?> arrayType) {
        Storage storage = t.storage();
        if (!(storage instanceof HostStorage host)) {
            throw new IllegalArgumentException("matmul: expected CPU storage, got " + storage.getClass().getName());
        }
        // A batch of size 1 may have any stride; only multiply it by batch 0.
        long base = t.offset() + batch * t.stride()[0];
        Object array = host.array();
        if (array != null && array.getClass() == arrayType) {
            long itemSize = t.dtype().itemSize();
            return new MatrixView(array, host.segment(), host.arrayBaseOffset() / itemSize + base, t.stride()[1], t.stride()[2]);
        }
        return new MatrixView(null, host.segment(), base, t.stride()[1], t.stride()[2]);
    }
}
