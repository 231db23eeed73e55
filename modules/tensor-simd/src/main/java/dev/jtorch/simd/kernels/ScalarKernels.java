package dev.jtorch.simd.kernels;

import dev.jtorch.ops.BinaryOp;
import dev.jtorch.ops.ReduceOp;
import dev.jtorch.ops.ScanOp;
import dev.jtorch.ops.UnaryOp;
import dev.jtorch.spi.Strided;

/** The scalar reference kernels: plain Java loops, the semantics every faster kernel must match. */
public class ScalarKernels implements Kernels {
    @Override public void copy(Strided src, Strided dst) { CopyKernels.copy(src, dst); }

    @Override public void fill(Strided dst, double value) { CopyKernels.fill(dst, value); }

    @Override public void fill(Strided dst, long value) { CopyKernels.fill(dst, value); }

    @Override public void unary(UnaryOp op, Strided in, Strided out) { UnaryKernels.unary(op, in, out); }

    @Override public void binary(BinaryOp op, Strided a, Strided b, Strided out) { BinaryKernels.binary(op, a, b, out); }

    @Override public void clamp(Strided in, Double min, Double max, Strided out) { BinaryKernels.clamp(in, min, max, out); }

    @Override public void where(Strided cond, Strided a, Strided b, Strided out) { BinaryKernels.where(cond, a, b, out); }

    @Override
    public void thresholdBackward(Strided grad, Strided self, double threshold, Strided out) {
        BinaryKernels.thresholdBackward(grad, self, threshold, out);
    }

    @Override public void reduce(ReduceOp op, Strided in, int[] dims, Strided out) { ReduceKernels.reduce(op, in, dims, out); }

    @Override
    public void reduceWithIndex(ReduceOp op, Strided in, int dim, Strided values, Strided indices) {
        ReduceKernels.reduceWithIndex(op, in, dim, values, indices);
    }

    @Override public void scan(ScanOp op, Strided in, int dim, Strided out) { ScanKernels.scan(op, in, dim, out); }

    @Override
    public void sort(Strided in, int dim, boolean descending, boolean stable, Strided values, Strided indices) {
        SortKernels.sort(in, dim, descending, stable, values, indices);
    }

    @Override public void indexSelect(Strided in, int dim, Strided index, Strided out) { IndexKernels.indexSelect(in, dim, index, out); }

    @Override public void gather(Strided in, int dim, Strided index, Strided out) { IndexKernels.gather(in, dim, index, out); }

    @Override
    public void scatter(Strided self, int dim, Strided index, Strided src, boolean add) {
        IndexKernels.scatter(self, dim, index, src, add);
    }

    @Override public long countNonzero(Strided in) { return ReduceKernels.countNonzero(in); }

    @Override public void nonzero(Strided in, Strided out) { IndexKernels.nonzero(in, out); }
}
