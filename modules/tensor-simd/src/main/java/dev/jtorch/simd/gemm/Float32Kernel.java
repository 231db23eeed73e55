package dev.jtorch.simd.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 register-tiled micro-kernel: an MR x NR block of C from MR rows of A (each kc
 * consecutive elements of one array, straight from the input or from a packed copy) and one packed
 * B panel (kc x NR, k-major). The accumulators are separate locals so that C2 keeps every one of
 * them in a vector register for the whole k loop.
 */
final class Float32Kernel {
    private Float32Kernel() {}

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    /**
     * Rows of a tile. 4 rows x 2 vectors = 8 independent FMA chains, enough to cover the FMA
     * latency on two pipes; with the 2 B vectors and 4 broadcasts they fit the 16 AVX2 registers.
     * Taller tiles do not survive C2 (JDK 25): it schedules every broadcast of a k step at the top of
     * the loop body, so 6 x 2 needs 12 accumulators + 2 B + 3..6 broadcasts and 5 x 2 needs 10 + 2 + 5,
     * more than 16 registers; the allocator then spills one accumulator and the loop carries it through
     * the stack (load, FMA, store each step). Measured on packed A panels: 30-37 GFLOP/s against 80-88
     * for this 4 x 2 tile (8 + 2 + 4 = 14 registers, no spill).
     */
    static final int MR = 4;
    /** Columns of a tile: two vectors. */
    static final int NR = 2 * LANES;

    /**
     * {@code C[0..MR, 0..NR] (+)= A * Bpanel} where row r of A is {@code a[ar .. ar+kc]} and C is
     * row-major at {@code c[co + r*ldc + j]}. Without {@code accumulate} the old contents of C are ignored.
     */
    static void tile(int kc, float[] a, int a0, int a1, int a2, int a3, float[] bp, int bo,
                     float[] c, int co, int ldc, boolean accumulate) {
        final VectorSpecies<Float> s = SPECIES;
        FloatVector c00 = FloatVector.zero(s), c01 = FloatVector.zero(s);
        FloatVector c10 = FloatVector.zero(s), c11 = FloatVector.zero(s);
        FloatVector c20 = FloatVector.zero(s), c21 = FloatVector.zero(s);
        FloatVector c30 = FloatVector.zero(s), c31 = FloatVector.zero(s);
        for (int p = 0; p < kc; p++) {
            int b = bo + p * NR;
            FloatVector b0 = FloatVector.fromArray(s, bp, b);
            FloatVector b1 = FloatVector.fromArray(s, bp, b + LANES);
            FloatVector x = FloatVector.broadcast(s, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(s, a[a1 + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(s, a[a2 + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(s, a[a3 + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        int r0 = co, r1 = co + ldc, r2 = co + 2 * ldc, r3 = co + 3 * ldc;
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(s, c, r0));
            c01 = c01.add(FloatVector.fromArray(s, c, r0 + LANES));
            c10 = c10.add(FloatVector.fromArray(s, c, r1));
            c11 = c11.add(FloatVector.fromArray(s, c, r1 + LANES));
            c20 = c20.add(FloatVector.fromArray(s, c, r2));
            c21 = c21.add(FloatVector.fromArray(s, c, r2 + LANES));
            c30 = c30.add(FloatVector.fromArray(s, c, r3));
            c31 = c31.add(FloatVector.fromArray(s, c, r3 + LANES));
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
