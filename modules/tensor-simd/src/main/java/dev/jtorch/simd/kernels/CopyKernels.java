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

    public static void copy(Strided src, Strided dst) { copy(src, dst, false); }

    /** {@code simd}: use the Vector API tile for float32 transposes (the scalar backend passes false). */
    public static void copy(Strided src, Strided dst, boolean simd) {
        Loop loop = Loop.over(dst.shape(), dst, src);
        Object sa = Host.array(src), da = Host.array(dst);
        int ds = loop.innerStride(0), ss = loop.innerStride(1);
        if (src.dtype() == dst.dtype()) {
            boolean blocks = simd && SimdTranspose.ENABLED && sa instanceof float[];
            if (transposing(loop, blocks)) copyTiles(loop, sa, da, blocks);
            else loop.forEach((off, n) -> Rows.move(sa, off[1], ss, da, off[0], ds, n));
            return;
        }
        DType st = src.dtype(), dt = dst.dtype();
        if (ds == 1 && ss == 1 && Casts.direct(st, dt)) {
            loop.forEach((off, n) -> Casts.run(sa, st, off[1], da, dt, off[0], n));
            return;
        }
        int chunk = Math.min(CHUNK, Math.max(loop.innerSize(), 1));
        if (st.isFloatingPoint()) {
            double[] buf = new double[chunk];
            loop.forEach((off, n) -> {
                for (int i = 0; i < n; i += chunk) {
                    int m = Math.min(chunk, n - i);
                    Rows.readDoubles(sa, st, off[1] + i * ss, ss, m, buf);
                    Rows.writeDoubles(da, dt, off[0] + i * ds, ds, m, buf);
                }
            });
        } else {
            long[] buf = new long[chunk];
            loop.forEach((off, n) -> {
                for (int i = 0; i < n; i += chunk) {
                    int m = Math.min(chunk, n - i);
                    Rows.readLongs(sa, st, off[1] + i * ss, ss, m, buf);
                    Rows.writeLongs(da, dt, off[0] + i * ds, ds, m, buf);
                }
            });
        }
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
     * cached while the tile's rows are written (a plain row-by-row copy misses on every read).
     */
    private static void copyTiles(Loop loop, Object src, Object dst, boolean simd) {
        int r = loop.rank();
        int rows = loop.size(r - 2), cols = loop.size(r - 1);
        int dRow = (int) loop.stride(0, r - 2), sCol = loop.innerStride(1), sRow = 1;
        long[] outerShape = new long[r - 2];
        long[][] outerStride = new long[2][r - 2];
        for (int d = 0; d < r - 2; d++) {
            outerShape[d] = loop.size(d);
            outerStride[0][d] = loop.stride(0, d);
            outerStride[1][d] = loop.stride(1, d);
        }
        Loop outer = Loop.create(outerShape, -1, outerStride, new int[]{loop.base(0), loop.base(1)});
        int od = outer.innerStride(0), os = outer.innerStride(1);
        outer.forEach((off, n) -> {
            for (int e = 0; e < n; e++) {
                int db = off[0] + e * od, sb = off[1] + e * os;
                if (simd && src instanceof float[] x && dst instanceof float[] y) {
                    int rows8 = rows & -SimdTranspose.B, cols8 = cols & -SimdTranspose.B;
                    SimdTranspose.blocks(x, sb, sCol, y, db, dRow, rows8, cols8);
                    // ragged edges: the last rows whole, then the last columns of the other rows
                    for (int i = rows8; i < rows; i++) Rows.move(src, sb + i * sRow, sCol, dst, db + i * dRow, 1, cols);
                    for (int i = 0; i < rows8; i++) {
                        Rows.move(src, sb + i * sRow + cols8 * sCol, sCol, dst, db + i * dRow + cols8, 1, cols - cols8);
                    }
                    continue;
                }
                for (int r0 = 0; r0 < rows; r0 += TILE_ROWS) {
                    int r1 = Math.min(rows, r0 + TILE_ROWS);
                    for (int c0 = 0; c0 < cols; c0 += TILE_COLS) {
                        int len = Math.min(TILE_COLS, cols - c0);
                        if (src instanceof float[] x && dst instanceof float[] y) {
                            for (int i = r0; i < r1; i++) {
                                int s0 = sb + i * sRow + c0 * sCol, d0 = db + i * dRow + c0;
                                for (int j = 0; j < len; j++) y[d0 + j] = x[s0 + j * sCol];
                            }
                        } else if (src instanceof double[] x && dst instanceof double[] y) {
                            for (int i = r0; i < r1; i++) {
                                int s0 = sb + i * sRow + c0 * sCol, d0 = db + i * dRow + c0;
                                for (int j = 0; j < len; j++) y[d0 + j] = x[s0 + j * sCol];
                            }
                        } else {
                            for (int i = r0; i < r1; i++) {
                                Rows.move(src, sb + i * sRow + c0 * sCol, sCol, dst, db + i * dRow + c0, 1, len);
                            }
                        }
                    }
                }
            }
        });
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
