package dev.jtorch.simd.kernels;

import dev.jtorch.DType;

/**
 * Direct loops for the common casts between contiguous runs (the general path goes through a
 * double or long buffer). Plain loops over stride-1 arrays, which the JIT vectorises where the
 * CPU has the conversion instruction.
 */
final class Casts {
    private Casts() {}

    static boolean direct(DType from, DType to) {
        return switch (from) {
            case FLOAT32 -> to == DType.FLOAT64 || to == DType.INT64 || to == DType.BOOL;
            case FLOAT64 -> to == DType.FLOAT32 || to == DType.INT64 || to == DType.BOOL;
            case INT64 -> to == DType.FLOAT32 || to == DType.FLOAT64 || to == DType.INT32 || to == DType.BOOL;
            case INT32 -> to == DType.INT64 || to == DType.FLOAT32 || to == DType.FLOAT64;
            case BOOL -> to == DType.FLOAT32 || to == DType.FLOAT64 || to == DType.INT64;
            case UINT8 -> to == DType.FLOAT32; // images as stored, converted per batch
            default -> false;
        };
    }

    /** Casts n elements from {@code x[p..]} to {@code y[q..]}; both runs contiguous. */
    static void run(Object x, DType from, int p, Object y, DType to, int q, int n) {
        switch (from) {
            case FLOAT32 -> {
                float[] a = (float[]) x;
                switch (to) {
                    case FLOAT64 -> { double[] b = (double[]) y; for (int i = 0; i < n; i++) b[q + i] = a[p + i]; }
                    case INT64 -> { long[] b = (long[]) y; for (int i = 0; i < n; i++) b[q + i] = Convert.toInt64(a[p + i]); }
                    default -> { byte[] b = (byte[]) y; for (int i = 0; i < n; i++) b[q + i] = (byte) (a[p + i] != 0 ? 1 : 0); }
                }
            }
            case FLOAT64 -> {
                double[] a = (double[]) x;
                switch (to) {
                    case FLOAT32 -> { float[] b = (float[]) y; for (int i = 0; i < n; i++) b[q + i] = (float) a[p + i]; }
                    case INT64 -> { long[] b = (long[]) y; for (int i = 0; i < n; i++) b[q + i] = Convert.toInt64(a[p + i]); }
                    default -> { byte[] b = (byte[]) y; for (int i = 0; i < n; i++) b[q + i] = (byte) (a[p + i] != 0 ? 1 : 0); }
                }
            }
            case INT64 -> {
                long[] a = (long[]) x;
                switch (to) {
                    case FLOAT32 -> { float[] b = (float[]) y; for (int i = 0; i < n; i++) b[q + i] = (float) a[p + i]; }
                    case FLOAT64 -> { double[] b = (double[]) y; for (int i = 0; i < n; i++) b[q + i] = (double) a[p + i]; }
                    case INT32 -> { int[] b = (int[]) y; for (int i = 0; i < n; i++) b[q + i] = (int) a[p + i]; }
                    default -> { byte[] b = (byte[]) y; for (int i = 0; i < n; i++) b[q + i] = (byte) (a[p + i] != 0 ? 1 : 0); }
                }
            }
            case INT32 -> {
                int[] a = (int[]) x;
                switch (to) {
                    case INT64 -> { long[] b = (long[]) y; for (int i = 0; i < n; i++) b[q + i] = a[p + i]; }
                    case FLOAT32 -> { float[] b = (float[]) y; for (int i = 0; i < n; i++) b[q + i] = (float) a[p + i]; }
                    default -> { double[] b = (double[]) y; for (int i = 0; i < n; i++) b[q + i] = a[p + i]; }
                }
            }
            case UINT8 -> { // to FLOAT32
                byte[] a = (byte[]) x;
                float[] b = (float[]) y;
                for (int i = 0; i < n; i++) b[q + i] = a[p + i] & 0xff;
            }
            default -> { // BOOL: any non-zero byte is true
                byte[] a = (byte[]) x;
                switch (to) {
                    case FLOAT32 -> { float[] b = (float[]) y; for (int i = 0; i < n; i++) b[q + i] = a[p + i] != 0 ? 1f : 0f; }
                    case FLOAT64 -> { double[] b = (double[]) y; for (int i = 0; i < n; i++) b[q + i] = a[p + i] != 0 ? 1.0 : 0.0; }
                    default -> { long[] b = (long[]) y; for (int i = 0; i < n; i++) b[q + i] = a[p + i] != 0 ? 1L : 0L; }
                }
            }
        }
    }
}
