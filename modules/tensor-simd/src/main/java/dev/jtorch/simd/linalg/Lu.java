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
        Panel panel = new Panel(new double[m * Math.min(LEAF, k)], new int[LEAF], new double[n]);
        int info = columns(a, m, n, 0, k, piv, ops, panel);
        Triangular.solveUnitLower(a, n, 0, k, k, n - k, ops); // a wide matrix: U's columns right of the square
        return info;
    }

    /** The leaves' work space: a column-major copy of their columns (rows c0..m), its pivots, and one row for swaps. */
    private record Panel(double[] columns, int[] pivots, double[] row) {}

    /** Columns c0..c0+w of rows c0..m, earlier columns already eliminated from them. */
    private static int columns(double[] a, int m, int n, int c0, int w, int[] piv, RowOps ops, Panel panel) {
        if (w <= LEAF) return leaf(a, m, n, c0, w, piv, ops, panel);
        int w1 = w / 2, c1 = c0 + w1;
        int info = columns(a, m, n, c0, w1, piv, ops, panel);
        Triangular.solveUnitLower(a, n, c0, w1, c1, w - w1, ops);
        ops.subtractProduct(a, c1 * n + c0, n, 1, a, c0 * n + c1, n, 1, a, c1 * n + c1, n, m - c1, w - w1, w1);
        int right = columns(a, m, n, c1, w - w1, piv, ops, panel);
        return info != 0 ? info : right;
    }

    /**
     * Columns c0..c0+w, rows c0..m: copied out column by column, factorized there as LAPACK's getf2 (each column's
     * multipliers, then the columns right of it lose them times the pivot row's entry, {@link RowOps#axpy} down
     * contiguous columns), copied back, and the pivots' row swaps applied to the rest of the rows afterwards, in order
     * (LAPACK's laswp). In place, row by row, each column's step updated a short run of every row below, rows n doubles
     * apart: float32 LU of 512², 1 thread, spent 1.87 of its 3.7 ms per call in the leaves, 0.81 ms this way.
     */
    private static int leaf(double[] a, int m, int n, int c0, int w, int[] piv, RowOps ops, Panel panel) {
        int rows = m - c0;
        double[] x = panel.columns();
        int[] local = panel.pivots();
        ColumnMajor.load(a, n, c0, c0, rows, w, x);
        int info = eliminate(x, rows, w, local, ops);
        ColumnMajor.store(x, a, n, c0, c0, rows, w);
        for (int j = 0; j < w; j++) {
            int p = c0 + local[j] - 1;
            piv[c0 + j] = p + 1;
            if (p != c0 + j) {
                swapRuns(a, n, p, c0 + j, 0, c0, panel.row());
                swapRuns(a, n, p, c0 + j, c0 + w, n, panel.row());
            }
        }
        return info == 0 ? 0 : c0 + info;
    }

    /**
     * The column-major m×w {@code x}, column by column; {@code piv} gets 1-based rows. A zero column (from its diagonal
     * down) keeps its pivot in place and eliminates nothing; a zero entry of the pivot row leaves its column as it is,
     * as the reference BLAS's rank-1 update skips zero multipliers. Returns as {@link #factor}.
     */
    private static int eliminate(double[] x, int m, int w, int[] piv, RowOps ops) {
        int info = 0;
        for (int j = 0; j < w; j++) {
            int cj = j * m, p = pivot(x, cj, j, m);
            piv[j] = p + 1;
            if (x[cj + p] == 0) {
                if (info == 0) info = j + 1;
                continue;
            }
            if (p != j) {
                for (int c = 0; c < w; c++) {
                    double t = x[c * m + p];
                    x[c * m + p] = x[c * m + j];
                    x[c * m + j] = t;
                }
            }
            // a multiplication by the reciprocal instead of a division per row, as LAPACK's getf2 where 1/pivot is finite
            double d = x[cj + j], r = 1 / d;
            if (Math.abs(d) >= Double.MIN_NORMAL && Double.isFinite(r)) for (int i = j + 1; i < m; i++) x[cj + i] *= r;
            else for (int i = j + 1; i < m; i++) x[cj + i] /= d;
            for (int c = j + 1; c < w; c++) {
                double u = x[c * m + j];
                if (u != 0) ops.axpy(-u, x, cj + j + 1, x, c * m + j + 1, m - j - 1);
            }
        }
        return info;
    }

    /** The row from j down with the first largest magnitude in the column at {@code x[col ..]} (m rows). */
    private static int pivot(double[] x, int col, int j, int m) {
        int p = j;
        double max = Math.abs(x[col + j]);
        for (int i = j + 1; i < m; i++) {
            double v = Math.abs(x[col + i]);
            if (v > max) {
                max = v;
                p = i;
            }
        }
        return p;
    }

    /** Columns from..to of rows p and q of the row-major {@code a}, through {@code tmp}. */
    private static void swapRuns(double[] a, int n, int p, int q, int from, int to, double[] tmp) {
        int len = to - from;
        if (len <= 0) return;
        System.arraycopy(a, p * n + from, tmp, 0, len);
        System.arraycopy(a, q * n + from, a, p * n + from, len);
        System.arraycopy(tmp, 0, a, q * n + from, len);
    }
}
