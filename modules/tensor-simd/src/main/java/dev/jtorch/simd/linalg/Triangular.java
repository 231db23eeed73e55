package dev.jtorch.simd.linalg;

/**
 * Solves {@code A X = B} in place of B for a triangular n×n A (only its triangle is read, and not its
 * diagonal when that is taken as ones) and an n×k B, both dense row-major: forward substitution for
 * lower, back substitution for upper. A zero on the diagonal gives infinities or NaN, as LAPACK's trsm.
 * Several right-hand sides go recursively: the first half of the rows (the last, for upper) is solved,
 * the other half loses its product with them ({@link RowOps#subtractProduct}) and is solved in turn;
 * {@link #LEAF} rows or fewer go row by row.
 */
final class Triangular {
    private Triangular() {}

    /** Most rows solved row by row. */
    static final int LEAF = 8;

    static void solve(double[] a, int n, double[] x, int k, boolean upper, boolean unitDiagonal, RowOps ops) {
        if (k == 1) {
            // One right-hand side: X's rows are single elements, so row i is one dot product.
            for (int step = 0; step < n; step++) {
                int i = upper ? n - 1 - step : step;
                int from = upper ? i + 1 : 0, to = upper ? n : i;
                x[i] -= ops.dot(a, i * n + from, x, from, to - from);
                if (!unitDiagonal) x[i] /= a[i * n + i];
            }
            return;
        }
        rows(a, n, x, 0, k, k, 0, n, upper, unitDiagonal, ops);
    }

    /**
     * Rows r0..r0+h of columns c0..c0+cols of the row-major {@code x} (row length n, the same array as A's) become L⁻¹
     * times themselves, L the unit lower triangle of {@code x[r0.., r0..]}: LU's U12 = L11⁻¹ A12.
     */
    static void solveUnitLower(double[] x, int n, int r0, int h, int c0, int cols, RowOps ops) {
        if (h > 0 && cols > 0) rows(x, n, x, c0, n, cols, r0, r0 + h, false, true, ops);
    }

    /**
     * Rows r0..r1 of the right-hand sides ({@code x[xo + i*ldx ..]}, k wide) against the diagonal block of those rows of
     * A (row length n), whatever the other rows contribute already subtracted.
     */
    private static void rows(double[] a, int n, double[] x, int xo, int ldx, int k, int r0, int r1, boolean upper,
                             boolean unitDiagonal, RowOps ops) {
        int h = r1 - r0;
        if (h <= LEAF) {
            for (int step = 0; step < h; step++) {
                int i = upper ? r1 - 1 - step : r0 + step;
                int from = upper ? i + 1 : r0, to = upper ? r1 : i;
                for (int j = from; j < to; j++) {
                    double aij = a[i * n + j];
                    if (aij != 0) ops.axpy(-aij, x, xo + j * ldx, x, xo + i * ldx, k);
                }
                if (!unitDiagonal) {
                    double d = a[i * n + i];
                    for (int c = 0; c < k; c++) x[xo + i * ldx + c] /= d;
                }
            }
            return;
        }
        int mid = r0 + h / 2;
        // first the half that does not depend on the other: the top one for lower, the bottom one for upper
        int f0 = upper ? mid : r0, f1 = upper ? r1 : mid, s0 = upper ? r0 : mid, s1 = upper ? mid : r1;
        rows(a, n, x, xo, ldx, k, f0, f1, upper, unitDiagonal, ops);
        ops.subtractProduct(a, s0 * n + f0, n, 1, x, xo + f0 * ldx, ldx, 1, x, xo + s0 * ldx, ldx, s1 - s0, k, f1 - f0);
        rows(a, n, x, xo, ldx, k, s0, s1, upper, unitDiagonal, ops);
    }
}
