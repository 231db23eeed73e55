package dev.jtorch.simd.linalg;

/**
 * Copies between a block of a row-major matrix and a dense column-major buffer: the leaves and panels of LU, Cholesky
 * and QR work down contiguous columns there (LAPACK's order) instead of along short runs of rows n doubles apart.
 */
final class ColumnMajor {
    private ColumnMajor() {}

    /** Rows r0..r0+rows, columns c0..c0+w of {@code a} (rows of n) into {@code x}: element (i, j) at {@code x[j*rows + i]}. */
    static void load(double[] a, int n, int r0, int c0, int rows, int w, double[] x) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0, at = (r0 + i) * n + c0; j < w; j++) x[j * rows + i] = a[at + j];
        }
    }

    /** {@link #load}'s inverse: {@code x} back into that block of {@code a}. */
    static void store(double[] x, double[] a, int n, int r0, int c0, int rows, int w) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0, at = (r0 + i) * n + c0; j < w; j++) a[at + j] = x[j * rows + i];
        }
    }
}
