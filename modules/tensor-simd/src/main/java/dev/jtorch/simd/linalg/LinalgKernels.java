package dev.jtorch.simd.linalg;

import dev.jtorch.DType;
import dev.jtorch.spi.Strided;

/**
 * The CPU's linear-algebra primitives over batches of matrices ({@code [B, m, n]} operands, float32
 * or float64, any strides). Each matrix is factorized in double through the {@link RowOps} of the
 * chosen form (reference or Vector API), except that float32 LU, triangular solves, Cholesky, QR and eigh's Q take
 * their blocked updates' products in float32, as LAPACK's single-precision routines. Matrices of a batch run on
 * separate threads, and a lone matrix runs the large products of the blocked algorithms on them (the same bits on any
 * number of threads).
 */
public final class LinalgKernels {
    private LinalgKernels() {}

    /** See {@link dev.jtorch.spi.Backend#luFactor}. */
    public static void luFactor(Strided a, Strided lu, Strided pivots, Strided info, int threads, boolean simd) {
        RowOps ops = RowOps.of(simd, Batch.count(a), threads, a.dtype() == DType.FLOAT32);
        int m = Batch.rows(a), n = Batch.cols(a), k = Math.min(m, n);
        Batch.forEach(Batch.count(a), (long) m * n * k, threads, b -> {
            double[] x = new double[m * n];
            int[] piv = new int[k];
            Batch.load(a, b, x);
            int status = Lu.factor(x, m, n, piv, ops);
            Batch.store(x, lu, b);
            for (int j = 0; j < k; j++) Batch.setInt(pivots, b, j, piv[j]);
            Batch.setInt(info, b, 0, status);
        });
    }

    /** See {@link dev.jtorch.spi.Backend#triangularSolve}. */
    public static void triangularSolve(Strided a, Strided rhs, boolean upper, boolean unitDiagonal, Strided out,
                                       int threads, boolean simd) {
        RowOps ops = RowOps.of(simd, Batch.count(a), threads, a.dtype() == DType.FLOAT32);
        int n = Batch.rows(a), k = Batch.cols(rhs);
        Batch.forEach(Batch.count(a), (long) n * n * k, threads, b -> {
            double[] t = new double[n * n], x = new double[n * k];
            Batch.load(a, b, t);
            Batch.load(rhs, b, x);
            Triangular.solve(t, n, x, k, upper, unitDiagonal, ops);
            Batch.store(x, out, b);
        });
    }

    /** See {@link dev.jtorch.spi.Backend#cholesky}. */
    public static void cholesky(Strided a, Strided out, Strided info, int threads, boolean simd) {
        RowOps ops = RowOps.of(simd, Batch.count(a), threads, a.dtype() == DType.FLOAT32);
        int n = Batch.rows(a);
        Batch.forEach(Batch.count(a), (long) n * n * n, threads, b -> {
            double[] x = new double[n * n], l = new double[n * n];
            Batch.load(a, b, x);
            int status = Cholesky.factor(x, n, l, ops);
            Batch.store(l, out, b);
            Batch.setInt(info, b, 0, status);
        });
    }

    /** See {@link dev.jtorch.spi.Backend#eigh}. */
    public static void eigh(Strided a, Strided values, Strided vectors, Strided info, int threads, boolean simd) {
        RowOps ops = RowOps.of(simd, Batch.count(a), threads, a.dtype() == DType.FLOAT32);
        int n = Batch.rows(a);
        Batch.forEach(Batch.count(a), 4L * n * n * n, threads, b -> {
            double[] x = new double[n * n], w = new double[n], v = new double[n * n];
            Batch.load(a, b, x);
            int status = SymmetricEigen.decompose(x, n, w, v, ops);
            Batch.store(v, vectors, b);
            for (int j = 0; j < n; j++) Batch.setFloating(values, b, j, w[j]);
            Batch.setInt(info, b, 0, status);
        });
    }

    /** See {@link dev.jtorch.spi.Backend#qr}. */
    public static void qr(Strided a, Strided q, Strided r, int threads, boolean simd) {
        RowOps ops = RowOps.of(simd, Batch.count(a), threads, a.dtype() == DType.FLOAT32);
        int m = Batch.rows(a), n = Batch.cols(a), qCols = Batch.cols(q), rRows = Batch.rows(r);
        Batch.forEach(Batch.count(a), (long) m * n * Math.max(m, n), threads, b -> {
            double[] x = new double[m * n];
            Batch.load(a, b, x);
            double[] tau = Householder.factor(x, m, n, ops);
            Batch.store(Householder.formQ(x, m, n, tau, qCols, ops), q, b);
            double[] rr = new double[rRows * n];
            for (int i = 0; i < rRows; i++) for (int j = i; j < n; j++) rr[i * n + j] = x[i * n + j];
            Batch.store(rr, r, b);
        });
    }

    /** See {@link dev.jtorch.spi.Backend#svd}. */
    public static void svd(Strided a, Strided u, Strided s, Strided vh, Strided info, int threads, boolean simd) {
        RowOps ops = RowOps.of(simd, Batch.count(a), threads);
        int m = Batch.rows(a), n = Batch.cols(a), k = Math.min(m, n);
        boolean full = Batch.cols(u) == m && Batch.rows(vh) == n;
        Batch.forEach(Batch.count(a), 50L * m * n * k, threads, b -> {
            double[] x = new double[m * n], sv = new double[k];
            double[] uu = new double[m * (full ? m : k)], vt = new double[(full ? n : k) * n];
            Batch.load(a, b, x);
            int status = JacobiSvd.decompose(x, m, n, full, sv, uu, vt, ops);
            Batch.store(uu, u, b);
            Batch.store(vt, vh, b);
            for (int j = 0; j < k; j++) Batch.setFloating(s, b, j, sv[j]);
            Batch.setInt(info, b, 0, status);
        });
    }
}
