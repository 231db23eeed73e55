package dev.jtorch.simd.gemm;

import dev.jtorch.simd.kernels.CopyKernels;
import dev.jtorch.simd.kernels.Host;
import dev.jtorch.simd.kernels.Parallel;
import dev.jtorch.DType;
import dev.jtorch.spi.Strided;

import java.util.Arrays;

/** Batched matrix multiply of the CPU backend: validation, dtype dispatch and the split across threads. */
public final class Gemm {
    private Gemm() {}

    /** Columns of a slice below which a problem split across threads is cut into slices of rows instead. */
    static final int MIN_SLICE_COLUMNS = 64;

    /** Below this many multiply-adds a problem runs on the calling thread alone: waking workers costs more. */
    static final long PARALLEL_THRESHOLD = 1L << 21;
    /**
     * {@link #subtractProduct}'s threshold: the factorizations' updates come one after another, the workers still
     * spinning. 2026-11-24, AVX2 VM, 2 threads, best calls (1 thread: 3.8, 4.5, 7.8 ms): at 2^21 Cholesky 512² 3.78 ms,
     * det 512² 4.13, qr 512×256 7.13; at 2^18 3.34, 3.86, 6.33; at 2^16 no better (3.89, 4.12, 6.41).
     */
    static final long SUBTRACT_PARALLEL_THRESHOLD = 1L << 18;
    /**
     * {@link #subtractProductInFloat}'s shallowest product in float32: below it rounding the operands and subtracting the
     * product costs more than the lanes save (Cholesky's innermost columns, 4 deep: 2026-11-25, AVX2 VM, 1 thread, best
     * calls of 4 s, float32 Cholesky 512² 3.40-3.59 ms with every product in float32, 3.15-3.25 from depth 8, 3.04-3.15
     * from 16, 2.97-3.06 from 32; but float32 inv 256² 1.66-1.69 ms, 1.68-1.72, 1.71-1.78, 1.76-1.77).
     */
    static final int FLOAT_PRODUCT_MIN_DEPTH = 8;

    /**
     * {@code out[b] = a[b] @ bm[b]}; a [B,M,K], bm [B,K,N], out [B,M,N] contiguous; a and bm any strides.
     * dtypes are all FLOAT32, all FLOAT64 or all INT64. {@code threads} caps the worker count;
     * {@code simd=false} runs the scalar reference loop instead of the blocked Vector API kernel.
     */
    public static void matmul(Strided a, Strided bm, Strided out, int threads, boolean simd) {
        matmul(a, bm, out, threads, simd, PARALLEL_THRESHOLD);
    }

    /** As {@link #matmul(Strided, Strided, Strided, int, boolean)} with a chosen parallel threshold (tests use 0). */
    static void matmul(Strided a, Strided bm, Strided out, int threads, boolean simd, long parallelThreshold) {
        validate(a, bm, out);
        int batches = (int) out.shape()[0], m = (int) out.shape()[1], n = (int) out.shape()[2];
        int k = (int) a.shape()[2];
        if (batches == 0 || m == 0 || n == 0) return;

        Algorithm algo;
        if (!simd || k == 0 || a.dtype() == DType.INT64) algo = Algorithm.REFERENCE; // k == 0: the loop writes zeros
        else algo = a.dtype() == DType.FLOAT32 ? Algorithm.FLOAT32 : Algorithm.FLOAT64;

        if (algo != Algorithm.REFERENCE && transposeIsCheaper(a, bm, m, n, k)
                && Host.arrayBacked(a) && Host.arrayBacked(bm) && Host.arrayBacked(out)) {
            // C = A B with B stored transposed (x @ w.t(), dy.t() @ x ...): packing B would transpose K x N
            // elements; C^T = B^T A^T reads B^T in place and transposes only A (K x M) and the result (M x N).
            Strided ct = Host.allocate(out.dtype(), new long[]{batches, n, m});
            matmul(swapLast(bm), swapLast(a), ct, threads, simd, parallelThreshold);
            CopyKernels.copy(swapLast(ct), out, true, threads);
            return;
        }
        long work = (long) batches * m * n * Math.max(k, 1);
        int parts = threads <= 1 || work < parallelThreshold ? 1 : threads;
        if (parts == 1) {
            for (int b = 0; b < batches; b++) algo.run(a, bm, out, b, 0, m, 0, n);
            return;
        }
        if (batches >= parts && (batches % parts == 0 || batches >= 4 * parts)) {
            // Whole matrices per thread: no shared packing, no thin slices.
            int p = parts;
            Parallel.run(p, t -> {
                for (int b = (int) ((long) batches * t / p); b < (long) batches * (t + 1) / p; b++) algo.run(a, bm, out, b, 0, m, 0, n);
            });
            return;
        }
        // Every matrix split into slices that are whole tiles wide: by columns where A is a row-major heap array, each
        // slice keeps several B panels and C is not far taller than wide (each thread then packs only its own columns
        // of B, where slices of rows would each pack all of it; measured when A was still read in place: 2 threads,
        // 256² 150 -> 158 GFLOP/s, 1024² 175 -> 179), else along the longer side.
        boolean aRowMajor = a.stride()[2] == 1 && Host.arrayBacked(a);
        boolean byColumns = aRowMajor && n >= (long) parts * MIN_SLICE_COLUMNS && m <= 4L * n;
        boolean splitRows = !byColumns && m >= n;
        int unit = splitRows ? algo.rowUnit() : algo.colUnit();
        int extent = splitRows ? m : n;
        int p = (int) Math.min(parts, (extent + unit - 1) / unit);
        int tiles = (extent + unit - 1) / unit;
        Parallel.run(p, t -> {
            int lo = sliceBound(t, p, tiles, unit, extent), hi = sliceBound(t + 1, p, tiles, unit, extent);
            if (lo >= hi) return;
            for (int b = 0; b < batches; b++) {
                if (splitRows) algo.run(a, bm, out, b, lo, hi, 0, n);
                else algo.run(a, bm, out, b, 0, m, lo, hi);
            }
        });
    }

    /**
     * {@code C -= A B} on dense double arrays: {@code A(i, p) = a[ao + i*ars + p*acs]}, {@code B(p, j) = b[bo + p*brs + j*bcs]},
     * {@code C(i, j) = c[co + i*ldc + j]} for i < m, j < n, p < k. The trailing updates of the blocked factorizations
     * (dev.jtorch.simd.linalg), which hold their matrices as row-major doubles. C may lie in the same array as A and B,
     * but must not overlap them. On up to {@code threads} threads ({@link #inSlices}).
     */
    public static void subtractProduct(double[] a, int ao, int ars, int acs, double[] b, int bo, int brs, int bcs,
                                       double[] c, int co, int ldc, int m, int n, int k, int threads) {
        if (m <= 0 || n <= 0 || k <= 0) return;
        inSlices(m, n, k, threads, Float64Kernel.MR, Float64Kernel.NR, (i0, i1, j0, j1) -> Float64Gemm.subtract(
                new MatrixView(a, null, ao + (long) i0 * ars, ars, acs), new MatrixView(b, null, bo + (long) j0 * bcs, brs, bcs),
                new MatrixView(c, null, co + (long) i0 * ldc + j0, ldc, 1), k, i1 - i0, j1 - j0));
    }

    /** One thread's share of C in {@link #inSlices}: rows i0..i1, columns j0..j1. */
    @FunctionalInterface
    interface Slice {
        void run(int i0, int i1, int j0, int j1);
    }

    /**
     * The m×n C of a factorization's update, k deep, cut into slices of whole tiles (mr rows or nr columns) along its
     * longer side, one per thread, or whole on the calling thread below {@link #SUBTRACT_PARALLEL_THRESHOLD}: every
     * tile sums its depth in the same blocks and order either way, so the bits do not depend on the thread count.
     */
    static void inSlices(int m, int n, int k, int threads, int mr, int nr, Slice slice) {
        boolean byRows = m > n;
        int unit = byRows ? mr : nr, extent = byRows ? m : n, tiles = (extent + unit - 1) / unit;
        int parts = threads <= 1 || (long) m * n * k < SUBTRACT_PARALLEL_THRESHOLD ? 1 : Math.min(threads, tiles);
        if (parts == 1) {
            slice.run(0, m, 0, n);
            return;
        }
        Parallel.run(parts, t -> {
            int lo = sliceBound(t, parts, tiles, unit, extent), hi = sliceBound(t + 1, parts, tiles, unit, extent);
            if (lo >= hi) return;
            if (byRows) slice.run(lo, hi, 0, n);
            else slice.run(0, m, lo, hi);
        });
    }

    /**
     * {@link #subtractProduct} with the product taken in float32: A and B rounded to float, multiplied by the float32
     * GEMM (twice the lanes), the product subtracted from the double C. The blocked updates of float32 LU, triangular
     * solves, Cholesky, QR and eigh's Q, where LAPACK's single-precision routines, which PyTorch calls for float32,
     * multiply in float32 too; the rest of those algorithms stays in double. The same bits on any number of threads.
     * Products less than {@link #FLOAT_PRODUCT_MIN_DEPTH} deep stay in double.
     */
    public static void subtractProductInFloat(double[] a, int ao, int ars, int acs, double[] b, int bo, int brs, int bcs,
                                              double[] c, int co, int ldc, int m, int n, int k, int threads) {
        if (m <= 0 || n <= 0 || k <= 0) return;
        if (k < FLOAT_PRODUCT_MIN_DEPTH) {
            subtractProduct(a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc, m, n, k, threads);
            return;
        }
        FloatProduct.subtract(a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc, m, n, k, threads);
    }

    /** Where slice t of {@code parts} begins: whole tiles of {@code unit} rows or columns, at most {@code extent}. */
    private static int sliceBound(int t, int parts, int tiles, int unit, int extent) {
        return Math.min(extent, (int) ((long) tiles * t / parts) * unit);
    }

    /**
     * Whether {@code A B} should run as {@code (B^T A^T)^T}: B is stored transposed (unit stride along k), A is not,
     * and transposing A and the result moves clearly fewer elements than transposing B. The swapped problem never
     * qualifies again (its B is the old A, whose transpose costs more than the old B's by the same inequality).
     * A with fewer rows than a tile is wide would leave most of every swapped tile padding: 1 thread, AVX-512,
     * 9 x 43264 @ 43264 x 32 took 1.07-1.17 ms swapped and 0.71 ms not, 16 x 512 @ 512 x 1024 0.34-0.46 against
     * 0.31 ms (while 64 x 256 @ 256 x 784 took 0.23-0.25 ms swapped and 0.28 ms not). The other way round, a B
     * narrower than a tile is swapped whatever it moves: 32 x 43264 @ 43264 x 9 (the weight gradient of the bench
     * CNN's first convolution while it went through im2col) took 1.09 ms as it is and 0.61 ms swapped.
     */
    static boolean transposeIsCheaper(Strided a, Strided bm, long m, long n, long k) {
        boolean bTransposed = bm.stride()[1] == 1 && bm.stride()[2] != 1 && k > 1 && n > 1;
        // a broadcast A (stride 0 along k: the expanded gradient of a sum) packs as cheaply as a row-major one
        boolean aRowMajor = a.stride()[2] == 1 || a.stride()[2] == 0 || k == 1;
        int tileColumns = a.dtype() == DType.FLOAT64 ? Float64Kernel.NR : Float32Kernel.NR;
        boolean thinB = n < tileColumns; // the swapped tiles are full where these would be mostly padding
        return bTransposed && aRowMajor && m >= tileColumns && (thinB || 2 * (k * m + m * n) < k * n);
    }

    /** The same batched matrices with their last two dims swapped (a view). */
    private static Strided swapLast(Strided t) {
        long[] sh = t.shape(), st = t.stride();
        return new Strided(t.storage(), t.dtype(), new long[]{sh[0], sh[2], sh[1]}, new long[]{st[0], st[2], st[1]}, t.offset());
    }

    private enum Algorithm {
        REFERENCE, FLOAT32, FLOAT64;

        int rowUnit() {
            return switch (this) {
                case REFERENCE -> 1;
                case FLOAT32 -> Float32Kernel.MR;
                case FLOAT64 -> Float64Kernel.MR;
            };
        }

        int colUnit() {
            return switch (this) {
                case REFERENCE -> 1;
                case FLOAT32 -> Float32Kernel.NR;
                case FLOAT64 -> Float64Kernel.NR;
            };
        }

        /** Rows [m0, m1) x columns [n0, n1) of out[batch]. */
        void run(Strided a, Strided bm, Strided out, int batch, int m0, int m1, int n0, int n1) {
            int k = (int) a.shape()[2];
            switch (this) {
                case REFERENCE -> ReferenceGemm.matmul(a, bm, out, batch, m0, m1, n0, n1);
                case FLOAT32 -> Float32Gemm.multiply(MatrixView.of(a, batch, float[].class), MatrixView.of(bm, batch, float[].class),
                        MatrixView.of(out, batch, float[].class), k, m0, m1, n0, n1);
                case FLOAT64 -> Float64Gemm.multiply(MatrixView.of(a, batch, double[].class), MatrixView.of(bm, batch, double[].class),
                        MatrixView.of(out, batch, double[].class), k, m0, m1, n0, n1);
            }
        }
    }

    private static void validate(Strided a, Strided bm, Strided out) {
        if (a.dim() != 3 || bm.dim() != 3 || out.dim() != 3) {
            throw new IllegalArgumentException("matmul kernel expects 3-D operands, got a " + Arrays.toString(a.shape())
                    + ", b " + Arrays.toString(bm.shape()) + ", out " + Arrays.toString(out.shape()));
        }
        long[] as = a.shape(), bs = bm.shape(), os = out.shape();
        if (as[0] != bs[0] || as[0] != os[0] || as[2] != bs[1] || as[1] != os[1] || bs[2] != os[2]) {
            throw new IllegalArgumentException("matmul kernel expects a [B,M,K], b [B,K,N], out [B,M,N], got a "
                    + Arrays.toString(as) + ", b " + Arrays.toString(bs) + ", out " + Arrays.toString(os));
        }
        for (long s : new long[] {as[0], as[1], as[2], bs[2]}) {
            if (s > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("matmul kernel: dimension " + s + " exceeds 2^31 - 1");
            }
        }
        DType dt = a.dtype();
        if (bm.dtype() != dt || out.dtype() != dt || (dt != DType.FLOAT32 && dt != DType.FLOAT64 && dt != DType.INT64)) {
            throw new IllegalArgumentException("matmul kernel expects all float32, all float64 or all int64 operands, got "
                    + a.dtype() + ", " + bm.dtype() + " and " + out.dtype());
        }
        if (os[2] > 1 && out.stride()[2] != 1) {
            throw new IllegalArgumentException("matmul kernel expects out with unit column stride, got strides "
                    + Arrays.toString(out.stride()));
        }
    }
}
