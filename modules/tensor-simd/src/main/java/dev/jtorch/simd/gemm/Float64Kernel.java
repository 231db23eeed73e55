package dev.jtorch.simd.gemm;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float64 register-tiled micro-kernel: an MR x NR block of C from MR rows of A (each kc
 * consecutive elements of one array, straight from the input or from a packed copy) and one packed
 * B panel (kc x NR, k-major). The accumulators are separate locals so that C2 keeps every one of
 * them in a vector register for the whole k loop.
 */
// Mirrors Float32Kernel line for line with double for float; change the two together.
final class Float64Kernel {
    private Float64Kernel() {}

    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    /** Rows of a tile; the same 4 x 2-vector shape as {@link Float32Kernel}, for the same reasons. */
    static final int MR = 4;
    /** Columns of a tile: two vectors. */
    static final int NR = 2 * LANES;

    /**
     * {@code C[0..MR, 0..NR] (+)= A * Bpanel} where row r of A is {@code a[ar .. ar+kc]} and C is
     * row-major at {@code c[co + r*ldc + j]}. Without {@code accumulate} the old contents of C are ignored.
     */
    static void tile(int kc, double[] a, int a0, int a1, int a2, int a3, double[] bp, int bo,
                     double[] c, int co, int ldc, boolean accumulate) {
        final VectorSpecies<Double> s = SPECIES;
        DoubleVector c00 = DoubleVector.zero(s), c01 = DoubleVector.zero(s);
        DoubleVector c10 = DoubleVector.zero(s), c11 = DoubleVector.zero(s);
        DoubleVector c20 = DoubleVector.zero(s), c21 = DoubleVector.zero(s);
        DoubleVector c30 = DoubleVector.zero(s), c31 = DoubleVector.zero(s);
        for (int p = 0; p < kc; p++) {
            int b = bo + p * NR;
            DoubleVector b0 = DoubleVector.fromArray(s, bp, b);
            DoubleVector b1 = DoubleVector.fromArray(s, bp, b + LANES);
            DoubleVector x = DoubleVector.broadcast(s, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(s, a[a1 + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(s, a[a2 + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(s, a[a3 + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        int r0 = co, r1 = co + ldc, r2 = co + 2 * ldc, r3 = co + 3 * ldc;
        if (accumulate) {
            c00 = c00.add(DoubleVector.fromArray(s, c, r0));
            c01 = c01.add(DoubleVector.fromArray(s, c, r0 + LANES));
            c10 = c10.add(DoubleVector.fromArray(s, c, r1));
            c11 = c11.add(DoubleVector.fromArray(s, c, r1 + LANES));
            c20 = c20.add(DoubleVector.fromArray(s, c, r2));
            c21 = c21.add(DoubleVector.fromArray(s, c, r2 + LANES));
            c30 = c30.add(DoubleVector.fromArray(s, c, r3));
            c31 = c31.add(DoubleVector.fromArray(s, c, r3 + LANES));
        }
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + LANES);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + LANES);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + LANES);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + LANES);
    }
}
