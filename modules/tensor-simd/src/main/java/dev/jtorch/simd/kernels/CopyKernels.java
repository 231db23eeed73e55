package dev.jtorch.simd.kernels;

import dev.jtorch.DType;
import dev.jtorch.spi.Strided;

/**
 * Copy/cast and fill: any dtype to any dtype, any strides. Scalar loops, except that the SIMD backend's
 * float32 transposing copy moves 8×8 blocks through vector registers ({@link SimdTranspose}).
 */
public final class CopyKernels {
    private CopyKernels() {}

    private static final int CHUNK = 1024;

    public static void copy(Strided src, Strided dst) { copy(src, dst, false, 1); }

    /**
     * {@code simd}: use the Vector API tile for float32 transposes (the scalar backend passes false). Copies from
     * {@link Parallel#GRAIN} elements per thread on are split across up to {@code threads} threads.
     */
    public static void copy(Strided src, Strided dst, boolean simd, int threads) {
        Loop loop = Loop.over(dst.shape(), dst, src);
        Object sa = Host.array(src), da = Host.array(dst);
        int ds = loop.innerStride(0), ss = loop.innerStride(1);
        if (src.dtype() == dst.dtype()) {
            boolean blocks = simd && SimdTranspose.ENABLED && sa instanceof float[];
            if (transposing(loop, blocks)) copyTiles(loop, sa, da, blocks, threads);
            else Parallel.forEach(loop, threads, (off, n) -> Rows.move(sa, off[1], ss, da, off[0], ds, n));
            return;
        }
        DType st = src.dtype(), dt = dst.dtype();
        if (ds == 1 && ss == 1 && Casts.direct(st, dt)) {
            Parallel.forEach(loop, threads, (off, n) -> Casts.run(sa, st, off[1], da, dt, off[0], n));
            return;
        }
        // through a buffer of doubles or longs, one per thread
        int chunk = Math.min(CHUNK, Math.max(loop.innerSize(), 1));
        long total = loop.numel();
        int parts = Parallel.parts(total, threads);
        Parallel.run(parts, t -> {
            Loop.Row row;
            if (st.isFloatingPoint()) {
                double[] buf = new double[chunk];
                row = (off, n) -> {
                    for (int i = 0; i < n; i += chunk) {
                        int m = Math.min(chunk, n - i);
                        Rows.readDoubles(sa, st, off[1] + i * ss, ss, m, buf);
                        Rows.writeDoubles(da, dt, off[0] + i * ds, ds, m, buf);
                    }
                };
            } else {
                long[] buf = new long[chunk];
                row = (off, n) -> {
                    for (int i = 0; i < n; i += chunk) {
                        int m = Math.min(chunk, n - i);
                        Rows.readLongs(sa, st, off[1] + i * ss, ss, m, buf);
                        Rows.writeLongs(da, dt, off[0] + i * ds, ds, m, buf);
                    }
                };
            }
            loop.forRange(total * t / parts, total * (t + 1) / parts, null, row);
        });
    }

    /**
     * Rows write dst contiguously but read src with a long stride, while src is contiguous one dim out. With
     * {@code blocks} (float32 8×8 register blocks) from 8 each way and 256 elements on ([16, 10000] 291 -> 115 us,
     * [64, 784] 49 -> 29 us; an 8×8 or 12×12 matrix copies faster row by row), else from two scalar tiles each way.
     */
    private static boolean transposing(Loop loop, boolean blocks) {
        int r = loop.rank();
        if (r < 2 || loop.innerStride(0) != 1 || Math.abs(loop.innerStride(1)) <= 1 || loop.stride(1, r - 2) != 1) return false;
        int rows = loop.size(r - 2), cols = loop.size(r - 1);
        return blocks ? rows >= SimdTranspose.B && cols >= SimdTranspose.B && (long) rows * cols >= MIN_BLOCKED
                : cols >= 2 * TILE_COLS && rows >= 2 * TILE_ROWS;
    }

    /** Elements of a matrix below which a float32 transposing copy goes row by row even with 8×8 blocks at hand. */
    private static final int MIN_BLOCKED = 256;

    /** Tile of the transposing copy: rows run along src's contiguous dim, columns along its strided one. */
    private static final int TILE_ROWS = 32, TILE_COLS = 16;

    /**
     * Copies the two innermost dims tile by tile, so that the source cache lines a tile reads stay
     * cached while the tile's rows are written (a plain row-by-row copy misses on every read). Split across
     * threads by whole matrices, and a matrix by bands of destination rows when there are fewer matrices than
     * parts.
     */
    private static void copyTiles(Loop loop, Object src, Object dst, boolean simd, int threads) {
        int r = loop.rank();
        int rows = loop.size(r - 2), cols = loop.size(r - 1);
        int dRow = (int) loop.stride(0, r - 2), sCol = loop.innerStride(1);
        long[] outerShape = new long[r - 2];
        long[][] outerStride = {new long[r - 2], new long[r - 2]}; // not new long[2][r - 2]: see Loop.create
        for (int d = 0; d < r - 2; d++) {
            outerShape[d] = loop.size(d);
            outerStride[0][d] = loop.stride(0, d);
            outerStride[1][d] = loop.stride(1, d);
        }
        Loop outer = Loop.create(outerShape, -1, outerStride, new int[]{loop.base(0), loop.base(1)});
        int od = outer.innerStride(0), os = outer.innerStride(1);
        long matrices = outer.numel();
        int parts = Parallel.parts(loop.numel(), threads);
        int bands = (int) Math.max(1, Math.min(rows / SimdTranspose.B, (parts + matrices - 1) / matrices));
        long units = matrices * bands;
        Parallel.run(parts, t -> {
            long u0 = units * t / parts, u1 = units * (t + 1) / parts;
            if (u0 >= u1) return;
            long first = u0 / bands, last = (u1 - 1) / bands;
            long[] matrix = {first}; // the index of the matrix being copied: a box, since the callback cannot assign a local
            outer.forRange(first, last + 1, null, (off, n) -> {
                for (int e = 0; e < n; e++, matrix[0]++) {
                    int db = off[0] + e * od, sb = off[1] + e * os;
                    long b0 = Math.max(u0 - matrix[0] * bands, 0), b1 = Math.min(u1 - matrix[0] * bands, bands);
                    int r0 = bandStart(rows, bands, (int) b0), r1 = bandStart(rows, bands, (int) b1);
                    if (simd && src instanceof float[] x && dst instanceof float[] y) blockRows(x, sb, sCol, y, db, dRow, rows, cols, r0, r1);
                    else tileRows(src, sb, sCol, dst, db, dRow, cols, r0, r1);
                }
            });
        });
    }

    /** First row of band b of {@code bands}: a multiple of 8, so that bands split no 8×8 block. */
    private static int bandStart(int rows, int bands, int b) {
        return b == bands ? rows : (int) ((long) rows * b / bands) & -SimdTranspose.B;
    }

    /** Rows [r0, r1) of one float32 matrix: whole 8×8 blocks, then the ragged last rows and columns. */
    private static void blockRows(float[] x, int sb, int sCol, float[] y, int db, int dRow, int rows, int cols, int r0, int r1) {
        int rows8 = rows & -SimdTranspose.B, cols8 = cols & -SimdTranspose.B, end8 = Math.min(r1, rows8);
        if (end8 > r0) SimdTranspose.blocks(x, sb + r0, sCol, y, db + r0 * dRow, dRow, end8 - r0, cols8);
        for (int i = Math.max(r0, rows8); i < r1; i++) Rows.move(x, sb + i, sCol, y, db + i * dRow, 1, cols);
        for (int i = r0; i < end8; i++) Rows.move(x, sb + i + cols8 * sCol, sCol, y, db + i * dRow + cols8, 1, cols - cols8);
    }

    /** Rows [r0, r1) of one matrix of any dtype, in scalar tiles. */
    private static void tileRows(Object src, int sb, int sCol, Object dst, int db, int dRow, int cols, int r0, int r1) {
        for (int i0 = r0; i0 < r1; i0 += TILE_ROWS) {
            int i1 = Math.min(r1, i0 + TILE_ROWS);
            for (int c0 = 0; c0 < cols; c0 += TILE_COLS) {
                int len = Math.min(TILE_COLS, cols - c0);
                if (src instanceof float[] x && dst instanceof float[] y) {
                    for (int i = i0; i < i1; i++) {
                        int s0 = sb + i + c0 * sCol, d0 = db + i * dRow + c0;
                        for (int j = 0; j < len; j++) y[d0 + j] = x[s0 + j * sCol];
                    }
                } else if (src instanceof double[] x && dst instanceof double[] y) {
                    for (int i = i0; i < i1; i++) {
                        int s0 = sb + i + c0 * sCol, d0 = db + i * dRow + c0;
                        for (int j = 0; j < len; j++) y[d0 + j] = x[s0 + j * sCol];
                    }
                } else {
                    for (int i = i0; i < i1; i++) Rows.move(src, sb + i + c0 * sCol, sCol, dst, db + i * dRow + c0, 1, len);
                }
            }
        }
    }

    public static void fill(Strided dst, double value) { fillRaw(dst, Convert.rawFromDouble(dst.dtype(), value)); }

    public static void fill(Strided dst, long value) { fillRaw(dst, Convert.rawFromLong(dst.dtype(), value)); }

    static void fillRaw(Strided dst, long raw) {
        Loop loop = Loop.over(dst.shape(), dst);
        Object a = Host.array(dst);
        int st = loop.innerStride(0);
        loop.forEach((off, n) -> Rows.fill(a, off[0], st, n, raw));
    }
}
