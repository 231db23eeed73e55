package dev.jtorch.simd.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * The float32 register-tiled micro-kernel: an MR x NR block of C from one packed A panel (kc x MR,
 * k-major: the MR values of a k step side by side) and one packed B panel (kc x NR, k-major). The
 * accumulators are separate locals so that C2 keeps every one of them in a vector register for the
 * whole k loop.
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
    static final int MR4 = 4;
    /**
     * Rows of a tile where vectors are 512 bits: AVX-512 has 32 vector registers, so 8 x 2 (16 accumulators + 2 B +
     * 8 broadcasts = 26) fits, and each k step then loads 10 values for 16 FMAs instead of 6 for 8, which left the
     * 4 x 2 tile load-bound at about 100 GFLOP/s on a 162 GFLOP/s AVX-512 core. Measured on a 2-core AVX-512 Xeon
     * VM (2026-11-23, interleaved runs, 1 thread): 512² 2.53-2.73 -> 1.99-2.07 ms, the MLP layer 1.91-1.95 -> 1.60-1.67
     * ms, 1024² 18.6-20.0 -> 16.6-16.8 ms (OpenBLAS 1.46-1.54, 1.20-1.26 and 11.4-12.3 ms).
     */
    static final int MR8 = 8;
    /** Rows of a tile on this machine. */
    static final int MR = SPECIES.vectorBitSize() >= 512 ? MR8 : MR4;
    /** Columns of a tile: two vectors. */
    static final int NR = 2 * LANES;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    /**
     * {@code C = Apanel * Bpanel} for the MR x NR tile of the A panel at {@code ap[ao..]} and the B panel at float
     * {@code bo} of the native segment {@code bp}, written over C at {@code c[co + r*ldc + j]}. This kernel only
     * overwrites; tiles that add to C go through {@link #tile8Add} (whole 8-row tiles) or through a buffer and
     * {@link #addTile}:
     * <ul>
     * <li>a kernel that chose between adding and overwriting after its k loop doubled that code, and in the 8-row
     * tile pushed C2 past its node budget (NodeCountInliningCutoff): the last stores stayed calls that boxed their
     * vectors, and every product deeper than one depth block ran 10x slower (13-14 GFLOP/s);
     * <li>accumulators loaded from a Cin array (C, or a zero tile) were 3-8% faster when C2 compiled them well, but in
     * about one fresh JVM in four (2026-11-23, AVX-512 VM, a 2048² product from cold) C2 boxed a vector inside the k
     * loop, and every call then ran 5x slower (620-650 ms against 100-130 for 2048²); zero-started kernels did not
     * in 8 of 8 runs.
     * </ul>
     */
    static void tile(int kc, float[] ap, int ao, MemorySegment bp, long bo, float[] c, int co, int ldc) {
        if (MR == MR4) {
            tile4(kc, ap, ao, bp, bo, c, co, ldc);
        } else {
            tile8(kc, ap, ao, bp, bo, c, co, ldc);
        }
    }

    /** The 8-row tile: as {@link #tile4}, twice the rows. */
    static void tile8(int kc, float[] ap, int ao, MemorySegment bp, long bo, float[] c, int co, int ldc) {
        final VectorSpecies<Float> s = SPECIES;
        FloatVector c00 = FloatVector.zero(s), c01 = FloatVector.zero(s);
        FloatVector c10 = FloatVector.zero(s), c11 = FloatVector.zero(s);
        FloatVector c20 = FloatVector.zero(s), c21 = FloatVector.zero(s);
        FloatVector c30 = FloatVector.zero(s), c31 = FloatVector.zero(s);
        FloatVector c40 = FloatVector.zero(s), c41 = FloatVector.zero(s);
        FloatVector c50 = FloatVector.zero(s), c51 = FloatVector.zero(s);
        FloatVector c60 = FloatVector.zero(s), c61 = FloatVector.zero(s);
        FloatVector c70 = FloatVector.zero(s), c71 = FloatVector.zero(s);
        long b = bo * Float.BYTES;
        for (int p = 0, a = ao; p < kc; p++, a += MR8, b += NR * Float.BYTES) {
            FloatVector b0 = FloatVector.fromMemorySegment(s, bp, b, ORDER);
            FloatVector b1 = FloatVector.fromMemorySegment(s, bp, b + LANES * Float.BYTES, ORDER);
            FloatVector x = FloatVector.broadcast(s, ap[a]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(s, ap[a + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(s, ap[a + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(s, ap[a + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(s, ap[a + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(s, ap[a + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(s, ap[a + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(s, ap[a + 7]);
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

    /**
     * {@link #tile8} adding its sums to C instead of overwriting it, for the tiles of a depth block after the first.
     * A copy of the kernel, not a flag: a kernel that chose between adding and overwriting after its k loop doubled
     * that code and went past C2's node budget (see {@link #tile}); so did a helper method for the adding stores,
     * which C2 left a call that boxed its vectors (18-28 GFLOP/s). One kernel that always added, to a tile of zeros
     * where it overwrites, cost products of one short depth block 5-15% (2026-11-24: the MLP's training step 590-610
     * -> 655-675 µs). Against the tile buffer and {@link #addTile} before (1 thread, two fresh JVMs each, 2026-11-24,
     * AVX-512 VM, GemmCpuTime): 512² 168-174 -> 175-177 GFLOP/s, 1024² 172-176 -> 178, 2048² 173-174 -> 174-175, the
     * MLP layer 176-178 -> 183-184 (NN) and 167-170 -> 171-173 (NT); the MLP's training step (JMH, scoped, 1 thread)
     * 590-592 -> 577 µs.
     */
    static void tile8Add(int kc, float[] ap, int ao, MemorySegment bp, long bo, float[] c, int co, int ldc) {
        final VectorSpecies<Float> s = SPECIES;
        FloatVector c00 = FloatVector.zero(s), c01 = FloatVector.zero(s);
        FloatVector c10 = FloatVector.zero(s), c11 = FloatVector.zero(s);
        FloatVector c20 = FloatVector.zero(s), c21 = FloatVector.zero(s);
        FloatVector c30 = FloatVector.zero(s), c31 = FloatVector.zero(s);
        FloatVector c40 = FloatVector.zero(s), c41 = FloatVector.zero(s);
        FloatVector c50 = FloatVector.zero(s), c51 = FloatVector.zero(s);
        FloatVector c60 = FloatVector.zero(s), c61 = FloatVector.zero(s);
        FloatVector c70 = FloatVector.zero(s), c71 = FloatVector.zero(s);
        long b = bo * Float.BYTES;
        for (int p = 0, a = ao; p < kc; p++, a += MR8, b += NR * Float.BYTES) {
            FloatVector b0 = FloatVector.fromMemorySegment(s, bp, b, ORDER);
            FloatVector b1 = FloatVector.fromMemorySegment(s, bp, b + LANES * Float.BYTES, ORDER);
            FloatVector x = FloatVector.broadcast(s, ap[a]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(s, ap[a + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(s, ap[a + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(s, ap[a + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(s, ap[a + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(s, ap[a + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(s, ap[a + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(s, ap[a + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        c00.add(FloatVector.fromArray(s, c, co)).intoArray(c, co);
        c01.add(FloatVector.fromArray(s, c, co + LANES)).intoArray(c, co + LANES);
        c10.add(FloatVector.fromArray(s, c, co + ldc)).intoArray(c, co + ldc);
        c11.add(FloatVector.fromArray(s, c, co + ldc + LANES)).intoArray(c, co + ldc + LANES);
        c20.add(FloatVector.fromArray(s, c, co + 2 * ldc)).intoArray(c, co + 2 * ldc);
        c21.add(FloatVector.fromArray(s, c, co + 2 * ldc + LANES)).intoArray(c, co + 2 * ldc + LANES);
        c30.add(FloatVector.fromArray(s, c, co + 3 * ldc)).intoArray(c, co + 3 * ldc);
        c31.add(FloatVector.fromArray(s, c, co + 3 * ldc + LANES)).intoArray(c, co + 3 * ldc + LANES);
        c40.add(FloatVector.fromArray(s, c, co + 4 * ldc)).intoArray(c, co + 4 * ldc);
        c41.add(FloatVector.fromArray(s, c, co + 4 * ldc + LANES)).intoArray(c, co + 4 * ldc + LANES);
        c50.add(FloatVector.fromArray(s, c, co + 5 * ldc)).intoArray(c, co + 5 * ldc);
        c51.add(FloatVector.fromArray(s, c, co + 5 * ldc + LANES)).intoArray(c, co + 5 * ldc + LANES);
        c60.add(FloatVector.fromArray(s, c, co + 6 * ldc)).intoArray(c, co + 6 * ldc);
        c61.add(FloatVector.fromArray(s, c, co + 6 * ldc + LANES)).intoArray(c, co + 6 * ldc + LANES);
        c70.add(FloatVector.fromArray(s, c, co + 7 * ldc)).intoArray(c, co + 7 * ldc);
        c71.add(FloatVector.fromArray(s, c, co + 7 * ldc + LANES)).intoArray(c, co + 7 * ldc + LANES);
    }

    /** Adds a whole MR x NR tile (row-major, NR wide) into C at {@code c[co + r*ldc + j]}. */
    static void addTile(float[] tile, float[] c, int co, int ldc) {
        for (int r = 0, t = 0, row = co; r < MR; r++, t += NR, row += ldc) {
            for (int j = 0; j < NR; j += LANES) {
                FloatVector.fromArray(SPECIES, tile, t + j).add(FloatVector.fromArray(SPECIES, c, row + j)).intoArray(c, row + j);
            }
        }
    }

    /** One row of a tile (two vectors) into C at {@code row}. */
    private static void store(float[] c, int row, FloatVector v0, FloatVector v1) {
        v0.intoArray(c, row);
        v1.intoArray(c, row + LANES);
    }

    /**
     * The 4-row tile: {@code C[0..4, 0..NR] = Apanel * Bpanel} (see {@link #tile}).
     */
    static void tile4(int kc, float[] ap, int ao, MemorySegment bp, long bo, float[] c, int co, int ldc) {
        final VectorSpecies<Float> s = SPECIES;
        FloatVector c00 = FloatVector.zero(s), c01 = FloatVector.zero(s);
        FloatVector c10 = FloatVector.zero(s), c11 = FloatVector.zero(s);
        FloatVector c20 = FloatVector.zero(s), c21 = FloatVector.zero(s);
        FloatVector c30 = FloatVector.zero(s), c31 = FloatVector.zero(s);
        long b = bo * Float.BYTES;
        for (int p = 0, a = ao; p < kc; p++, a += MR4, b += NR * Float.BYTES) {
            FloatVector b0 = FloatVector.fromMemorySegment(s, bp, b, ORDER);
            FloatVector b1 = FloatVector.fromMemorySegment(s, bp, b + LANES * Float.BYTES, ORDER);
            FloatVector x = FloatVector.broadcast(s, ap[a]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(s, ap[a + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(s, ap[a + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(s, ap[a + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        store(c, co, c00, c01);
        store(c, co + ldc, c10, c11);
        store(c, co + 2 * ldc, c20, c21);
        store(c, co + 3 * ldc, c30, c31);
    }

    /**
     * As {@link #tile}, with A read as MR rows in place ({@code a[aBase + (ir + r)*lda + p]}, rows past mr repeating
     * the last one) instead of from a k-major panel. Eight row offsets cost the k loop eight address computations,
     * but A needs no packing, which a product with few columns cannot amortize. Measured 2026-11-23 on the AVX-512 VM,
     * 1 thread, rows against panels: 256² 0.85x against 0.93x of OpenBLAS, 64 x 784 @ 784 x 128 0.84x against 0.92x,
     * while the Winograd convolution's 16 GEMMs of [tiles x 32] @ [32 x 64] (the bench CNN's second layer, forward
     * and backward) took 9.6-10.0 ms against 10.2-10.7 (see Float32Gemm.ROWS_IN_PLACE_BELOW_COLUMNS).
     * B is a packed panel in native memory, as in {@link #tile}; {@link #tileRowsInPlace} reads a heap B's rows in
     * place instead, the NR values of step p at {@code b[bo + p*ldb ..]} (see Float32Gemm.B_IN_PLACE_MAX_FLOATS).
     * Two kernels, not one over MemorySegments of either kind: with both segment classes at its loads, C2 compiled
     * the packed and the in-place products about 50% slower (2026-11-24, AVX-512 VM: 64² 3.5 -> 5.5 µs,
     * 2304 x 32 @ 32 x 64 70 -> 104 µs).
     */
    static void tileRows(int kc, float[] a, int aBase, int ir, int mr, int lda, MemorySegment bp, long bo,
                         float[] c, int co, int ldc) {
        int a0 = row(aBase, ir, 0, mr, lda), a1 = row(aBase, ir, 1, mr, lda);
        int a2 = row(aBase, ir, 2, mr, lda), a3 = row(aBase, ir, 3, mr, lda);
        if (MR == MR4) {
            tile4Rows(kc, a, a0, a1, a2, a3, bp, bo, c, co, ldc);
        } else {
            tile8Rows(kc, a, a0, a1, a2, a3, row(aBase, ir, 4, mr, lda), row(aBase, ir, 5, mr, lda), row(aBase, ir, 6, mr, lda),
                    row(aBase, ir, 7, mr, lda), bp, bo, c, co, ldc);
        }
    }

    /** {@link #tileRows} with B's rows read in place (see above). */
    static void tileRowsInPlace(int kc, float[] a, int aBase, int ir, int mr, int lda, float[] b, int bo, int ldb,
                                float[] c, int co, int ldc) {
        int a0 = row(aBase, ir, 0, mr, lda), a1 = row(aBase, ir, 1, mr, lda);
        int a2 = row(aBase, ir, 2, mr, lda), a3 = row(aBase, ir, 3, mr, lda);
        if (MR == MR4) {
            tile4Rows(kc, a, a0, a1, a2, a3, b, bo, ldb, c, co, ldc);
        } else {
            tile8Rows(kc, a, a0, a1, a2, a3, row(aBase, ir, 4, mr, lda), row(aBase, ir, 5, mr, lda), row(aBase, ir, 6, mr, lda),
                    row(aBase, ir, 7, mr, lda), b, bo, ldb, c, co, ldc);
        }
    }

    /** Where row r of a tile starts in A; rows past mr repeat the last real row (in bounds; never written back). */
    private static int row(int aBase, int ir, int r, int mr, int lda) {
        return aBase + (ir + Math.min(r, mr - 1)) * lda;
    }

    /** {@link #tile8} reading A as rows, B a packed panel. */
    static void tile8Rows(int kc, float[] a, int a0, int a1, int a2, int a3, int a4, int a5, int a6, int a7, MemorySegment bp, long bo,
                          float[] c, int co, int ldc) {
        final VectorSpecies<Float> s = SPECIES;
        FloatVector c00 = FloatVector.zero(s), c01 = FloatVector.zero(s);
        FloatVector c10 = FloatVector.zero(s), c11 = FloatVector.zero(s);
        FloatVector c20 = FloatVector.zero(s), c21 = FloatVector.zero(s);
        FloatVector c30 = FloatVector.zero(s), c31 = FloatVector.zero(s);
        FloatVector c40 = FloatVector.zero(s), c41 = FloatVector.zero(s);
        FloatVector c50 = FloatVector.zero(s), c51 = FloatVector.zero(s);
        FloatVector c60 = FloatVector.zero(s), c61 = FloatVector.zero(s);
        FloatVector c70 = FloatVector.zero(s), c71 = FloatVector.zero(s);
        long b = bo * Float.BYTES;
        for (int p = 0; p < kc; p++, b += NR * Float.BYTES) {
            FloatVector b0 = FloatVector.fromMemorySegment(s, bp, b, ORDER);
            FloatVector b1 = FloatVector.fromMemorySegment(s, bp, b + LANES * Float.BYTES, ORDER);
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
            x = FloatVector.broadcast(s, a[a4 + p]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(s, a[a5 + p]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(s, a[a6 + p]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(s, a[a7 + p]);
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

    /** {@link #tile8} reading A as rows and B's rows in place. */
    static void tile8Rows(int kc, float[] a, int a0, int a1, int a2, int a3, int a4, int a5, int a6, int a7, float[] bp, int bo,
                          int ldb, float[] c, int co, int ldc) {
        final VectorSpecies<Float> s = SPECIES;
        FloatVector c00 = FloatVector.zero(s), c01 = FloatVector.zero(s);
        FloatVector c10 = FloatVector.zero(s), c11 = FloatVector.zero(s);
        FloatVector c20 = FloatVector.zero(s), c21 = FloatVector.zero(s);
        FloatVector c30 = FloatVector.zero(s), c31 = FloatVector.zero(s);
        FloatVector c40 = FloatVector.zero(s), c41 = FloatVector.zero(s);
        FloatVector c50 = FloatVector.zero(s), c51 = FloatVector.zero(s);
        FloatVector c60 = FloatVector.zero(s), c61 = FloatVector.zero(s);
        FloatVector c70 = FloatVector.zero(s), c71 = FloatVector.zero(s);
        for (int p = 0, b = bo; p < kc; p++, b += ldb) {
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
            x = FloatVector.broadcast(s, a[a4 + p]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(s, a[a5 + p]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(s, a[a6 + p]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(s, a[a7 + p]);
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

    /**
     * As {@link #tile}, with A stored transposed and read in place: the MR values of step p are adjacent, at
     * {@code a[ao + p*lda ..]} (a packed panel whose steps are lda apart), and B's rows in place, the NR values of step p
     * at {@code b[bo + p*ldb ..]}. Such products (a weight gradient's v^T @ dy) otherwise pack both operands, and with
     * few rows of C the packing costs about as much as the multiply-adds. Every row of the tile must exist in A.
     * Measured 2026-11-24 on the AVX-512 VM, 1 thread: the Winograd weight gradient's 16 products
     * [32 x 252] @ [252 x 64] of one chunk of the bench CNN's second convolution, 152 us packed -> 113-118 us.
     */
    static void tileTransposedInPlace(int kc, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc) {
        if (MR == MR4) {
            tile4Transposed(kc, a, ao, lda, b, bo, ldb, c, co, ldc);
        } else {
            tile8Transposed(kc, a, ao, lda, b, bo, ldb, c, co, ldc);
        }
    }

    /** {@link #tileTransposedInPlace} for 8-row tiles. */
    static void tile8Transposed(int kc, float[] ap, int ao, int lda, float[] bp, int bo, int ldb, float[] c, int co, int ldc) {
        final VectorSpecies<Float> s = SPECIES;
        FloatVector c00 = FloatVector.zero(s), c01 = FloatVector.zero(s);
        FloatVector c10 = FloatVector.zero(s), c11 = FloatVector.zero(s);
        FloatVector c20 = FloatVector.zero(s), c21 = FloatVector.zero(s);
        FloatVector c30 = FloatVector.zero(s), c31 = FloatVector.zero(s);
        FloatVector c40 = FloatVector.zero(s), c41 = FloatVector.zero(s);
        FloatVector c50 = FloatVector.zero(s), c51 = FloatVector.zero(s);
        FloatVector c60 = FloatVector.zero(s), c61 = FloatVector.zero(s);
        FloatVector c70 = FloatVector.zero(s), c71 = FloatVector.zero(s);
        for (int p = 0, a = ao, b = bo; p < kc; p++, a += lda, b += ldb) {
            FloatVector b0 = FloatVector.fromArray(s, bp, b);
            FloatVector b1 = FloatVector.fromArray(s, bp, b + LANES);
            FloatVector x = FloatVector.broadcast(s, ap[a]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(s, ap[a + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(s, ap[a + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(s, ap[a + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(s, ap[a + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(s, ap[a + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(s, ap[a + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(s, ap[a + 7]);
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

    /** {@link #tileTransposedInPlace} for 4-row tiles. */
    static void tile4Transposed(int kc, float[] ap, int ao, int lda, float[] bp, int bo, int ldb, float[] c, int co, int ldc) {
        final VectorSpecies<Float> s = SPECIES;
        FloatVector c00 = FloatVector.zero(s), c01 = FloatVector.zero(s);
        FloatVector c10 = FloatVector.zero(s), c11 = FloatVector.zero(s);
        FloatVector c20 = FloatVector.zero(s), c21 = FloatVector.zero(s);
        FloatVector c30 = FloatVector.zero(s), c31 = FloatVector.zero(s);
        for (int p = 0, a = ao, b = bo; p < kc; p++, a += lda, b += ldb) {
            FloatVector b0 = FloatVector.fromArray(s, bp, b);
            FloatVector b1 = FloatVector.fromArray(s, bp, b + LANES);
            FloatVector x = FloatVector.broadcast(s, ap[a]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(s, ap[a + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(s, ap[a + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(s, ap[a + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        store(c, co, c00, c01);
        store(c, co + ldc, c10, c11);
        store(c, co + 2 * ldc, c20, c21);
        store(c, co + 3 * ldc, c30, c31);
    }

    /** {@link #tile4} reading A as rows, B a packed panel. */
    static void tile4Rows(int kc, float[] a, int a0, int a1, int a2, int a3, MemorySegment bp, long bo, float[] c, int co, int ldc) {
        final VectorSpecies<Float> s = SPECIES;
        FloatVector c00 = FloatVector.zero(s), c01 = FloatVector.zero(s);
        FloatVector c10 = FloatVector.zero(s), c11 = FloatVector.zero(s);
        FloatVector c20 = FloatVector.zero(s), c21 = FloatVector.zero(s);
        FloatVector c30 = FloatVector.zero(s), c31 = FloatVector.zero(s);
        long b = bo * Float.BYTES;
        for (int p = 0; p < kc; p++, b += NR * Float.BYTES) {
            FloatVector b0 = FloatVector.fromMemorySegment(s, bp, b, ORDER);
            FloatVector b1 = FloatVector.fromMemorySegment(s, bp, b + LANES * Float.BYTES, ORDER);
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
        store(c, co, c00, c01);
        store(c, co + ldc, c10, c11);
        store(c, co + 2 * ldc, c20, c21);
        store(c, co + 3 * ldc, c30, c31);
    }

    /** {@link #tile4} reading A as rows and B's rows in place. */
    static void tile4Rows(int kc, float[] a, int a0, int a1, int a2, int a3, float[] bp, int bo, int ldb, float[] c, int co, int ldc) {
        final VectorSpecies<Float> s = SPECIES;
        FloatVector c00 = FloatVector.zero(s), c01 = FloatVector.zero(s);
        FloatVector c10 = FloatVector.zero(s), c11 = FloatVector.zero(s);
        FloatVector c20 = FloatVector.zero(s), c21 = FloatVector.zero(s);
        FloatVector c30 = FloatVector.zero(s), c31 = FloatVector.zero(s);
        for (int p = 0, b = bo; p < kc; p++, b += ldb) {
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
        store(c, co, c00, c01);
        store(c, co + ldc, c10, c11);
        store(c, co + 2 * ldc, c20, c21);
        store(c, co + 3 * ldc, c30, c31);
    }
}
