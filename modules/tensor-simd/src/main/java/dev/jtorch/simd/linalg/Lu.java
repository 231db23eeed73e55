package dev.jtorch.simd.linalg;

/**
 * LU with partial pivoting of one dense row-major m×n matrix, in place, as LAPACK's getrf defines
 * it: {@code P A = L U} with L unit lower (stored below the diagonal) and U upper; {@code piv[j]} is
 * the 1-based row swapped with row j+1 at step j. A zero column leaves its pivot in place.
 * Recursive, as LAPACK's getrf2: the left half of the columns is factorized, the right half's top rows
 * are solved against the left half's unit lower triangle, its rows below lose {@code L21 U12}
 * ({@link RowOps#subtractProduct}), and then the right half is factorized, so that almost all of the
 * work is matrix products; {@link #LEAF} columns or fewer go column by column. Pivoting swaps whole rows.
 */
final class Lu {
    private Lu() {}

    /** Widest column range factorized column by column. */
    static final int LEAF = 16;

    /** Returns 0, or the 1-based position of the first exactly-zero pivot (the matrix is singular). */
    static int factor(double[] a, int m, int n, int[] piv, RowOps ops) {
        int k = Math.min(m, n);
        if (k == 0) return 0;
        int info = columns(a, m, n, 0, k, piv, ops);
        Triangular.solveUnitLower(a, n, 0, k, k, n - k, ops); // a wide matrix: U's columns right of the square
        return info;
    }

    /** Columns c0..c0+w of rows c0..m, earlier columns already eliminated from them. */
    private static int columns(double[] a, int m, int n, int c0, int w, int[] piv, RowOps ops) {
        if (w <= LEAF) return leaf(a, m, n, c0, w, piv);
        int w1 = w / 2, c1 = c0 + w1;
        int info = columns(a, m, n, c0, w1, piv, ops);
        Triangular.solveUnitLower(a, n, c0, w1, c1, w - w1, ops);
        ops.subtractProduct(a, c1 * n + c0, n, 1, a, c0 * n + c1, n, 1, a, c1 * n + c1, n, m - c1, w - w1, w1);
        int right = columns(a, m, n, c1, w - w1, piv, ops);
        return info != 0 ? info : right;
    }

    /**
     * Column by column; the walk down the rows that eliminates column j also finds the next column's pivot (rows are
     * 4 KiB apart at n = 512: each walk fetches every row again from L2).
     */
    private static int leaf(double[] a, int m, int n, int c0, int w, int[] piv) {
        int info = 0, end = c0 + w;
        int p = pivot(a, m, n, c0);
        for (int j = c0; j < end; j++) {
            piv[j] = p + 1;
            if (a[p * n + j] == 0) { // the column is zero from row j down: nothing to eliminate
                if (info == 0) info = j + 1;
                if (j + 1 < end) p = pivot(a, m, n, j + 1);
                continue;
            }
            if (p != j) swapRows(a, n, p, j);
            // a multiplication by the reciprocal instead of a division per row, as LAPACK's getf2 where 1/pivot is finite
            double d = a[j * n + j], r = 1 / d, max = 0;
            boolean reciprocal = Math.abs(d) >= Double.MIN_NORMAL && Double.isFinite(r);
            p = j + 1;
            for (int i = j + 1; i < m; i++) {
                double l = a[i * n + j] = reciprocal ? a[i * n + j] * r : a[i * n + j] / d;
                if (l != 0) for (int c = j + 1; c < end; c++) a[i * n + c] -= l * a[j * n + c];
                if (j + 1 < end) { // the first largest magnitude, as a search from row j + 1 finds it
                    double v = Math.abs(a[i * n + j + 1]);
                    if (i == j + 1) max = v;
                    else if (v > max) {
                        max = v;
                        p = i;
                    }
                }
            }
        }
        return info;
    }

    /** The row from j down with the first largest magnitude in column j. */
    private static int pivot(double[] a, int m, int n, int j) {
        int p = j;
        double max = Math.abs(a[j * n + j]);
        for (int i = j + 1; i < m; i++) {
            double v = Math.abs(a[i * n + j]);
            if (v > max) {
                max = v;
                p = i;
            }
        }
        return p;
    }

    private static void swapRows(double[] a, int n, int p, int q) {
        for (int c = 0; c < n; c++) {
            double t = a[p * n + c];
            a[p * n + c] = a[q * n + c];
            a[q * n + c] = t;
        }
    }
}
