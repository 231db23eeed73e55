package dev.jtorch.simd.linalg;

/** The reference form of {@link RowOps}: plain loops, one element at a time. */
final class ScalarRowOps implements RowOps {
    static final ScalarRowOps INSTANCE = new ScalarRowOps(false);
    /** The products of {@link #subtractProduct} in float32 (see {@link RowOps#of(boolean, int, int, boolean)}). */
    static final ScalarRowOps FLOAT_PRODUCTS = new ScalarRowOps(true);

    private final boolean floatProducts;

    private ScalarRowOps(boolean floatProducts) { this.floatProducts = floatProducts; }

    @Override
    public void axpy(double alpha, double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i++) y[yo + i] += alpha * x[xo + i];
    }

    @Override
    public double dot(double[] x, int xo, double[] y, int yo, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += x[xo + i] * y[yo + i];
        return s;
    }

    @Override
    public void rotate(double[] x, int xo, double[] y, int yo, int n, double c, double s) {
        for (int i = 0; i < n; i++) {
            double a = x[xo + i], b = y[yo + i];
            x[xo + i] = c * a - s * b;
            y[yo + i] = s * a + c * b;
        }
    }

    @Override
    public void subtractProduct(double[] a, int ao, int ars, int acs, double[] b, int bo, int brs, int bcs,
                                double[] c, int co, int ldc, int m, int n, int k) {
        if (floatProducts) {
            subtractFloatProduct(a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc, m, n, k);
            return;
        }
        // the innermost loop runs along whichever of B's dims is stored contiguously: rows of C as axpys of B's rows, or
        // each entry of C as one dot product down a column of B (plain loops either way; a walk across B's stride would
        // fetch a cache line per multiply-add)
        if (bcs == 1) {
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < k; p++) {
                    double x = a[ao + i * ars + p * acs];
                    for (int j = 0; j < n; j++) c[co + i * ldc + j] -= x * b[bo + p * brs + j];
                }
            }
            return;
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) s += a[ao + i * ars + p * acs] * b[bo + p * brs + j * bcs];
                c[co + i * ldc + j] -= s;
            }
        }
    }

    /**
     * {@link #subtractProduct} with each entry's product summed in float32 over operands rounded to float, in the order
     * of the depth (the reference GEMM's float32 loop), then subtracted from C in double. For a B stored by rows the
     * sums of a row of C build up side by side in a float row, so that B is read along its rows (down its columns every
     * multiply-add fetched a line: float32 det 512² took 122 ms instead of 30).
     */
    private static void subtractFloatProduct(double[] a, int ao, int ars, int acs, double[] b, int bo, int brs, int bcs,
                                             double[] c, int co, int ldc, int m, int n, int k) {
        if (bcs == 1) {
            float[] row = new float[n];
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(row, 0f);
                for (int p = 0; p < k; p++) {
                    float x = (float) a[ao + i * ars + p * acs];
                    for (int j = 0; j < n; j++) row[j] += x * (float) b[bo + p * brs + j];
                }
                for (int j = 0; j < n; j++) c[co + i * ldc + j] -= row[j];
            }
            return;
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0;
                for (int p = 0; p < k; p++) s += (float) a[ao + i * ars + p * acs] * (float) b[bo + p * brs + j * bcs];
                c[co + i * ldc + j] -= s;
            }
        }
    }
}
