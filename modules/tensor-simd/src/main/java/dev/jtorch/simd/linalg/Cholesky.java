package dev.jtorch.simd.linalg;

/**
 * Cholesky factor {@code A = L Lᵀ} of one dense row-major n×n matrix, reading A's lower triangle only
 * (as LAPACK's potrf with uplo 'L'); L is written to {@code l} with zeros above the diagonal.
 * Blocked as potrf: {@link #BLOCK} columns at a time, of every row below, then the lower triangle right
 * of them loses {@code L21 L21ᵀ} ({@link RowOps#subtractProduct}) one block row at a time. The block's
 * columns are factorized recursively (left half, the right half's rows lose their product with it,
 * right half), so that almost all of the work is matrix products; {@link #LEAF} columns or fewer go
 * through {@link #leaf}.
 */
final class Cholesky {
    private Cholesky() {}

    /** Columns of a block: the trailing updates' depth. */
    static final int BLOCK = 64;
    /**
     * Widest column range factorized in one leaf (see {@link #leaf}). 2026-11-25, AVX2 VM, 512², 1 thread, best calls in
     * three alternations, with the entries solved row by row in place: 4, 8, 16 columns: float32 (products in float32)
     * 2.99-3.05, 2.95-2.97, 2.72-2.85 ms; float64 3.67-3.77, 3.52-3.71, 3.66-3.76 ms; 32 and 64 were slower on both
     * (float32 3.23-3.27 and 4.25-4.28 ms).
     */
    static final int LEAF = 16;

    /** Returns 0, or the order of the first leading minor that is not positive-definite (1-based). */
    static int factor(double[] a, int n, double[] l, RowOps ops) {
        for (int i = 0; i < n; i++) System.arraycopy(a, i * n, l, i * n, i + 1);
        int status = 0;
        double[] panel = new double[n * Math.min(LEAF, n)]; // the leaves' column-major copies
        for (int k0 = 0; k0 < n && status == 0; k0 += BLOCK) {
            int k1 = Math.min(n, k0 + BLOCK);
            status = columns(l, n, k0, k1 - k0, ops, panel);
            // A22 -= L21 L21ᵀ on and below the diagonal blocks (a block row's product ends with its diagonal block)
            for (int i0 = k1; i0 < n && status == 0; i0 += BLOCK) {
                int ib = Math.min(BLOCK, n - i0);
                ops.subtractProduct(l, i0 * n + k0, n, 1, l, k1 * n + k0, 1, n, l, i0 * n + k1, n, ib, i0 + ib - k1, k1 - k0);
            }
        }
        // zeros above the diagonal, where the products of diagonal blocks wrote too
        for (int i = 0; i < n; i++) java.util.Arrays.fill(l, i * n + i + 1, (i + 1) * n, 0.0);
        return status;
    }

    /** Columns c0..c0+w of rows c0..n, earlier columns already subtracted from them; returns as {@link #factor}. */
    private static int columns(double[] l, int n, int c0, int w, RowOps ops, double[] panel) {
        if (w <= LEAF) return leaf(l, n, c0, w, ops, panel);
        int w1 = w / 2, c1 = c0 + w1;
        int status = columns(l, n, c0, w1, ops, panel);
        if (status != 0) return status;
        ops.subtractProduct(l, c1 * n + c0, n, 1, l, c1 * n + c0, 1, n, l, c1 * n + c1, n, n - c1, w - w1, w1);
        return columns(l, n, c1, w - w1, ops, panel);
    }

    /**
     * The w×w diagonal block entry by entry, then the rows below it against that block as LAPACK's trsm does it, column
     * by column in a column-major copy: column j loses each earlier column times the block's entry (j, p), an {@link
     * RowOps#axpy} down contiguous rows, and is multiplied by the reciprocal of its diagonal, as potf2 scales it. Row by
     * row in place, each entry's short dot product read rows n doubles apart: 512², 1 thread, best calls in three
     * alternations, float32 2.83-3.11 -> 2.38-2.42 ms, float64 3.66-3.74 -> 3.17-3.37 ms (16-column leaves stay the
     * fastest: 8, 16, 32, 64 took 2.64-2.78, 2.33-2.39, 2.40, 2.75-2.77 ms in float32). The diagonal is the square root
     * of a positive double, so its reciprocal is finite.
     */
    private static int leaf(double[] l, int n, int c0, int w, RowOps ops, double[] x) {
        int c1 = c0 + w;
        double[] r = new double[w];
        for (int j = c0; j < c1; j++) {
            double d = l[j * n + j];
            for (int p = c0; p < j; p++) d -= l[j * n + p] * l[j * n + p];
            if (!(d > 0)) return j + 1;
            l[j * n + j] = Math.sqrt(d);
            r[j - c0] = 1 / l[j * n + j];
            for (int i = j + 1; i < c1; i++) solveEntry(l, n, c0, i, j, r[j - c0]);
        }
        int rows = n - c1;
        if (rows == 0) return 0;
        ColumnMajor.load(l, n, c1, c0, rows, w, x);
        for (int j = 0; j < w; j++) {
            for (int p = 0; p < j; p++) {
                double ljp = l[(c0 + j) * n + c0 + p];
                ops.axpy(-ljp, x, p * rows, x, j * rows, rows);
            }
            double rj = r[j];
            for (int i = j * rows, end = i + rows; i < end; i++) x[i] *= rj;
        }
        ColumnMajor.store(x, l, n, c1, c0, rows, w);
        return 0;
    }

    /** {@code L[i][j]} from the entries left of it in the columns from c0, the finished row j and its diagonal's reciprocal. */
    private static void solveEntry(double[] l, int n, int c0, int i, int j, double reciprocal) {
        double s = l[i * n + j];
        for (int p = c0; p < j; p++) s -= l[i * n + p] * l[j * n + p];
        l[i * n + j] = s * reciprocal;
    }
}
