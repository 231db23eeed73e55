package dev.jtorch.spi;

import dev.jtorch.DType;

/**
 * What a backend kernel sees of a tensor: storage, dtype and the strided layout, in elements.
 * No autograd state travels with it.
 */
public record Strided(Storage storage, DType dtype, long[] shape, long[] stride, long offset) {

    public int dim() { return shape.length; }

    public long numel() {
        long n = 1;
        for (long s : shape) n *= s;
        return n;
    }

    /** Row-major contiguous (sizes of 1 may have any stride; an empty tensor is contiguous, as in PyTorch). */
    public boolean isContiguous() {
        for (long s : shape) if (s == 0) return true;
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) return false;
            expected *= shape[d];
        }
        return true;
    }

    /** A view of the same memory with another layout. */
    public Strided withLayout(long[] newShape, long[] newStride, long newOffset) {
        return new Strided(storage, dtype, newShape, newStride, newOffset);
    }

    public static long[] contiguousStrides(long[] shape) {
        long[] st = new long[shape.length];
        long s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            st[d] = s;
            s *= Math.max(shape[d], 1);
        }
        return st;
    }
}
