package dev.jtorch;

import java.lang.reflect.Array;

/**
 * Copies between tensors and Java arrays. Reads take any view of any dtype (converted as a C++
 * cast would: floats truncate toward zero into integers, anything non-zero is true), in row-major
 * order; tensors on other devices are copied to the CPU first.
 */
final class Interop {
    private Interop() {}

    static float[] toFloatArray(Tensor t) {
        Object a = HostStrided.gather(t);
        if (a instanceof float[] f) return f;
        int n = Array.getLength(a);
        float[] out = new float[n];
        switch (a) {
            case double[] d -> { for (int i = 0; i < n; i++) out[i] = (float) d[i]; }
            case long[] l -> { for (int i = 0; i < n; i++) out[i] = (float) l[i]; }
            case int[] v -> { for (int i = 0; i < n; i++) out[i] = v[i]; }
            case short[] s -> {
                if (t.dtype.isReducedFloat()) { for (int i = 0; i < n; i++) out[i] = ReducedFloats.from(t.dtype, s[i]); }
                else { for (int i = 0; i < n; i++) out[i] = s[i]; }
            }
            case byte[] b -> { for (int i = 0; i < n; i++) out[i] = byteValue(t.dtype, b[i]); }
            default -> throw unexpected(a);
        }
        return out;
    }

    static double[] toDoubleArray(Tensor t) {
        Object a = HostStrided.gather(t);
        if (a instanceof double[] d) return d;
        int n = Array.getLength(a);
        double[] out = new double[n];
        switch (a) {
            case float[] f -> { for (int i = 0; i < n; i++) out[i] = f[i]; }
            case long[] l -> { for (int i = 0; i < n; i++) out[i] = (double) l[i]; }
            case int[] v -> { for (int i = 0; i < n; i++) out[i] = v[i]; }
            case short[] s -> {
                if (t.dtype.isReducedFloat()) { for (int i = 0; i < n; i++) out[i] = ReducedFloats.from(t.dtype, s[i]); }
                else { for (int i = 0; i < n; i++) out[i] = s[i]; }
            }
            case byte[] b -> { for (int i = 0; i < n; i++) out[i] = byteValue(t.dtype, b[i]); }
            default -> throw unexpected(a);
        }
        return out;
    }

    static long[] toLongArray(Tensor t) {
        Object a = HostStrided.gather(t);
        if (a instanceof long[] l) return l;
        int n = Array.getLength(a);
        long[] out = new long[n];
        switch (a) {
            case float[] f -> { for (int i = 0; i < n; i++) out[i] = (long) f[i]; }
            case double[] d -> { for (int i = 0; i < n; i++) out[i] = (long) d[i]; }
            case int[] v -> { for (int i = 0; i < n; i++) out[i] = v[i]; }
            case short[] s -> {
                if (t.dtype.isReducedFloat()) { for (int i = 0; i < n; i++) out[i] = (long) ReducedFloats.from(t.dtype, s[i]); }
                else { for (int i = 0; i < n; i++) out[i] = s[i]; }
            }
            case byte[] b -> { for (int i = 0; i < n; i++) out[i] = byteValue(t.dtype, b[i]); }
            default -> throw unexpected(a);
        }
        return out;
    }

    static int[] toIntArray(Tensor t) {
        Object a = HostStrided.gather(t);
        if (a instanceof int[] v) return v;
        int n = Array.getLength(a);
        int[] out = new int[n];
        switch (a) {
            case float[] f -> { for (int i = 0; i < n; i++) out[i] = (int) (long) f[i]; }
            case double[] d -> { for (int i = 0; i < n; i++) out[i] = (int) (long) d[i]; }
            case long[] l -> { for (int i = 0; i < n; i++) out[i] = (int) l[i]; } // wraps, as a C++ cast
            case short[] s -> {
                if (t.dtype.isReducedFloat()) { for (int i = 0; i < n; i++) out[i] = (int) ReducedFloats.from(t.dtype, s[i]); }
                else { for (int i = 0; i < n; i++) out[i] = s[i]; }
            }
            case byte[] b -> { for (int i = 0; i < n; i++) out[i] = byteValue(t.dtype, b[i]); }
            default -> throw unexpected(a);
        }
        return out;
    }

    static boolean[] toBooleanArray(Tensor t) {
        Object a = HostStrided.gather(t);
        int n = Array.getLength(a);
        boolean[] out = new boolean[n];
        switch (a) {
            case float[] f -> { for (int i = 0; i < n; i++) out[i] = f[i] != 0; }
            case double[] d -> { for (int i = 0; i < n; i++) out[i] = d[i] != 0; }
            case long[] l -> { for (int i = 0; i < n; i++) out[i] = l[i] != 0; }
            case int[] v -> { for (int i = 0; i < n; i++) out[i] = v[i] != 0; }
            // +0 and -0 are the only zero half/bfloat16 patterns
            case short[] s -> { for (int i = 0; i < n; i++) out[i] = t.dtype.isReducedFloat() ? (s[i] & 0x7FFF) != 0 : s[i] != 0; }
            case byte[] b -> { for (int i = 0; i < n; i++) out[i] = b[i] != 0; }
            default -> throw unexpected(a);
        }
        return out;
    }

    /**
     * A nested array of the tensor's rank: float[]... for float32, float16 and bfloat16, double[]...
     * for float64, long[]... for int64, int[]... for the smaller integer types, boolean[]... for bool.
     * A 0-dim tensor gives the boxed scalar (Float, Double, Long, Integer or Boolean).
     */
    static Object toNestedArray(Tensor t) {
        Object flat = switch (t.dtype) {
            case FLOAT32, FLOAT16, BFLOAT16 -> toFloatArray(t);
            case FLOAT64 -> toDoubleArray(t);
            case INT64 -> toLongArray(t);
            case INT32, INT16, INT8, UINT8 -> toIntArray(t);
            case BOOL -> toBooleanArray(t);
        };
        if (t.shape.length == 0) return Array.get(flat, 0);
        return nest(flat, t.shape, 0, new int[]{0});
    }

    private static Object nest(Object flat, long[] shape, int dim, int[] pos) {
        int len = Math.toIntExact(shape[dim]);
        Class<?> component = flat.getClass().getComponentType();
        for (int d = dim + 1; d < shape.length; d++) component = component.arrayType();
        Object level = Array.newInstance(component, len);
        if (dim == shape.length - 1) {
            System.arraycopy(flat, pos[0], level, 0, len);
            pos[0] += len;
        } else {
            Object[] rows = (Object[]) level;
            for (int i = 0; i < len; i++) rows[i] = nest(flat, shape, dim + 1, pos);
        }
        return level;
    }

    private static int byteValue(DType dtype, byte b) { return dtype == DType.UINT8 ? b & 0xFF : b; }

    private static IllegalStateException unexpected(Object a) { return new IllegalStateException("unexpected storage array " + a.getClass()); }

    /** A tensor from a (nested) Java primitive array or boxed scalar, dtype inferred as PyTorch would; dtype may be null. */
    static Tensor fromNested(Object data, DType dtype) { return NestedArrayReader.read(data, dtype); }
}
