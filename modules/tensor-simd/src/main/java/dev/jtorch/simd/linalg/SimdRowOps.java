package dev.jtorch.simd.linalg;

import dev.jtorch.simd.gemm.Gemm;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowOps} on the Vector API. Products are fused (fma), so results may differ from the
 * reference in the last bits; the dot product keeps its partial sums in one register and reduces once.
 */
final class SimdRowOps implements RowOps {
    static final SimdRowOps INSTANCE = new SimdRowOps(1, false);
    /** The products of {@link #subtractProduct} in float32 (see {@link RowOps#of(boolean, int, int, boolean)}). */
    static final SimdRowOps FLOAT_PRODUCTS = new SimdRowOps(1, true);

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Threads of the products (subtractProduct): one matrix factorized alone may use the backend's threads there. */
    private final int threads;
    private final boolean floatProducts;

    SimdRowOps(int threads, boolean floatProducts) {
        this.threads = threads;
        this.floatProducts = floatProducts;
    }

    @Override
    public void axpy(double alpha, double[] x, int xo, double[] y, int yo, int n) {
        int i = 0;
        if (n >= L) {
            DoubleVector a = DoubleVector.broadcast(S, alpha);
            for (int bound = S.loopBound(n); i < bound; i += L) {
                DoubleVector.fromArray(S, x, xo + i).fma(a, DoubleVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
            }
        }
        for (; i < n; i++) y[yo + i] = Math.fma(alpha, x[xo + i], y[yo + i]);
    }

    @Override
    public double dot(double[] x, int xo, double[] y, int yo, int n) {
        int i = 0;
        double s = 0;
        if (n >= L) {
            DoubleVector acc = DoubleVector.zero(S);
            for (int bound = S.loopBound(n); i < bound; i += L) {
                acc = DoubleVector.fromArray(S, x, xo + i).fma(DoubleVector.fromArray(S, y, yo + i), acc);
            }
            s = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) s = Math.fma(x[xo + i], y[yo + i], s);
        return s;
    }

    @Override
    public void rotate(double[] x, int xo, double[] y, int yo, int n, double c, double s) {
        int i = 0;
        if (n >= L) {
            DoubleVector vc = DoubleVector.broadcast(S, c), vs = DoubleVector.broadcast(S, s);
            for (int bound = S.loopBound(n); i < bound; i += L) {
                DoubleVector a = DoubleVector.fromArray(S, x, xo + i), b = DoubleVector.fromArray(S, y, yo + i);
                a.mul(vc).sub(b.mul(vs)).intoArray(x, xo + i);
                a.mul(vs).add(b.mul(vc)).intoArray(y, yo + i);
            }
        }
        for (; i < n; i++) {
            double a = x[xo + i], b = y[yo + i];
            x[xo + i] = c * a - s * b;
            y[yo + i] = s * a + c * b;
        }
    }

    /**
     * The blocked float64 GEMM of the matrix products (packed panels, register tiles), subtracting, on this form's
     * threads; the float32 one on operands rounded to float where this form takes its products in float32.
     */
    @Override
    public void subtractProduct(double[] a, int ao, int ars, int acs, double[] b, int bo, int brs, int bcs,
                                double[] c, int co, int ldc, int m, int n, int k) {
        if (floatProducts) Gemm.subtractProductInFloat(a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc, m, n, k, threads);
        else Gemm.subtractProduct(a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc, m, n, k, threads);
    }
}
