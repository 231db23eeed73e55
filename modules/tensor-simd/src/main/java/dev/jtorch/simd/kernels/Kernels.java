package dev.jtorch.simd.kernels;

import dev.jtorch.ops.BinaryOp;
import dev.jtorch.ops.ReduceOp;
import dev.jtorch.ops.ScanOp;
import dev.jtorch.ops.UnaryOp;
import dev.jtorch.spi.Strided;

/**
 * One complete set of CPU kernels ({@link ScalarKernels} or {@link SimdKernels}), with the
 * {@link dev.jtorch.spi.Backend} contract. Every operand is backed by a Java array
 * ({@link Host#arrayBacked}); {@link dev.jtorch.simd.CpuBackend} stages other memory first.
 */
public interface Kernels {
    void copy(Strided src, Strided dst);

    void fill(Strided dst, double value);

    void fill(Strided dst, long value);

    void unary(UnaryOp op, Strided in, Strided out);

    void binary(BinaryOp op, Strided a, Strided b, Strided out);

    void clamp(Strided in, Double min, Double max, Strided out);

    void where(Strided cond, Strided a, Strided b, Strided out);

    void thresholdBackward(Strided grad, Strided self, double threshold, Strided out);

    void reduce(ReduceOp op, Strided in, int[] dims, Strided out);

    void reduceWithIndex(ReduceOp op, Strided in, int dim, Strided values, Strided indices);

    void scan(ScanOp op, Strided in, int dim, Strided out);

    void sort(Strided in, int dim, boolean descending, boolean stable, Strided values, Strided indices);

    void indexSelect(Strided in, int dim, Strided index, Strided out);

    void gather(Strided in, int dim, Strided index, Strided out);

    void scatter(Strided self, int dim, Strided index, Strided src, boolean add);

    long countNonzero(Strided in);

    void nonzero(Strided in, Strided out);
}
