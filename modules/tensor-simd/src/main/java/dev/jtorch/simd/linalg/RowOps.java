package dev.jtorch.simd.linalg;

/**
 * The inner loops of the factorizations, on rows of dense row-major double matrices: every
 * algorithm in this package is written in terms of these four, so that {@link ScalarRowOps} (the
 * reference) and {@link SimdRowOps} are the only place the two kernel forms differ.
 */
interface RowOps {
    /** {@code y[yo + i] += alpha * x[xo + i]} for i in [0, n). */
    void axpy(double alpha, double[] x, int xo, double[] y, int yo, int n);

    /** The sum of {@code x[xo + i] * y[yo + i]} for i in [0, n). */
    double dot(double[] x, int xo, double[] y, int yo, int n);

    /** Plane rotation of two rows: {@code (x, y) <- (c x - s y, s x + c y)} over n elements. */
    void rotate(double[] x, int xo, double[] y, int yo, int n, double c, double s);

    /**
     * {@code C -= A B} for the blocked algorithms' trailing updates (with the products in float32 in the forms {@link
     * #of(boolean, int, int, boolean)} makes for float32 matrices): {@code A(i, p) = a[ao + i*ars + p*acs]},
     * {@code B(p, j) = b[bo + p*brs + j*bcs]}, {@code C(i, j) = c[co + i*ldc + j]} for i < m, j < n, p < k; C must not
     * overlap A or B.
     */
    void subtractProduct(double[] a, int ao, int ars, int acs, double[] b, int bo, int brs, int bcs,
                         double[] c, int co, int ldc, int m, int n, int k);

    static RowOps of(boolean simd) { return simd ? SimdRowOps.INSTANCE : ScalarRowOps.INSTANCE; }

    /**
     * The form for a batch of {@code count} matrices: a lone matrix's products may run on up to {@code threads} threads
     * (the SIMD form; the reference stays on one), where a batch shares its matrices out over them instead.
     */
    static RowOps of(boolean simd, int count, int threads) {
        return simd && count == 1 && threads > 1 ? new SimdRowOps(threads, false) : of(simd);
    }

    /**
     * {@link #of(boolean, int, int)} whose {@link #subtractProduct} takes its products in float32 where {@code
     * floatProducts}: for the factorizations of float32 matrices that LAPACK's single-precision routines do in float32
     * (LU, triangular solves, Cholesky, QR and the forming of eigh's Q: PyTorch's precision for float32, with twice the
     * vector lanes in the products; not the SVD, whose Gram matrix keeps small singular values' relative accuracy in
     * double).
     */
    static RowOps of(boolean simd, int count, int threads, boolean floatProducts) {
        if (!floatProducts) return of(simd, count, threads);
        if (!simd) return ScalarRowOps.FLOAT_PRODUCTS;
        return count == 1 && threads > 1 ? new SimdRowOps(threads, true) : SimdRowOps.FLOAT_PRODUCTS;
    }
}
