package dev.jtorch.simd.gemm;

/**
 * {@code C -= A B} on double operands with the product taken in float32: A and B rounded to float into dense row-major
 * scratch arrays, multiplied by {@link Float32Gemm} (twice the lanes of the float64 kernel), the product subtracted from
 * C in double. For the float32 factorizations' trailing updates (see {@link Gemm#subtractProductInFloat}).
 */
final class FloatProduct {
    private FloatProduct() {}

    /** Scratch arrays of at most this many floats stay with their thread for the next call; larger ones are dropped. */
    static final int KEEP_MAX_FLOATS = 1 << 20;

    private static final class Scratch {
        float[] a = new float[0], b = new float[0], c = new float[0];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    static void subtract(double[] a, int ao, int ars, int acs, double[] b, int bo, int brs, int bcs,
                         double[] c, int co, int ldc, int m, int n, int k, int threads) {
        Scratch s = SCRATCH.get();
        float[] af = s.a.length >= m * k ? s.a : new float[m * k];
        float[] bf = s.b.length >= k * n ? s.b : new float[k * n];
        float[] cf = s.c.length >= m * n ? s.c : new float[m * n];
        MatrixView av = round(a, ao, ars, acs, m, k, af), bv = round(b, bo, brs, bcs, k, n, bf);
        MatrixView cv = new MatrixView(cf, null, 0, n, 1);
        Gemm.inSlices(m, n, k, threads, Float32Kernel.MR, Float32Kernel.NR, (i0, i1, j0, j1) ->
                Float32Gemm.multiply(av, bv, cv, k, i0, i1, j0, j1));
        for (int i = 0; i < m; i++) {
            for (int j = 0, at = co + i * ldc, f = i * n; j < n; j++) c[at + j] -= cf[f + j];
        }
        keep(s, af, bf, cf);
    }

    /**
     * The {@code rows x cols} matrix {@code x[xo + i*rs + j*cs]}, rounded to float, into {@code dst}: in its own order,
     * read along whichever dim is contiguous (a transposed operand, Cholesky's L21ᵀ, stays transposed, and the GEMM's
     * packing transposes it; read across, every element was a new cache line: Cholesky 512² 3.7 -> 4.6 ms).
     */
    private static MatrixView round(double[] x, int xo, int rs, int cs, int rows, int cols, float[] dst) {
        boolean transposed = cs != 1 && rs == 1;
        int outer = transposed ? cols : rows, inner = transposed ? rows : cols, os = transposed ? cs : rs, is = transposed ? rs : cs;
        for (int o = 0; o < outer; o++) {
            int at = xo + o * os, d = o * inner;
            if (is == 1) for (int i = 0; i < inner; i++) dst[d + i] = (float) x[at + i]; // a plain loop C2 vectorizes
            else for (int i = 0; i < inner; i++) dst[d + i] = (float) x[at + i * is];
        }
        return transposed ? new MatrixView(dst, null, 0, 1, rows) : new MatrixView(dst, null, 0, cols, 1);
    }

    private static void keep(Scratch s, float[] a, float[] b, float[] c) {
        if (a != s.a && a.length <= KEEP_MAX_FLOATS) s.a = a;
        if (b != s.b && b.length <= KEEP_MAX_FLOATS) s.b = b;
        if (c != s.c && c.length <= KEEP_MAX_FLOATS) s.c = c;
    }
}
