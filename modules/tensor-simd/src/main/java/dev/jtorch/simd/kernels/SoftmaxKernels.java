package dev.jtorch.simd.kernels;

import dev.jtorch.DType;
import dev.jtorch.spi.Strided;

/**
 * softmax and log-softmax along one dim of a contiguous float32/float64 tensor, seen as [outer, n, inner]. float32
 * goes through {@link SimdSoftmax} when SIMD is on and n is at least {@link #SHORTEST_VECTOR_ROW} (rows along the
 * last dim, inner = 1, or blocks of columns along another); float64, shorter softmaxes and SIMD off through the
 * reference loop here, in double. Rows or column blocks are split across threads.
 */
public final class SoftmaxKernels {
    private SoftmaxKernels() {}

    /**
     * A softmax over fewer elements than this takes the reference loop even with SIMD on: per row, the vector
     * kernels set up their constants and a masked tail, which for rows of 1 or 2 costs more than the scalar loop
     * saves ([16, 1]: 724 ns against 443 for softmax, 897 against 411 for log-softmax; from 3 elements on the vector
     * rows are as fast or faster).
     */
    static final int SHORTEST_VECTOR_ROW = 3;

    public static void softmax(Strided in, int dim, boolean log, Strided out, int threads, boolean simd) {
        if (in.dtype() != DType.FLOAT32 && in.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException((log ? "log_softmax" : "softmax") + ": unsupported compute dtype " + in.dtype());
        }
        long[] shape = in.shape();
        int n = shape.length == 0 ? 1 : (int) shape[dim];
        long outerL = 1, innerL = 1;
        for (int d = 0; d < dim; d++) outerL *= shape[d];
        for (int d = dim + 1; d < shape.length; d++) innerL *= shape[d];
        int outer = (int) outerL, inner = (int) innerL, rows = outer * inner;
        if (rows == 0 || n == 0) return;
        int xb = Host.base(in), yb = Host.base(out);
        int wanted = Parallel.parts((long) rows * n, threads), parts = Math.max(1, Math.min(rows, wanted));
        boolean vector = in.dtype() == DType.FLOAT32 && simd && n >= SHORTEST_VECTOR_ROW;
        if (vector && inner == 1) {
            float[] x = (float[]) Host.array(in), y = (float[]) Host.array(out);
            Parallel.run(parts, p -> SimdSoftmax.rows(x, xb, y, yb, n,
                    (int) ((long) rows * p / parts), (int) ((long) rows * (p + 1) / parts), log));
            return;
        }
        if (vector) {
            float[] x = (float[]) Host.array(in), y = (float[]) Host.array(out);
            int width = SimdSoftmax.columnBlock(inner, outer, wanted), units = outer * ((inner + width - 1) / width);
            int cparts = Math.max(1, Math.min(units, wanted));
            Parallel.run(cparts, p -> SimdSoftmax.columns(x, xb, y, yb, n, inner, width,
                    (int) ((long) units * p / cparts), (int) ((long) units * (p + 1) / cparts), log));
            return;
        }
        Object x = Host.array(in), y = Host.array(out);
        Parallel.run(parts, p -> {
            for (int r = (int) ((long) rows * p / parts); r < (long) rows * (p + 1) / parts; r++) {
                int o = r / inner, i = r % inner;
                reference(x, xb + o * n * inner + i, y, yb + o * n * inner + i, n, inner, log);
            }
        });
    }

    /** One row of n elements, stride s, in double: max, then exp(x - max) and its sum, then the division or the log. */
    private static void reference(Object x, int p, Object y, int q, int n, int s, boolean log) {
        double max = Double.NEGATIVE_INFINITY;
        boolean nan = false;
        for (int i = 0; i < n; i++) {
            double v = Host.floating(x, p + i * s);
            if (Double.isNaN(v)) nan = true;
            else max = Math.max(max, v);
        }
        if (nan) max = Double.NaN;
        double sum = 0;
        for (int i = 0; i < n; i++) sum += Math.exp(Host.floating(x, p + i * s) - max);
        double logSum = log ? Math.log(sum) : 0; // only log-softmax needs it (softmax of [16, 1]: 488 -> 328 ns)
        for (int i = 0; i < n; i++) {
            double shifted = Host.floating(x, p + i * s) - max;
            Host.setFloating(y, q + i * s, log ? shifted - logSum : Math.exp(shifted) / sum);
        }
    }
}
