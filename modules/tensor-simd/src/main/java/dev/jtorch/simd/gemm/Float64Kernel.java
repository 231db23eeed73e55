package dev.jtorch.simd.gemm;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * The float64 register-tiled micro-kernel: an MR x NR block of C from one packed A panel (kc x MR,
 * k-major) and one packed B panel (kc x NR, k-major), accumulators in separate locals.
 */
// Mirrors Float32Kernel line for line with double for float (the reasons and measurements are there), except its
// rows-in-place kernels, which only narrow float32 products (the Winograd convolution) use, and its tile8Add (float64's
// later depth blocks still add through the tile buffer); change the two together.
final class Float64Kernel {
    private Float64Kernel() {}

    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    /** Rows of a tile where vectors are 256 bits (see Float32Kernel). */
    static final int MR4 = 4;
    /** Rows of a tile where vectors are 512 bits (see Float32Kernel). */
    static final int MR8 = 8;
    /** Rows of a tile on this machine. */
    static final int MR = SPECIES.vectorBitSize() >= 512 ? MR8 : MR4;
    /** Columns of a tile: two vectors. */
    static final int NR = 2 * LANES;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    /**
     * {@code C = Apanel * Bpanel}, written over C (see {@link Float32Kernel#tile}); the B panel at double {@code bo} of
     * the native segment {@code bp} (see Float64Gemm's Workspace).
     */
    static void tile(int kc, double[] ap, int ao, MemorySegment bp, long bo, double[] c, int co, int ldc) {
        if (MR == MR4) {
            tile4(kc, ap, ao, bp, bo, c, co, ldc);
        } else {
            tile8(kc, ap, ao, bp, bo, c, co, ldc);
        }
    }

    /** The 8-row tile: as {@link #tile4}, twice the rows. */
    static void tile8(int kc, double[] ap, int ao, MemorySegment bp, long bo, double[] c, int co, int ldc) {
        final VectorSpecies<Double> s = SPECIES;
        DoubleVector c00 = DoubleVector.zero(s), c01 = DoubleVector.zero(s);
        DoubleVector c10 = DoubleVector.zero(s), c11 = DoubleVector.zero(s);
        DoubleVector c20 = DoubleVector.zero(s), c21 = DoubleVector.zero(s);
        DoubleVector c30 = DoubleVector.zero(s), c31 = DoubleVector.zero(s);
        DoubleVector c40 = DoubleVector.zero(s), c41 = DoubleVector.zero(s);
        DoubleVector c50 = DoubleVector.zero(s), c51 = DoubleVector.zero(s);
        DoubleVector c60 = DoubleVector.zero(s), c61 = DoubleVector.zero(s);
        DoubleVector c70 = DoubleVector.zero(s), c71 = DoubleVector.zero(s);
        long b = bo * Double.BYTES;
        for (int p = 0, a = ao; p < kc; p++, a += MR8, b += NR * Double.BYTES) {
            DoubleVector b0 = DoubleVector.fromMemorySegment(s, bp, b, ORDER);
            DoubleVector b1 = DoubleVector.fromMemorySegment(s, bp, b + LANES * Double.BYTES, ORDER);
            DoubleVector x = DoubleVector.broadcast(s, ap[a]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(s, ap[a + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(s, ap[a + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(s, ap[a + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(s, ap[a + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(s, ap[a + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = DoubleVector.broadcast(s, ap[a + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = DoubleVector.broadcast(s, ap[a + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        store(c, co, c00, c01);
        store(c, co + ldc, c10, c11);
        store(c, co + 2 * ldc, c20, c21);
        store(c, co + 3 * ldc, c30, c31);
        store(c, co + 4 * ldc, c40, c41);
        store(c, co + 5 * ldc, c50, c51);
        store(c, co + 6 * ldc, c60, c61);
        store(c, co + 7 * ldc, c70, c71);
    }

    /** Adds a whole MR x NR tile (row-major, NR wide) into C at {@code c[co + r*ldc + j]}. */
    static void addTile(double[] tile, double[] c, int co, int ldc) {
        for (int r = 0, t = 0, row = co; r < MR; r++, t += NR, row += ldc) {
            for (int j = 0; j < NR; j += LANES) {
                DoubleVector.fromArray(SPECIES, tile, t + j).add(DoubleVector.fromArray(SPECIES, c, row + j)).intoArray(c, row + j);
            }
        }
    }

    /** One row of a tile (two vectors) into C at {@code row}. */
    private static void store(double[] c, int row, DoubleVector v0, DoubleVector v1) {
        v0.intoArray(c, row);
        v1.intoArray(c, row + LANES);
    }

    /**
     * The 4-row tile: {@code C[0..4, 0..NR] = Apanel * Bpanel} (see {@link #tile}).
     */
    static void tile4(int kc, double[] ap, int ao, MemorySegment bp, long bo, double[] c, int co, int ldc) {
        final VectorSpecies<Double> s = SPECIES;
        DoubleVector c00 = DoubleVector.zero(s), c01 = DoubleVector.zero(s);
        DoubleVector c10 = DoubleVector.zero(s), c11 = DoubleVector.zero(s);
        DoubleVector c20 = DoubleVector.zero(s), c21 = DoubleVector.zero(s);
        DoubleVector c30 = DoubleVector.zero(s), c31 = DoubleVector.zero(s);
        long b = bo * Double.BYTES;
        for (int p = 0, a = ao; p < kc; p++, a += MR4, b += NR * Double.BYTES) {
            DoubleVector b0 = DoubleVector.fromMemorySegment(s, bp, b, ORDER);
            DoubleVector b1 = DoubleVector.fromMemorySegment(s, bp, b + LANES * Double.BYTES, ORDER);
            DoubleVector x = DoubleVector.broadcast(s, ap[a]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(s, ap[a + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(s, ap[a + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(s, ap[a + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        store(c, co, c00, c01);
        store(c, co + ldc, c10, c11);
        store(c, co + 2 * ldc, c20, c21);
        store(c, co + 3 * ldc, c30, c31);
    }
}
