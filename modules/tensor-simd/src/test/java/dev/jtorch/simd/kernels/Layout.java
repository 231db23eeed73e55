package dev.jtorch.simd.kernels;

import dev.jtorch.DType;
import dev.jtorch.spi.HostStorage;
import dev.jtorch.spi.Strided;

import java.util.Random;

/**
 * Operand layouts for differential tests: the same logical values seen through contiguous,
 * strided, broadcast (stride 0) and transposed views. Storage is filled from a seeded generator
 * that mixes ordinary values with the special ones (NaN, infinities, signed zeros, rounding ties).
 */
enum Layout {
    CONTIGUOUS, EVERY_SECOND, BROADCAST, TRANSPOSED, ROW_BROADCAST, COLUMN_BROADCAST;

    static final double[] SPECIAL_FLOATS = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
            0.5, -0.5, 1.5, -2.5, 1.0, -1.0, 1e-40, 3e38, 0x1p23 + 1, -(0x1p52 + 1), 4.0, -7.25};
    static final long[] SPECIAL_LONGS = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 2, -3, 1L << 40};

    /** The logical shape a layout uses for length n. */
    long[] shape(int n) {
        return switch (this) {
            case CONTIGUOUS, EVERY_SECOND, BROADCAST -> new long[]{n};
            case TRANSPOSED, COLUMN_BROADCAST -> new long[]{n, 3};
            case ROW_BROADCAST -> new long[]{3, n};
        };
    }

    /** The "moving" operand (layout applied). */
    Strided operand(DType t, int n, long seed) {
        return switch (this) {
            case CONTIGUOUS -> make(t, shape(n), new long[]{1}, n, 0, seed);
            case EVERY_SECOND -> make(t, shape(n), new long[]{2}, 2 * n + 1, 1, seed);
            case BROADCAST -> make(t, shape(n), new long[]{0}, 1, 0, seed);
            case TRANSPOSED -> make(t, shape(n), new long[]{1, n}, 3 * n, 0, seed);
            case ROW_BROADCAST -> make(t, shape(n), new long[]{0, 1}, n, 0, seed);
            case COLUMN_BROADCAST -> make(t, shape(n), new long[]{1, 0}, n, 0, seed);
        };
    }

    /** A contiguous operand of the layout's shape (the other input of a binary op). */
    Strided plain(DType t, int n, long seed) {
        long[] s = shape(n);
        return make(t, s, Strided.contiguousStrides(s), (int) numel(s), 0, seed);
    }

    static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) n *= d;
        return n;
    }

    static Strided make(DType t, long[] shape, long[] stride, int storage, int offset, long seed) {
        Random r = new Random(seed);
        HostStorage h = HostStorage.allocate(t, storage);
        Object a = h.array();
        for (int i = 0; i < storage; i++) {
            boolean special = r.nextInt(4) == 0;
            switch (t) {
                case FLOAT32 -> ((float[]) a)[i] = (float) (special ? SPECIAL_FLOATS[r.nextInt(SPECIAL_FLOATS.length)] : r.nextDouble() * 16 - 8);
                case FLOAT64 -> ((double[]) a)[i] = special ? SPECIAL_FLOATS[r.nextInt(SPECIAL_FLOATS.length)] : r.nextDouble() * 16 - 8;
                case INT64 -> ((long[]) a)[i] = special ? SPECIAL_LONGS[r.nextInt(SPECIAL_LONGS.length)] : r.nextInt(101) - 50;
                case BOOL -> ((byte[]) a)[i] = (byte) r.nextInt(2);
                default -> throw new IllegalArgumentException(t.toString());
            }
        }
        return new Strided(h, t, shape, stride, offset);
    }

    /** Every element of a (strided) operand in row-major order, as doubles. */
    static double[] values(Strided s) {
        int n = (int) s.numel();
        double[] out = new double[n];
        int[] k = {0};
        Loop loop = Loop.rowMajor(s.shape(), s);
        int st = loop.innerStride(0);
        loop.forEach((off, len) -> {
            for (int i = 0; i < len; i++) {
                int p = off[0] + i * st;
                out[k[0]++] = switch (s.dtype()) {
                    case FLOAT32 -> ((float[]) Host.array(s))[p];
                    case FLOAT64 -> ((double[]) Host.array(s))[p];
                    case INT64 -> ((long[]) Host.array(s))[p];
                    case BOOL -> ((byte[]) Host.array(s))[p];
                    default -> throw new IllegalArgumentException(s.dtype().toString());
                };
            }
        });
        return out;
    }

    static long[] longValues(Strided s) {
        int n = (int) s.numel();
        long[] out = new long[n];
        int[] k = {0};
        Loop loop = Loop.rowMajor(s.shape(), s);
        int st = loop.innerStride(0);
        loop.forEach((off, len) -> {
            for (int i = 0; i < len; i++) out[k[0]++] = ((long[]) Host.array(s))[off[0] + i * st];
        });
        return out;
    }
}
