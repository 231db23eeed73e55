package dev.jtorch.simd.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 tile of the transposing copy with the Vector API: 8×8 blocks moved through registers
 * (8 vector loads along the source's contiguous dim, a 3-stage swap network, 8 vector stores along the
 * destination's rows), instead of 64 scalar loads that each touch a different source line.
 * Blocks are grouped in square tiles (see {@link #TILE}); large matrices go through a stage in L2 (see
 * {@link #staged}). On AVX-512 the stage, and tiles whose sides and strides are multiples of 16, move in 16×16 blocks
 * of 512-bit vectors instead (see {@link #strip16}). Also packs transposed GEMM operands (the gemm package).
 */
public final class SimdTranspose {
    private SimdTranspose() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    public static final int B = 8;

    public static final boolean ENABLED = SimdMath.EIGHT_FLOAT_LANES;

    /*
     * Stage k (4, 2, 1) pairs rows a and b = a + k and swaps a's lanes with bit k set against b's lanes with
     * bit k clear: a' = blend(a, swap_k(b)) on the lanes with bit k set, b' = blend(swap_k(a), b) on the same
     * lanes. Each step is a one-source permute with constant indexes and a constant-mask blend: on AVX2 a
     * two-source rearrange costs two permutes and a blend, and this network measured 1.5x faster (8×8 blocks
     * from L1: 6.4 -> 4.0 ms per 16M floats).
     */
    private static final VectorShuffle<Float> SWAP4 = shuffle(4, 5, 6, 7, 0, 1, 2, 3);
    private static final VectorShuffle<Float> SWAP2 = shuffle(2, 3, 0, 1, 6, 7, 4, 5);
    private static final VectorShuffle<Float> SWAP1 = shuffle(1, 0, 3, 2, 5, 4, 7, 6);
    private static final VectorMask<Float> BIT4 = lanesWithBit(4);
    private static final VectorMask<Float> BIT2 = lanesWithBit(2);
    private static final VectorMask<Float> BIT1 = lanesWithBit(1);

    /* The same network for 16 lanes: stages 8, 4, 2, 1 (used only where 512-bit vectors are native, see WIDE). */
    private static final VectorSpecies<Float> S16 = FloatVector.SPECIES_512;
    private static final VectorShuffle<Float> X8 = xorShuffle(8), X4 = xorShuffle(4), X2 = xorShuffle(2), X1 = xorShuffle(1);
    private static final VectorMask<Float> M8 = wideLanesWithBit(8), M4 = wideLanesWithBit(4), M2 = wideLanesWithBit(2),
            M1 = wideLanesWithBit(1);

    /** Lane i takes lane i ^ bit. */
    private static VectorShuffle<Float> xorShuffle(int bit) {
        int[] lanes = new int[16];
        for (int i = 0; i < 16; i++) lanes[i] = i ^ bit;
        return VectorShuffle.fromValues(S16, lanes);
    }

    private static VectorMask<Float> wideLanesWithBit(int bit) {
        boolean[] set = new boolean[16];
        for (int i = 0; i < 16; i++) set[i] = (i & bit) != 0;
        return VectorMask.fromArray(S16, set, 0);
    }

    private static VectorShuffle<Float> shuffle(int... lanes) { return VectorShuffle.fromValues(S, lanes); }

    private static VectorMask<Float> lanesWithBit(int bit) {
        boolean[] set = new boolean[B];
        for (int i = 0; i < B; i++) set[i] = (i & bit) != 0;
        return VectorMask.fromArray(S, set, 0);
    }

    /**
     * Side of the square tiles the 8×8 blocks are grouped in. Measured on 4096×4096 (copy into an existing
     * array, best of 40; AVX2 machine, before such matrices went through the stage): 128: 15.4 ms, 256: 13.8 ms,
     * 512: 14.1 ms.
     */
    static final int TILE = 256;

    /**
     * Matrices of at least this many floats (512 KiB) are transposed {@link #staged}; smaller ones stay in L2 either
     * way, and there the direct tiles are faster (256²: 16.7 against 18.8 µs) ...
     */
    static final int STAGED_MIN = 128 * 1024;
    /**
     * ... and only with destination rows of at least this many floats (the stage copies them out one run per row:
     * 10000 x 16 took 23 µs in tiles and 94 µs staged, 65536 x 32 723 against 821 µs, 65536 x 64 1.78 against
     * 1.60 ms) ...
     */
    static final int STAGED_MIN_COLS = 64;
    /** ... and at least this many of them (16 x 10000: 31 µs in tiles, 47 µs staged; 32 x 65536: 985 against 728). */
    static final int STAGED_MIN_ROWS = 32;
    /** Whether the stage is filled with 16×16 blocks (512-bit vectors, AVX-512). */
    static final boolean WIDE = ENABLED && FloatVector.SPECIES_PREFERRED.length() >= 16;
    /**
     * Destination rows and columns of one staged block: it reads runs of STAGE_ROWS floats from each of STAGE_COLS
     * source rows and writes runs of STAGE_COLS floats. With 16×16 blocks a 256² stage was the fastest (4096², 1 thread,
     * best of 30 in fresh JVMs, 2026-11-24: 256 x 256 11.0-11.8 ms, 256 x 512 11.9-12.4, 512 x 256 11.5-13.9, 256 x 128
     * 12.6, 128 x 256 13.1; 8×8 blocks into 256 x 512: 13.6-14.1). With 8×8 blocks on the AVX2 EPYC VM (512 KiB L2),
     * 1024 x 128: reading the source is the slow half, and longer runs of it keep its prefetcher streaming (4096², 1
     * thread, into an existing array, medians over three rounds in one JVM, 2026-11-24: 256 x 512 18.2-19.4 ms, 256 x
     * 256 17.3-18.7, 512 x 128 16.1-16.6, 1024 x 64 15.8-16.8, 1024 x 128 14.6-15.1, 2048 x 128 15.6-18.0, 4096 x 64
     * 16.2-18.0).
     */
    static final int STAGE_ROWS = WIDE ? 256 : 1024, STAGE_COLS = WIDE ? 256 : 128;
    /**
     * A band of fewer destination rows than STAGE_ROWS takes wider blocks of the same area, up to this many columns:
     * with 8×8 blocks a 64-row destination (65536 x 64 transposed) kept its 512-column blocks, at 3.1-3.9 ms either
     * way, where 128 columns took 3.7-5.0 ms.
     */
    static final int STAGE_COLS_MAX = WIDE ? 256 : 512;
    /** Spacing of the stage's rows beyond STAGE_COLS, so that its rows do not all start in the same L1 set. */
    private static final int STAGE_PAD = 16;
    /** One stage per thread (272 KiB on AVX-512, 576 KiB on AVX2), kept for the thread's life like the GEMM's packed buffers. */
    private static final ThreadLocal<float[]> STAGE =
            ThreadLocal.withInitial(() -> new float[STAGE_ROWS * (STAGE_COLS + STAGE_PAD)]);

    /**
     * {@code dst[d0 + i*dRow + j] = src[s0 + i + j*sCol]} for i in [0, rows), j in [0, cols): rows and cols
     * multiples of 8.
     */
    public static void blocks(float[] src, int s0, int sCol, float[] dst, int d0, int dRow, int rows, int cols) {
        if (takesStage(rows, cols)) staged(src, s0, sCol, dst, d0, dRow, rows, cols);
        else tiles(src, s0, sCol, dst, d0, dRow, rows, cols);
    }

    /** Whether {@link #blocks} of rows x cols goes through the stage. */
    static boolean takesStage(int rows, int cols) {
        return rows >= STAGED_MIN_ROWS && cols >= STAGED_MIN_COLS && (long) rows * cols >= STAGED_MIN;
    }

    /** {@link #blocks} straight into the destination, tile by tile. */
    private static void tiles(float[] src, int s0, int sCol, float[] dst, int d0, int dRow, int rows, int cols) {
        for (int i0 = 0; i0 < rows; i0 += TILE) {
            int n = Math.min(rows, i0 + TILE) - i0;
            for (int j0 = 0; j0 < cols; j0 += TILE) {
                int width = Math.min(cols, j0 + TILE) - j0;
                // 16×16 blocks here only for whole ones along strides of whole vectors (1 thread: 256² 13.5 against
                // 20.6 µs, 64 x 1024 14 against 19 µs); with 8×8 edges 200² took 6.3 against 5.7 µs, and 100 x 1000
                // (a source stride of 100) 19 against 17 µs
                boolean wide = n % 16 == 0 && width % 16 == 0 && sCol % 16 == 0 && dRow % 16 == 0;
                fill(src, s0 + i0 + j0 * sCol, sCol, dst, d0 + i0 * dRow + j0, dRow, n, width, wide);
            }
        }
    }

    /**
     * {@code dst[d0 + i*dRow + j] = src[s0 + i + j*sCol]} for any rows and cols: whole 8×8 blocks through
     * {@link #blocks} (when {@link #ENABLED}), the ragged right and bottom edges element by element.
     */
    public static void transpose(float[] src, int s0, int sCol, float[] dst, int d0, int dRow, int rows, int cols) {
        int rows8 = ENABLED ? rows / B * B : 0, cols8 = ENABLED ? cols / B * B : 0;
        if (rows8 > 0 && cols8 > 0) blocks(src, s0, sCol, dst, d0, dRow, rows8, cols8);
        else rows8 = cols8 = 0;
        for (int i = 0; i < rows8; i++) {
            for (int j = cols8; j < cols; j++) dst[d0 + i * dRow + j] = src[s0 + i + j * sCol];
        }
        for (int i = rows8; i < rows; i++) {
            for (int j = 0; j < cols; j++) dst[d0 + i * dRow + j] = src[s0 + i + j * sCol];
        }
    }

    /**
     * {@link #blocks} of a large matrix through a per-thread stage that stays in L2 (most of it, on 512 KiB): each block
     * of STAGE_ROWS x STAGE_COLS (fewer rows and more columns in a short band, see STAGE_COLS_MAX) is transposed into the
     * stage, then copied out row by row. Written straight, a destination line gets its 8 floats from one 8×8 block and
     * the rest from blocks written much later, and a row stride that is a multiple of 4 KiB puts all those pending lines
     * in a few cache sets, so a line is often evicted half written and fetched again; from the stage every destination
     * line is written whole, in long runs. Measured 2026-11-24 on the AVX-512
     * VM, 1 thread, into an existing array (median of 9, three rounds): 4096² 31-35 -> 18-20 ms, 784 x 10000
     * 6.5-11.6 -> 4.6 ms, 10000 x 784 6.1-8.0 -> 4.9-5.0 ms, 64 x 65536 2.26 -> 1.66 ms, 65536 x 64 1.81 -> 1.70 ms,
     * 128 x 1024 59 -> 35 µs, 1000² 543 -> 507 µs (a plain copy of 4096² floats: 4.7 ms).
     */
    private static void staged(float[] src, int s0, int sCol, float[] dst, int d0, int dRow, int rows, int cols) {
        float[] stage = STAGE.get();
        for (int i0 = 0; i0 < rows; i0 += STAGE_ROWS) {
            int count = Math.min(STAGE_ROWS, rows - i0) / B;
            int blockCols = Math.max(STAGE_COLS, Math.min(STAGE_COLS_MAX, STAGE_ROWS * STAGE_COLS / (count * B)) & -B);
            for (int j0 = 0; j0 < cols; j0 += blockCols) {
                int width = Math.min(blockCols, cols - j0), step = width + STAGE_PAD;
                fill(src, s0 + i0 + j0 * sCol, sCol, stage, 0, step, count * B, width, true);
                for (int r = 0; r < count * B; r++) System.arraycopy(stage, r * step, dst, d0 + (i0 + r) * dRow + j0, width);
            }
        }
    }

    /**
     * {@code n} rows by {@code width} columns (multiples of 8) of the destination, {@code dst[d + i*dRow + j] =
     * src[s + i + j*sCol]}: 16×16 blocks where {@link #WIDE} and {@code wide}, 8×8 blocks for the rest. For a stage,
     * reading the source is the slow half (latency-bound: 4096² with the copying out skipped, 7.1 ms with 8×8 blocks,
     * 6.4 with 16×16, which keep 16 source rows in flight).
     */
    private static void fill(float[] src, int s, int sCol, float[] dst, int d, int dRow, int n, int width, boolean wide) {
        int n16 = WIDE && wide ? n & -16 : 0, w16 = WIDE && wide ? width & -16 : 0;
        if (n16 > 0) {
            for (int j = 0; j < w16; j += 16) strip16(src, s + j * sCol, sCol, dst, d + j, dRow, n16 / 16);
        } else {
            w16 = 0;
        }
        for (int j = w16; j < width; j += B) strip(src, s + j * sCol, sCol, dst, d + j, dRow, n / B);
        if (n16 < n) {
            for (int j = 0; j < w16; j += B) strip(src, s + n16 + j * sCol, sCol, dst, d + n16 * dRow + j, dRow, (n - n16) / B);
        }
    }

    /**
     * {@code count} 8×8 blocks side by side along the source's rows {@code s + k*sCol}: block c reads source
     * columns {@code 8c..8c+7} and writes destination rows {@code 8c..8c+7}. One loop in one method, so C2
     * keeps the shuffle and mask constants in registers (a call per block re-materialises them: the block's
     * code is too large to inline).
     */
    private static void strip(float[] src, int s, int sCol, float[] dst, int d, int dRow, int count) {
        for (int c = 0; c < count; c++, s += B, d += B * dRow) {
            FloatVector r0 = FloatVector.fromArray(S, src, s);
            FloatVector r1 = FloatVector.fromArray(S, src, s + sCol);
            FloatVector r2 = FloatVector.fromArray(S, src, s + 2 * sCol);
            FloatVector r3 = FloatVector.fromArray(S, src, s + 3 * sCol);
            FloatVector r4 = FloatVector.fromArray(S, src, s + 4 * sCol);
            FloatVector r5 = FloatVector.fromArray(S, src, s + 5 * sCol);
            FloatVector r6 = FloatVector.fromArray(S, src, s + 6 * sCol);
            FloatVector r7 = FloatVector.fromArray(S, src, s + 7 * sCol);
            // k = 4: rows (0,4) (1,5) (2,6) (3,7) swap their 4×4 corners
            FloatVector a0 = r0.blend(r4.rearrange(SWAP4), BIT4), a4 = r0.rearrange(SWAP4).blend(r4, BIT4);
            FloatVector a1 = r1.blend(r5.rearrange(SWAP4), BIT4), a5 = r1.rearrange(SWAP4).blend(r5, BIT4);
            FloatVector a2 = r2.blend(r6.rearrange(SWAP4), BIT4), a6 = r2.rearrange(SWAP4).blend(r6, BIT4);
            FloatVector a3 = r3.blend(r7.rearrange(SWAP4), BIT4), a7 = r3.rearrange(SWAP4).blend(r7, BIT4);
            // k = 2: rows (0,2) (1,3) (4,6) (5,7) swap their 2×2 corners
            FloatVector b0 = a0.blend(a2.rearrange(SWAP2), BIT2), b2 = a0.rearrange(SWAP2).blend(a2, BIT2);
            FloatVector b1 = a1.blend(a3.rearrange(SWAP2), BIT2), b3 = a1.rearrange(SWAP2).blend(a3, BIT2);
            FloatVector b4 = a4.blend(a6.rearrange(SWAP2), BIT2), b6 = a4.rearrange(SWAP2).blend(a6, BIT2);
            FloatVector b5 = a5.blend(a7.rearrange(SWAP2), BIT2), b7 = a5.rearrange(SWAP2).blend(a7, BIT2);
            // k = 1: rows (0,1) (2,3) (4,5) (6,7) swap single elements, giving the destination's rows
            b0.blend(b1.rearrange(SWAP1), BIT1).intoArray(dst, d);
            b0.rearrange(SWAP1).blend(b1, BIT1).intoArray(dst, d + dRow);
            b2.blend(b3.rearrange(SWAP1), BIT1).intoArray(dst, d + 2 * dRow);
            b2.rearrange(SWAP1).blend(b3, BIT1).intoArray(dst, d + 3 * dRow);
            b4.blend(b5.rearrange(SWAP1), BIT1).intoArray(dst, d + 4 * dRow);
            b4.rearrange(SWAP1).blend(b5, BIT1).intoArray(dst, d + 5 * dRow);
            b6.blend(b7.rearrange(SWAP1), BIT1).intoArray(dst, d + 6 * dRow);
            b6.rearrange(SWAP1).blend(b7, BIT1).intoArray(dst, d + 7 * dRow);
        }
    }

    /**
     * {@link #strip} with 16×16 blocks of 512-bit vectors: block c reads source columns {@code 16c..16c+15} of 16
     * source rows and writes destination rows {@code 16c..16c+15}.
     */
    private static void strip16(float[] src, int s, int sCol, float[] dst, int d, int dRow, int count) {
        for (int c = 0; c < count; c++, s += 16, d += 16 * dRow) {
            FloatVector r0 = FloatVector.fromArray(S16, src, s);
            FloatVector r1 = FloatVector.fromArray(S16, src, s + sCol);
            FloatVector r2 = FloatVector.fromArray(S16, src, s + 2 * sCol);
            FloatVector r3 = FloatVector.fromArray(S16, src, s + 3 * sCol);
            FloatVector r4 = FloatVector.fromArray(S16, src, s + 4 * sCol);
            FloatVector r5 = FloatVector.fromArray(S16, src, s + 5 * sCol);
            FloatVector r6 = FloatVector.fromArray(S16, src, s + 6 * sCol);
            FloatVector r7 = FloatVector.fromArray(S16, src, s + 7 * sCol);
            FloatVector r8 = FloatVector.fromArray(S16, src, s + 8 * sCol);
            FloatVector r9 = FloatVector.fromArray(S16, src, s + 9 * sCol);
            FloatVector r10 = FloatVector.fromArray(S16, src, s + 10 * sCol);
            FloatVector r11 = FloatVector.fromArray(S16, src, s + 11 * sCol);
            FloatVector r12 = FloatVector.fromArray(S16, src, s + 12 * sCol);
            FloatVector r13 = FloatVector.fromArray(S16, src, s + 13 * sCol);
            FloatVector r14 = FloatVector.fromArray(S16, src, s + 14 * sCol);
            FloatVector r15 = FloatVector.fromArray(S16, src, s + 15 * sCol);
            // k = 8
            FloatVector a0 = r0.blend(r8.rearrange(X8), M8), a8 = r0.rearrange(X8).blend(r8, M8);
            FloatVector a1 = r1.blend(r9.rearrange(X8), M8), a9 = r1.rearrange(X8).blend(r9, M8);
            FloatVector a2 = r2.blend(r10.rearrange(X8), M8), a10 = r2.rearrange(X8).blend(r10, M8);
            FloatVector a3 = r3.blend(r11.rearrange(X8), M8), a11 = r3.rearrange(X8).blend(r11, M8);
            FloatVector a4 = r4.blend(r12.rearrange(X8), M8), a12 = r4.rearrange(X8).blend(r12, M8);
            FloatVector a5 = r5.blend(r13.rearrange(X8), M8), a13 = r5.rearrange(X8).blend(r13, M8);
            FloatVector a6 = r6.blend(r14.rearrange(X8), M8), a14 = r6.rearrange(X8).blend(r14, M8);
            FloatVector a7 = r7.blend(r15.rearrange(X8), M8), a15 = r7.rearrange(X8).blend(r15, M8);
            // k = 4
            FloatVector b0 = a0.blend(a4.rearrange(X4), M4), b4 = a0.rearrange(X4).blend(a4, M4);
            FloatVector b1 = a1.blend(a5.rearrange(X4), M4), b5 = a1.rearrange(X4).blend(a5, M4);
            FloatVector b2 = a2.blend(a6.rearrange(X4), M4), b6 = a2.rearrange(X4).blend(a6, M4);
            FloatVector b3 = a3.blend(a7.rearrange(X4), M4), b7 = a3.rearrange(X4).blend(a7, M4);
            FloatVector b8 = a8.blend(a12.rearrange(X4), M4), b12 = a8.rearrange(X4).blend(a12, M4);
            FloatVector b9 = a9.blend(a13.rearrange(X4), M4), b13 = a9.rearrange(X4).blend(a13, M4);
            FloatVector b10 = a10.blend(a14.rearrange(X4), M4), b14 = a10.rearrange(X4).blend(a14, M4);
            FloatVector b11 = a11.blend(a15.rearrange(X4), M4), b15 = a11.rearrange(X4).blend(a15, M4);
            // k = 2
            FloatVector c0 = b0.blend(b2.rearrange(X2), M2), c2 = b0.rearrange(X2).blend(b2, M2);
            FloatVector c1 = b1.blend(b3.rearrange(X2), M2), c3 = b1.rearrange(X2).blend(b3, M2);
            FloatVector c4 = b4.blend(b6.rearrange(X2), M2), c6 = b4.rearrange(X2).blend(b6, M2);
            FloatVector c5 = b5.blend(b7.rearrange(X2), M2), c7 = b5.rearrange(X2).blend(b7, M2);
            FloatVector c8 = b8.blend(b10.rearrange(X2), M2), c10 = b8.rearrange(X2).blend(b10, M2);
            FloatVector c9 = b9.blend(b11.rearrange(X2), M2), c11 = b9.rearrange(X2).blend(b11, M2);
            FloatVector c12 = b12.blend(b14.rearrange(X2), M2), c14 = b12.rearrange(X2).blend(b14, M2);
            FloatVector c13 = b13.blend(b15.rearrange(X2), M2), c15 = b13.rearrange(X2).blend(b15, M2);
            // k = 1: the destination's rows
            c0.blend(c1.rearrange(X1), M1).intoArray(dst, d);
            c0.rearrange(X1).blend(c1, M1).intoArray(dst, d + dRow);
            c2.blend(c3.rearrange(X1), M1).intoArray(dst, d + 2 * dRow);
            c2.rearrange(X1).blend(c3, M1).intoArray(dst, d + 3 * dRow);
            c4.blend(c5.rearrange(X1), M1).intoArray(dst, d + 4 * dRow);
            c4.rearrange(X1).blend(c5, M1).intoArray(dst, d + 5 * dRow);
            c6.blend(c7.rearrange(X1), M1).intoArray(dst, d + 6 * dRow);
            c6.rearrange(X1).blend(c7, M1).intoArray(dst, d + 7 * dRow);
            c8.blend(c9.rearrange(X1), M1).intoArray(dst, d + 8 * dRow);
            c8.rearrange(X1).blend(c9, M1).intoArray(dst, d + 9 * dRow);
            c10.blend(c11.rearrange(X1), M1).intoArray(dst, d + 10 * dRow);
            c10.rearrange(X1).blend(c11, M1).intoArray(dst, d + 11 * dRow);
            c12.blend(c13.rearrange(X1), M1).intoArray(dst, d + 12 * dRow);
            c12.rearrange(X1).blend(c13, M1).intoArray(dst, d + 13 * dRow);
            c14.blend(c15.rearrange(X1), M1).intoArray(dst, d + 14 * dRow);
            c14.rearrange(X1).blend(c15, M1).intoArray(dst, d + 15 * dRow);
        }
    }
}
