package dev.jtorch.simd.gemm;

import jdk.incubator.vector.FloatVector;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.jtorch.simd.gemm.Float32Kernel.LANES;
import static dev.jtorch.simd.gemm.Float32Kernel.MR;
import static dev.jtorch.simd.gemm.Float32Kernel.NR;
import static dev.jtorch.simd.gemm.Float32Kernel.SPECIES;

/**
 * Cache-blocked float32 GEMM in the Goto/BLIS layout: a KC x NC block of B is packed into NR-wide
 * column panels (meant to stay in L3/L2; in native memory, cache-line aligned: see Workspace), an MC x KC block
 * of A is the L2-resident operand, and the micro-kernel streams one MR-row panel of it against one B panel held in
 * L1. Both are packed k-major (the MR or NR values of one k step side by side). Packing reads any strides, so
 * transposed and broadcast inputs need no copy beforehand. Ragged edges: panels are padded with zero rows and
 * columns, and such tiles are written back through a small tile buffer that keeps only the valid corner; so are the
 * tiles of a depth block after the first, which add to C, unless an adding kernel exists for them (see Target).
 */
final class Float32Gemm {
    private Float32Gemm() {}

    // Block sizes, measured against OpenBLAS in the same process (ratio of thread CPU times, call by call).
    /**
     * Depth of a block. With 256-bit vectors (4 x 2 tiles; Zen 3 under KVM, 32 KiB L1d, 512 KiB L2) the whole
     * depth up to 4096: each further block is one more pass that reads and writes every C tile, and those tiles
     * come back from L3: with blocks of 512, 1024² and 2048² ran at 0.90-0.92x OpenBLAS, with the whole depth at
     * 0.94-0.98x. With 512-bit vectors (8 x 2 tiles, a 32-column B micro-panel; AVX-512 Xeon under KVM, 48 KiB L1d,
     * 2 MiB L2) 256, so that the micro-panel (32 KiB) stays in L1: 2026-11-23, 1 thread, 512², 1024² and the MLP
     * layer went from 0.79-0.84x of OpenBLAS with the whole depth to 0.82-0.90x (512: 0.80-0.87x, 768: 0.78-0.83x),
     * and 256 x 8192 x 256 from 0.70-0.73x to 0.87-0.98x.
     */
    static final int KC = Float32Kernel.MR == Float32Kernel.MR8 ? 256 : 4096;
    /** Rows of an A block (a multiple of MR), at most this many ... */
    static final int MC_MAX = 18 * MR;
    /** ... and fewer for deep blocks, so that MC x KC floats (at most 256 KiB) stay in L2 beside a B micro-panel. */
    static final int A_BLOCK_FLOATS = 256 * 1024 / Float.BYTES;
    /** Columns of a B block: wide, so that each packed A block is reused long ... */
    static final int NC_MAX = (4096 / NR) * NR;
    /**
     * ... but a packed B block of at most 8 MiB per thread; 4 MiB with 4-row tiles, whose block takes the whole depth
     * and is streamed from L3 once for every A block: two threads' blocks of 8 MiB crowd a 32 MiB L3 that other
     * tenants of the machine share. Measured 2026-11-24 on the AVX2 EPYC VM, 2048², calls alternating in one JVM
     * (means over 47-50 calls): 2 threads 133-144 -> 149-156 GFLOP/s (medians 114-117 -> 103-104 ms), 1 thread 68-72
     * -> 74-77; 1024² and smaller products fit either block whole.
     */
    static final int B_BLOCK_FLOATS = MR == Float32Kernel.MR8 ? 2 * 1024 * 1024 : 1024 * 1024;
    /**
     * A C larger than this (1 MiB) does not stay in L2 between depth blocks, and a pass that walks its tiles down
     * the rows (B micro-panel in L1, the next tile's C lines 8 rows away) waits on C at every tile: no prefetcher
     * follows that. Such products walk each row of tiles across instead (the A micro-panel in L1, C read along
     * its rows, which the prefetcher streams) with a B block of at most 1 MiB kept in L2. Measured 2026-11-23 on
     * the AVX-512 VM: 1 thread, 2048² 0.66-0.68x -> 0.75-0.78x of OpenBLAS, while 512² and the MLP layer (C of 1 MiB
     * and less) were 3-5% slower that way; 2 threads (each a C of 1024 x 512), 1024² 0.75x -> 0.80-0.81x.
     * Only the 8-row tiles walk that way. The 4-row tiles of 256-bit vectors take the whole depth in one block, and
     * down the columns their B micro-panel and A block stay in L2 while C is written once: 2026-11-24 on a 2-core
     * AVX2 EPYC VM (1 MiB L2), alternating fresh JVMs (GemmCpuTime), rows across against down the columns: 1 thread
     * 1024² 0.88-0.91x -> 0.94-0.97x of OpenBLAS, 2048² 0.79-0.84x -> 0.77-0.95x (0.90x or more in six of eight
     * JVMs); 2 threads (wall clock) 1024² 156-164 -> 167-172 GFLOP/s, 2048² 151-155 -> 122-170 (median 157; OpenBLAS
     * 162-188).
     */
    static final int C_IN_L2_FLOATS = 256 * 1024;
    /** Whether products with a C larger than {@link #C_IN_L2_FLOATS} walk their tiles along the rows. */
    static final boolean ROWS_OUTER_FOR_LARGE_C = MR == Float32Kernel.MR8;
    /** The B block of such products: 1 MiB. */
    static final int B_BLOCK_IN_L2_FLOATS = 256 * 1024;
    /** Products narrower than this read a row-major A in place (see {@link Float32Kernel#tileRows}). */
    static final int ROWS_IN_PLACE_BELOW_COLUMNS = 128;
    /**
     * Where A is read in place too, a row-major B of at most this many floats whose columns are whole tiles is read in
     * place as well (each k step's NR values are one stretch of a row): packing it costs a pass over B that only
     * B_IN_PLACE_MAX_ROWS / MR tiles would share. Measured 2026-11-24 on the AVX-512 VM, 1 thread, into an existing C
     * (three fresh JVMs each): 64² 3.6-4.1 -> 3.4-3.8 µs, 32 x 64 @ 64 x 64 1.96-2.05 -> 1.66-1.68 µs, 8 x 64 @ 64 x 64
     * 0.67-0.75 -> 0.51 µs; 64 x 32 @ 32 x 96, 64 x 128 @ 128 x 32 and 50 x 64 @ 64 x 64 within their spread.
     */
    static final int B_IN_PLACE_MAX_FLOATS = 64 * 64;
    /** ... and at most this many rows of C (so that B is read from L1 by few tiles). */
    static final int B_IN_PLACE_MAX_ROWS = 64;
    /**
     * An A stored transposed (its rows adjacent, unit row stride) against a row-major B, both heap arrays, is read in
     * place, both operands, where C has at most this many rows and fewer than ROWS_IN_PLACE_BELOW_COLUMNS columns, both
     * whole tiles, and the depth is one block (see {@link Float32Kernel#tileTransposedInPlace}): a weight gradient
     * v^T @ dy over a few hundred positions, which would otherwise pack both operands for a handful of tiles.
     */
    static final int TRANSPOSED_IN_PLACE_MAX_ROWS = 64;

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;

    /**
     * Packed buffers of one thread, grown on demand and then reused by every call on that thread. B's is native memory
     * on a 64-byte boundary: the kernels load B in whole vectors, and a 512-bit load that straddles two cache lines costs
     * two. A heap array is only 16-byte aligned, wherever the collector puts it, so each JVM (and each move) drew its
     * alignment by lot: a 2048² product ran at 156-162 or 177-187 GFLOP/s from one fresh JVM to the next, and the kernel
     * alone, B from L2, 186-190 against 203-207 GFLOP/s aligned. Measured 2026-11-24 on the AVX-512 VM, 1 thread, three
     * fresh JVMs each (GemmCpuTime, of OpenBLAS): 1024² 0.79-0.81x -> 0.86-0.88x, 2048² 0.77-0.79x -> 0.82-0.85x,
     * 128², 256², 512² and the MLP layer within their spread.
     */
    private static final class Workspace {
        float[] a = new float[0];
        MemorySegment b = MemorySegment.NULL;
        final float[] tile = new float[MR * NR];
        /** One B panel as it is built, before it goes to {@link #b} (see Float32Pack.packB). */
        final float[] panel = new float[KC * NR];

        float[] a(int size) { return a.length >= size ? a : (a = new float[size]); }

        MemorySegment b(int size) {
            long bytes = size * (long) Float.BYTES;
            return b.byteSize() >= bytes ? b : (b = Arena.ofAuto().allocate(bytes, 64));
        }
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    /** This thread's packed-B buffer, grown to at least {@code floats} (tests check its alignment). */
    static MemorySegment packedB(int floats) {
        return WORKSPACE.get().b(floats);
    }

    /**
     * {@code C[m0..m1, n0..n1] = A[m0..m1, :] @ B[:, n0..n1]} with depth k >= 1. C has unit column
     * stride; A and B any strides.
     */
    static void multiply(MatrixView a, MatrixView b, MatrixView c, int k, int m0, int m1, int n0, int n1) {
        multiply(a, b, c, k, m0, m1, n0, n1, ROWS_OUTER_FOR_LARGE_C && (long) (m1 - m0) * (n1 - n0) > C_IN_L2_FLOATS);
    }

    /** {@link #multiply} with the walk of the tiles given: along the rows or down the columns (tests take both anywhere). */
    static void multiply(MatrixView a, MatrixView b, MatrixView c, int k, int m0, int m1, int n0, int n1, boolean rowsOuter) {
        Workspace ws = WORKSPACE.get();
        // A's rows are read in place (no packing) where it is a heap array with unit stride along k and there are too
        // few columns to pay for packing it (see Float32Kernel.tileRows)
        boolean rowsInPlace = a.array() instanceof float[] && a.colStride() == 1 && n1 - n0 < ROWS_IN_PLACE_BELOW_COLUMNS;
        boolean bInPlace = rowsInPlace && b.array() instanceof float[] && b.colStride() == 1 && (n1 - n0) % NR == 0
                && m1 - m0 <= B_IN_PLACE_MAX_ROWS && (long) k * (n1 - n0) <= B_IN_PLACE_MAX_FLOATS && k <= KC;
        if (bInPlace) { // one block: all rows, columns and the whole depth
            inPlaceBlock((float[]) a.array(), (int) a.index(m0, 0), (int) a.rowStride(), (float[]) b.array(), (int) b.index(0, n0),
                    (int) b.rowStride(), c, ws.tile, m0, m1 - m0, n0, n1 - n0, k);
            return;
        }
        boolean transposedInPlace = a.array() instanceof float[] && a.rowStride() == 1 && b.array() instanceof float[]
                && b.colStride() == 1 && (m1 - m0) % MR == 0 && m1 - m0 <= TRANSPOSED_IN_PLACE_MAX_ROWS && (n1 - n0) % NR == 0
                && n1 - n0 < ROWS_IN_PLACE_BELOW_COLUMNS && k <= KC;
        if (transposedInPlace) {
            transposedBlock((float[]) a.array(), (int) a.index(m0, 0), (int) a.colStride(), (float[]) b.array(), (int) b.index(0, n0),
                    (int) b.rowStride(), c, ws.tile, m0, m1 - m0, n0, n1 - n0, k);
            return;
        }
        int kc0 = evenSplit(k, KC, 1);
        int bBlock = rowsOuter ? B_BLOCK_IN_L2_FLOATS : B_BLOCK_FLOATS;
        int ncMax = Math.max(NR, Math.min(NC_MAX, bBlock / kc0) / NR * NR);
        int mcMax = Math.max(MR, Math.min(MC_MAX, A_BLOCK_FLOATS / kc0) / MR * MR);
        for (int jc = n0; jc < n1; jc += ncMax) {
            int nc = Math.min(ncMax, n1 - jc);
            for (int pc = 0; pc < k; pc += kc0) {
                int kc = Math.min(kc0, k - pc);
                MemorySegment bp = ws.b(roundUp(nc, NR) * kc);
                Float32Pack.packB(b, pc, kc, jc, nc, bp, ws.panel);
                int mc0 = evenSplit(m1 - m0, mcMax, MR);
                for (int ic = m0; ic < m1; ic += mc0) {
                    int mc = Math.min(mc0, m1 - ic);
                    if (rowsInPlace) {
                        rowsBlock((float[]) a.array(), (int) a.index(ic, pc), (int) a.rowStride(), bp, c, ws.tile, ic, mc,
                                jc, nc, kc, pc > 0, rowsOuter);
                    } else {
                        float[] ap = ws.a(roundUp(mc, MR) * kc);
                        Float32Pack.packA(a, ic, mc, pc, kc, ap);
                        panelBlock(ap, bp, c, ws.tile, ic, mc, jc, nc, kc, pc > 0, rowsOuter);
                    }
                }
            }
        }
    }

    // The two block walks below differ only in the kernel they call: one kernel per method, so that C2 inlines it
    // (with both in one method it ran out of its inlining budget, and one of the kernels ran at 25 GFLOP/s).

    /** Every tile of a packed A block against a packed B block, along the rows or down the columns (see C_IN_L2_FLOATS). */
    private static void panelBlock(float[] ap, MemorySegment bp, MatrixView c, float[] tile, int ic, int mc, int jc, int nc, int kc,
                                   boolean accumulate, boolean rowsOuter) {
        for (int o = 0; o < (rowsOuter ? mc : nc); o += rowsOuter ? MR : NR) {
            for (int q = 0; q < (rowsOuter ? nc : mc); q += rowsOuter ? NR : MR) {
                int ir = rowsOuter ? o : q, jr = rowsOuter ? q : o;
                Target t = Target.of(c, tile, ic, mc, ir, jc, nc, jr, accumulate, MR == Float32Kernel.MR8);
                if (accumulate && t.c != tile) {
                    Float32Kernel.tile8Add(kc, ap, ir * kc, bp, (long) jr * kc, t.c, t.co, t.ldc);
                    continue;
                }
                Float32Kernel.tile(kc, ap, ir * kc, bp, (long) jr * kc, t.c, t.co, t.ldc);
                t.finish(tile, c, accumulate);
            }
        }
    }

    /** {@link #panelBlock} with A's rows read in place at {@code a[aBase + r*lda ..]}. */
    private static void rowsBlock(float[] a, int aBase, int lda, MemorySegment bp, MatrixView c, float[] tile, int ic, int mc,
                                  int jc, int nc, int kc, boolean accumulate, boolean rowsOuter) {
        for (int o = 0; o < (rowsOuter ? mc : nc); o += rowsOuter ? MR : NR) {
            for (int q = 0; q < (rowsOuter ? nc : mc); q += rowsOuter ? NR : MR) {
                int ir = rowsOuter ? o : q, jr = rowsOuter ? q : o;
                Target t = Target.of(c, tile, ic, mc, ir, jc, nc, jr, accumulate, false);
                Float32Kernel.tileRows(kc, a, aBase, ir, t.mr, lda, bp, (long) jr * kc, t.c, t.co, t.ldc);
                t.finish(tile, c, accumulate);
            }
        }
    }

    /** The whole product with A's rows and B's rows read in place (B's step p at {@code b[bBase + p*ldb ..]}). */
    private static void inPlaceBlock(float[] a, int aBase, int lda, float[] b, int bBase, int ldb, MatrixView c, float[] tile,
                                     int ic, int mc, int jc, int nc, int kc) {
        for (int jr = 0; jr < nc; jr += NR) {
            for (int ir = 0; ir < mc; ir += MR) {
                Target t = Target.of(c, tile, ic, mc, ir, jc, nc, jr, false, false);
                Float32Kernel.tileRowsInPlace(kc, a, aBase, ir, t.mr, lda, b, bBase + jr, ldb, t.c, t.co, t.ldc);
                t.finish(tile, c, false);
            }
        }
    }

    /** The whole product with A stored transposed ({@code a[aBase + r + p*lda]}) and B's rows, both read in place. */
    private static void transposedBlock(float[] a, int aBase, int lda, float[] b, int bBase, int ldb, MatrixView c, float[] tile,
                                        int ic, int mc, int jc, int nc, int kc) {
        for (int jr = 0; jr < nc; jr += NR) {
            for (int ir = 0; ir < mc; ir += MR) {
                Target t = Target.of(c, tile, ic, mc, ir, jc, nc, jr, false, false);
                Float32Kernel.tileTransposedInPlace(kc, a, aBase + ir, lda, b, bBase + jr, ldb, t.c, t.co, t.ldc);
                t.finish(tile, c, false);
            }
        }
    }

    /**
     * Where one tile's kernel writes: a whole tile of a heap C straight into C where it overwrites, or adds and the
     * kernel can ({@code kernelAdds}: {@link Float32Kernel#tile8Add}); every other tile into the tile buffer, which
     * {@link #finish} then adds to C (a whole tile) or writes back (a ragged one).
     */
    private record Target(int mr, int nr, long at, float[] c, int co, int ldc) {
        static Target of(MatrixView c, float[] tile, int ic, int mc, int ir, int jc, int nc, int jr, boolean accumulate,
                         boolean kernelAdds) {
            float[] carr = (float[]) c.array();
            int mr = Math.min(MR, mc - ir), nr = Math.min(NR, nc - jr);
            long at = c.index(ic + ir, jc + jr);
            boolean direct = carr != null && mr == MR && nr == NR && (!accumulate || kernelAdds);
            return direct ? new Target(mr, nr, at, carr, (int) at, (int) c.rowStride()) : new Target(mr, nr, at, tile, 0, NR);
        }

        void finish(float[] tile, MatrixView view, boolean accumulate) {
            if (c != tile) return;
            float[] carr = (float[]) view.array();
            if (carr != null && mr == MR && nr == NR) Float32Kernel.addTile(tile, carr, (int) at, (int) view.rowStride());
            else writeBack(tile, mr, nr, view, carr, at, accumulate);
        }
    }

    /** The valid mr x nr corner of a tile into C (heap or native), added to what is there with {@code accumulate}. */
    private static void writeBack(float[] tile, int mr, int nr, MatrixView c, float[] carr, long at, boolean accumulate) {
        MemorySegment seg = c.segment();
        long ldc = c.rowStride();
        for (int r = 0; r < mr; r++) {
            long row = at + r * ldc;
            int j = 0;
            if (carr != null) {
                for (; j <= nr - LANES; j += LANES) {
                    FloatVector v = FloatVector.fromArray(SPECIES, tile, r * NR + j);
                    if (accumulate) v = v.add(FloatVector.fromArray(SPECIES, carr, (int) row + j));
                    v.intoArray(carr, (int) row + j);
                }
            }
            for (; j < nr; j++) {
                float v = tile[r * NR + j];
                if (carr != null) {
                    int i = (int) (row + j);
                    carr[i] = accumulate ? carr[i] + v : v;
                } else {
                    long i = row + j;
                    seg.setAtIndex(F32, i, accumulate ? seg.getAtIndex(F32, i) + v : v);
                }
            }
        }
    }

    static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    /** A block size near {@code max} (a multiple of {@code unit}) that splits n into equal-ish blocks. */
    static int evenSplit(int n, int max, int unit) {
        if (n <= 0) return max;
        int blocks = (n + max - 1) / max;
        return roundUp((n + blocks - 1) / blocks, unit);
    }
}
