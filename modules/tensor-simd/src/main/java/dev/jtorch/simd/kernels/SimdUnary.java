package dev.jtorch.simd.kernels;

import dev.jtorch.DType;
import dev.jtorch.ops.UnaryOp;
import dev.jtorch.spi.Strided;

import java.util.function.DoubleUnaryOperator;

/**
 * Vector API unary kernels for float32 and float64: rows of stride 1 run the per-op loops of
 * {@link SimdFloatRows} / {@link SimdDoubleRows}, other rows the scalar loop.
 */
final class SimdUnary {
    private SimdUnary() {}

    /** Returns false when the op/dtype has no vector form (the caller runs the scalar kernel). */
    static boolean unary(UnaryOp op, Strided in, Strided out, int threads) {
        if (out.dtype() != in.dtype()) return false;
        if (in.dtype() == DType.FLOAT32) {
            SimdFloatRows.Unary vector = SimdFloatRows.unary(op);
            if (vector == null) return false;
            float[] x = (float[]) Host.array(in), y = (float[]) Host.array(out);
            if (Loop.oneRow(threads, out, in)) {
                vector.run(x, Host.base(in), y, Host.base(out), (int) out.numel());
                return true;
            }
            Loop loop = Loop.over(out.shape(), out, in);
            int so = loop.innerStride(0), si = loop.innerStride(1);
            UnaryKernels.FloatFn f = UnaryKernels.floatFn(op);
            Parallel.forEach(loop, threads, (off, n) -> {
                if (so == 1 && si == 1) vector.run(x, off[1], y, off[0], n);
                else for (int i = 0, p = off[1], q = off[0]; i < n; i++, p += si, q += so) y[q] = f.apply(x[p]);
            });
            return true;
        }
        if (in.dtype() == DType.FLOAT64) {
            SimdDoubleRows.Unary vector = SimdDoubleRows.unary(op);
            if (vector == null) return false;
            double[] x = (double[]) Host.array(in), y = (double[]) Host.array(out);
            if (Loop.oneRow(threads, out, in)) {
                vector.run(x, Host.base(in), y, Host.base(out), (int) out.numel());
                return true;
            }
            Loop loop = Loop.over(out.shape(), out, in);
            int so = loop.innerStride(0), si = loop.innerStride(1);
            DoubleUnaryOperator f = UnaryKernels.doubleFn(op);
            Parallel.forEach(loop, threads, (off, n) -> {
                if (so == 1 && si == 1) vector.run(x, off[1], y, off[0], n);
                else for (int i = 0, p = off[1], q = off[0]; i < n; i++, p += si, q += so) y[q] = f.applyAsDouble(x[p]);
            });
            return true;
        }
        return false;
    }
}
