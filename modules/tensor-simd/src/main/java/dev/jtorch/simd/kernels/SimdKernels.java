package dev.jtorch.simd.kernels;

import dev.jtorch.ops.BinaryOp;
import dev.jtorch.ops.ReduceOp;
import dev.jtorch.ops.UnaryOp;
import dev.jtorch.spi.Strided;

import java.util.function.IntSupplier;

/**
 * The Vector API kernels: the scalar kernels with vector forms for the hot families (unary and
 * binary elementwise ops, clamp, where, reductions, float32 transposing copies), large ones (copies too) split
 * across threads. Whatever has no vector form falls back to {@link ScalarKernels}, so both sets always agree on
 * semantics.
 */
public class SimdKernels extends ScalarKernels {
    private final IntSupplier threads;

    /** Large elementwise kernels split across {@code threads.getAsInt()} threads. */
    public SimdKernels(IntSupplier threads) { this.threads = threads; }

    /** Single-threaded. */
    public SimdKernels() { this(() -> 1); }

    @Override
    public void unary(UnaryOp op, Strided in, Strided out) {
        if (!SimdUnary.unary(op, in, out, threads.getAsInt())) super.unary(op, in, out);
    }

    @Override
    public void binary(BinaryOp op, Strided a, Strided b, Strided out) {
        if (!SimdBinary.binary(op, a, b, out, threads.getAsInt())) super.binary(op, a, b, out);
    }

    @Override
    public void clamp(Strided in, Double min, Double max, Strided out) {
        if (!SimdBinary.clamp(in, min, max, out, threads.getAsInt())) super.clamp(in, min, max, out);
    }

    @Override
    public void where(Strided cond, Strided a, Strided b, Strided out) {
        if (!SimdWhere.where(cond, a, b, out, threads.getAsInt())) super.where(cond, a, b, out);
    }

    @Override
    public void thresholdBackward(Strided grad, Strided self, double threshold, Strided out) {
        if (!SimdThreshold.backward(grad, self, threshold, out, threads.getAsInt())) super.thresholdBackward(grad, self, threshold, out);
    }

    @Override
    public void copy(Strided src, Strided dst) { CopyKernels.copy(src, dst, true, threads.getAsInt()); }

    @Override
    public void reduce(ReduceOp op, Strided in, int[] dims, Strided out) {
        ReduceKernels.reduce(op, in, dims, out, true, threads.getAsInt());
    }
}
