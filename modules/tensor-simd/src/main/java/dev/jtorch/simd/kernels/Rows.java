package dev.jtorch.simd.kernels;

import dev.jtorch.DType;

/**
 * Typed row loops over the primitive arrays behind tensors: reading any dtype into a double or long
 * buffer, writing a buffer back with a cast, truth tests, fills and same-dtype moves. Every
 * method takes a start index and a stride in elements.
 */
public final class Rows {
    private Rows() {}

    /** Reads n elements of a floating dtype as doubles (integral dtypes convert too). */
    public static void readDoubles(Object a, DType t, int off, int st, int n, double[] buf) {
        switch (t) {
            case FLOAT32 -> { float[] x = (float[]) a; for (int i = 0, p = off; i < n; i++, p += st) buf[i] = x[p]; }
            case FLOAT64 -> { double[] x = (double[]) a; for (int i = 0, p = off; i < n; i++, p += st) buf[i] = x[p]; }
            case FLOAT16 -> { short[] x = (short[]) a; for (int i = 0, p = off; i < n; i++, p += st) buf[i] = Float.float16ToFloat(x[p]); }
            case BFLOAT16 -> { short[] x = (short[]) a; for (int i = 0, p = off; i < n; i++, p += st) buf[i] = Convert.fromBFloat16(x[p]); }
            default -> {
                long[] tmp = new long[n];
                readLongs(a, t, off, st, n, tmp);
                for (int i = 0; i < n; i++) buf[i] = tmp[i];
            }
        }
    }

    /** Reads n elements of an integral or bool dtype as longs. */
    public static void readLongs(Object a, DType t, int off, int st, int n, long[] buf) {
        switch (t) {
            case INT64 -> { long[] x = (long[]) a; for (int i = 0, p = off; i < n; i++, p += st) buf[i] = x[p]; }
            case INT32 -> { int[] x = (int[]) a; for (int i = 0, p = off; i < n; i++, p += st) buf[i] = x[p]; }
            case INT16 -> { short[] x = (short[]) a; for (int i = 0, p = off; i < n; i++, p += st) buf[i] = x[p]; }
            case INT8 -> { byte[] x = (byte[]) a; for (int i = 0, p = off; i < n; i++, p += st) buf[i] = x[p]; }
            case UINT8 -> { byte[] x = (byte[]) a; for (int i = 0, p = off; i < n; i++, p += st) buf[i] = x[p] & 0xFF; }
            case BOOL -> { byte[] x = (byte[]) a; for (int i = 0, p = off; i < n; i++, p += st) buf[i] = x[p] != 0 ? 1 : 0; }
            default -> throw new IllegalArgumentException("readLongs: floating dtype " + t);
        }
    }

    /** Writes n doubles cast to dtype t. */
    public static void writeDoubles(Object a, DType t, int off, int st, int n, double[] buf) {
        switch (t) {
            case FLOAT32 -> { float[] y = (float[]) a; for (int i = 0, p = off; i < n; i++, p += st) y[p] = (float) buf[i]; }
            case FLOAT64 -> { double[] y = (double[]) a; for (int i = 0, p = off; i < n; i++, p += st) y[p] = buf[i]; }
            case FLOAT16 -> { short[] y = (short[]) a; for (int i = 0, p = off; i < n; i++, p += st) y[p] = Float.floatToFloat16((float) buf[i]); }
            case BFLOAT16 -> { short[] y = (short[]) a; for (int i = 0, p = off; i < n; i++, p += st) y[p] = Convert.toBFloat16((float) buf[i]); }
            case INT64 -> { long[] y = (long[]) a; for (int i = 0, p = off; i < n; i++, p += st) y[p] = Convert.toInt64(buf[i]); }
            case INT32 -> { int[] y = (int[]) a; for (int i = 0, p = off; i < n; i++, p += st) y[p] = Convert.toInt32(buf[i]); }
            case INT16 -> { short[] y = (short[]) a; for (int i = 0, p = off; i < n; i++, p += st) y[p] = (short) Convert.toInt32(buf[i]); }
            case INT8, UINT8 -> { byte[] y = (byte[]) a; for (int i = 0, p = off; i < n; i++, p += st) y[p] = (byte) Convert.toInt32(buf[i]); }
            case BOOL -> { byte[] y = (byte[]) a; for (int i = 0, p = off; i < n; i++, p += st) y[p] = (byte) (buf[i] != 0 ? 1 : 0); }
        }
    }

    /** Writes n longs cast to dtype t. */
    public static void writeLongs(Object a, DType t, int off, int st, int n, long[] buf) {
        switch (t) {
            case FLOAT32 -> { float[] y = (float[]) a; for (int i = 0, p = off; i < n; i++, p += st) y[p] = (float) buf[i]; }
            case FLOAT64 -> { double[] y = (double[]) a; for (int i = 0, p = off; i < n; i++, p += st) y[p] = (double) buf[i]; }
            case FLOAT16 -> { short[] y = (short[]) a; for (int i = 0, p = off; i < n; i++, p += st) y[p] = Float.floatToFloat16((float) buf[i]); }
            case BFLOAT16 -> { short[] y = (short[]) a; for (int i = 0, p = off; i < n; i++, p += st) y[p] = Convert.toBFloat16((float) buf[i]); }
            case INT64 -> { long[] y = (long[]) a; for (int i = 0, p = off; i < n; i++, p += st) y[p] = buf[i]; }
            case INT32 -> { int[] y = (int[]) a; for (int i = 0, p = off; i < n; i++, p += st) y[p] = (int) buf[i]; }
            case INT16 -> { short[] y = (short[]) a; for (int i = 0, p = off; i < n; i++, p += st) y[p] = (short) buf[i]; }
            case INT8, UINT8 -> { byte[] y = (byte[]) a; for (int i = 0, p = off; i < n; i++, p += st) y[p] = (byte) buf[i]; }
            case BOOL -> { byte[] y = (byte[]) a; for (int i = 0, p = off; i < n; i++, p += st) y[p] = (byte) (buf[i] != 0 ? 1 : 0); }
        }
    }

    /** {@code mask[i] = 1} where element i is non-zero (NaN counts as non-zero), else 0; any dtype. */
    public static void truth(Object a, DType t, int off, int st, int n, byte[] mask) {
        switch (t) {
            case FLOAT32 -> { float[] x = (float[]) a; for (int i = 0, p = off; i < n; i++, p += st) mask[i] = (byte) (x[p] != 0 ? 1 : 0); }
            case FLOAT64 -> { double[] x = (double[]) a; for (int i = 0, p = off; i < n; i++, p += st) mask[i] = (byte) (x[p] != 0 ? 1 : 0); }
            case FLOAT16, BFLOAT16 -> { short[] x = (short[]) a; for (int i = 0, p = off; i < n; i++, p += st) mask[i] = (byte) ((x[p] & 0x7FFF) != 0 ? 1 : 0); }
            case INT64 -> { long[] x = (long[]) a; for (int i = 0, p = off; i < n; i++, p += st) mask[i] = (byte) (x[p] != 0 ? 1 : 0); }
            case INT32 -> { int[] x = (int[]) a; for (int i = 0, p = off; i < n; i++, p += st) mask[i] = (byte) (x[p] != 0 ? 1 : 0); }
            case INT16 -> { short[] x = (short[]) a; for (int i = 0, p = off; i < n; i++, p += st) mask[i] = (byte) (x[p] != 0 ? 1 : 0); }
            case INT8, UINT8, BOOL -> { byte[] x = (byte[]) a; for (int i = 0, p = off; i < n; i++, p += st) mask[i] = (byte) (x[p] != 0 ? 1 : 0); }
        }
    }

    /** Fills n elements with raw bits from {@link Convert#rawFromDouble} / {@link Convert#rawFromLong}. */
    public static void fill(Object a, int off, int st, int n, long raw) {
        switch (a) {
            case float[] y -> {
                float v = Float.intBitsToFloat((int) raw);
                if (st == 1) java.util.Arrays.fill(y, off, off + n, v);
                else for (int i = 0, p = off; i < n; i++, p += st) y[p] = v;
            }
            case double[] y -> {
                double v = Double.longBitsToDouble(raw);
                if (st == 1) java.util.Arrays.fill(y, off, off + n, v);
                else for (int i = 0, p = off; i < n; i++, p += st) y[p] = v;
            }
            case long[] y -> {
                if (st == 1) java.util.Arrays.fill(y, off, off + n, raw);
                else for (int i = 0, p = off; i < n; i++, p += st) y[p] = raw;
            }
            case int[] y -> {
                if (st == 1) java.util.Arrays.fill(y, off, off + n, (int) raw);
                else for (int i = 0, p = off; i < n; i++, p += st) y[p] = (int) raw;
            }
            case short[] y -> {
                if (st == 1) java.util.Arrays.fill(y, off, off + n, (short) raw);
                else for (int i = 0, p = off; i < n; i++, p += st) y[p] = (short) raw;
            }
            case byte[] y -> {
                if (st == 1) java.util.Arrays.fill(y, off, off + n, (byte) raw);
                else for (int i = 0, p = off; i < n; i++, p += st) y[p] = (byte) raw;
            }
            default -> throw new IllegalArgumentException("not a primitive array: " + a.getClass());
        }
    }

    /** Copies n elements between arrays of the same type (strides may differ; overlap only when identical). */
    public static void move(Object src, int so, int ss, Object dst, int d0, int ds, int n) {
        if (ss == 1 && ds == 1) {
            System.arraycopy(src, so, dst, d0, n);
            return;
        }
        if (ss == 0 && ds == 1 && n > 0) {
            // a broadcast source (an expanded gradient seed, say): a fill, several times faster than the strided loop
            switch (dst) {
                case float[] y -> java.util.Arrays.fill(y, d0, d0 + n, ((float[]) src)[so]);
                case double[] y -> java.util.Arrays.fill(y, d0, d0 + n, ((double[]) src)[so]);
                case long[] y -> java.util.Arrays.fill(y, d0, d0 + n, ((long[]) src)[so]);
                case int[] y -> java.util.Arrays.fill(y, d0, d0 + n, ((int[]) src)[so]);
                case short[] y -> java.util.Arrays.fill(y, d0, d0 + n, ((short[]) src)[so]);
                case byte[] y -> java.util.Arrays.fill(y, d0, d0 + n, ((byte[]) src)[so]);
                default -> throw new IllegalArgumentException("not a primitive array: " + dst.getClass());
            }
            return;
        }
        switch (dst) {
            case float[] y -> { float[] x = (float[]) src; for (int i = 0, p = so, q = d0; i < n; i++, p += ss, q += ds) y[q] = x[p]; }
            case double[] y -> { double[] x = (double[]) src; for (int i = 0, p = so, q = d0; i < n; i++, p += ss, q += ds) y[q] = x[p]; }
            case long[] y -> { long[] x = (long[]) src; for (int i = 0, p = so, q = d0; i < n; i++, p += ss, q += ds) y[q] = x[p]; }
            case int[] y -> { int[] x = (int[]) src; for (int i = 0, p = so, q = d0; i < n; i++, p += ss, q += ds) y[q] = x[p]; }
            case short[] y -> { short[] x = (short[]) src; for (int i = 0, p = so, q = d0; i < n; i++, p += ss, q += ds) y[q] = x[p]; }
            case byte[] y -> { byte[] x = (byte[]) src; for (int i = 0, p = so, q = d0; i < n; i++, p += ss, q += ds) y[q] = x[p]; }
            default -> throw new IllegalArgumentException("not a primitive array: " + dst.getClass());
        }
    }

    /** {@code dst[d0 + i*ds] = src[pos[i]]} for n elements of one array type. */
    public static void gather(Object src, int[] pos, Object dst, int d0, int ds, int n) {
        switch (dst) {
            case float[] y -> { float[] x = (float[]) src; for (int i = 0, q = d0; i < n; i++, q += ds) y[q] = x[pos[i]]; }
            case double[] y -> { double[] x = (double[]) src; for (int i = 0, q = d0; i < n; i++, q += ds) y[q] = x[pos[i]]; }
            case long[] y -> { long[] x = (long[]) src; for (int i = 0, q = d0; i < n; i++, q += ds) y[q] = x[pos[i]]; }
            case int[] y -> { int[] x = (int[]) src; for (int i = 0, q = d0; i < n; i++, q += ds) y[q] = x[pos[i]]; }
            case short[] y -> { short[] x = (short[]) src; for (int i = 0, q = d0; i < n; i++, q += ds) y[q] = x[pos[i]]; }
            case byte[] y -> { byte[] x = (byte[]) src; for (int i = 0, q = d0; i < n; i++, q += ds) y[q] = x[pos[i]]; }
            default -> throw new IllegalArgumentException("not a primitive array: " + dst.getClass());
        }
    }

    /** {@code dst[pos[i]] = src[s0 + i*ss]} for n elements of one array type. */
    public static void scatter(Object src, int s0, int ss, Object dst, int[] pos, int n) {
        switch (dst) {
            case float[] y -> { float[] x = (float[]) src; for (int i = 0, p = s0; i < n; i++, p += ss) y[pos[i]] = x[p]; }
            case double[] y -> { double[] x = (double[]) src; for (int i = 0, p = s0; i < n; i++, p += ss) y[pos[i]] = x[p]; }
            case long[] y -> { long[] x = (long[]) src; for (int i = 0, p = s0; i < n; i++, p += ss) y[pos[i]] = x[p]; }
            case int[] y -> { int[] x = (int[]) src; for (int i = 0, p = s0; i < n; i++, p += ss) y[pos[i]] = x[p]; }
            case short[] y -> { short[] x = (short[]) src; for (int i = 0, p = s0; i < n; i++, p += ss) y[pos[i]] = x[p]; }
            case byte[] y -> { byte[] x = (byte[]) src; for (int i = 0, p = s0; i < n; i++, p += ss) y[pos[i]] = x[p]; }
            default -> throw new IllegalArgumentException("not a primitive array: " + dst.getClass());
        }
    }

    /** {@code dst[pos[i]] += src[s0 + i*ss]} in dtype t (integers wrap, half types round once per add, bool ors). */
    public static void scatterAdd(DType t, Object src, int s0, int ss, Object dst, int[] pos, int n) {
        switch (t) {
            case FLOAT32 -> { float[] x = (float[]) src, y = (float[]) dst; for (int i = 0, p = s0; i < n; i++, p += ss) y[pos[i]] += x[p]; }
            case FLOAT64 -> { double[] x = (double[]) src, y = (double[]) dst; for (int i = 0, p = s0; i < n; i++, p += ss) y[pos[i]] += x[p]; }
            case INT64 -> { long[] x = (long[]) src, y = (long[]) dst; for (int i = 0, p = s0; i < n; i++, p += ss) y[pos[i]] += x[p]; }
            case INT32 -> { int[] x = (int[]) src, y = (int[]) dst; for (int i = 0, p = s0; i < n; i++, p += ss) y[pos[i]] += x[p]; }
            case INT16 -> { short[] x = (short[]) src, y = (short[]) dst; for (int i = 0, p = s0; i < n; i++, p += ss) y[pos[i]] += x[p]; }
            case INT8, UINT8 -> { byte[] x = (byte[]) src, y = (byte[]) dst; for (int i = 0, p = s0; i < n; i++, p += ss) y[pos[i]] += x[p]; }
            case BOOL -> { byte[] x = (byte[]) src, y = (byte[]) dst; for (int i = 0, p = s0; i < n; i++, p += ss) y[pos[i]] = (byte) ((y[pos[i]] | x[p]) != 0 ? 1 : 0); }
            case FLOAT16 -> {
                short[] x = (short[]) src, y = (short[]) dst;
                for (int i = 0, p = s0; i < n; i++, p += ss) {
                    y[pos[i]] = Float.floatToFloat16(Float.float16ToFloat(y[pos[i]]) + Float.float16ToFloat(x[p]));
                }
            }
            case BFLOAT16 -> {
                short[] x = (short[]) src, y = (short[]) dst;
                for (int i = 0, p = s0; i < n; i++, p += ss) {
                    y[pos[i]] = Convert.toBFloat16(Convert.fromBFloat16(y[pos[i]]) + Convert.fromBFloat16(x[p]));
                }
            }
        }
    }
}
