package dev.jtorch;

import dev.jtorch.spi.HostStorage;
import dev.jtorch.spi.Strided;

/**
 * Flat Java arrays in the layout {@link HostStorage} uses for each dtype (float[] for float32,
 * short[] for the 16-bit types, byte[] for int8/uint8/bool ...), and CPU tensors wrapping them.
 */
final class HostArrays {
    private HostArrays() {}

    static Object allocate(DType dtype, int n) {
        return HostStorage.allocate(dtype, n).array();
    }

    /** The array class that holds {@code dtype}'s elements. */
    static Class<?> arrayType(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> float[].class;
            case FLOAT64 -> double[].class;
            case INT64 -> long[].class;
            case INT32 -> int[].class;
            case FLOAT16, BFLOAT16, INT16 -> short[].class;
            case INT8, UINT8, BOOL -> byte[].class;
        };
    }

    static int checkedLength(long numel) {
        if (numel > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("tensor of " + numel + " elements exceeds the 2^31 limit of heap storage");
        }
        return (int) numel;
    }

    /** A contiguous CPU tensor over {@code array} (not copied), which must hold exactly numel(shape) elements. */
    static Tensor tensor(Object array, DType dtype, long[] shape) {
        long[] s = Shapes.checkSizes(shape);
        return new Tensor(HostStorage.wrapArray(array, dtype), dtype, s,
                Strided.contiguousStrides(s), 0, new VersionCounter(), false);
    }

    /** Stores an exact integer as {@code dtype} stores it (integers wrap, floats round). */
    static void setLong(Object array, DType dtype, int i, long v) {
        switch (dtype) {
            case INT64 -> ((long[]) array)[i] = v;
            case INT32 -> ((int[]) array)[i] = (int) v;
            case INT16 -> ((short[]) array)[i] = (short) v;
            case INT8, UINT8 -> ((byte[]) array)[i] = (byte) v;
            case BOOL -> ((byte[]) array)[i] = (byte) (v != 0 ? 1 : 0);
            case FLOAT64 -> ((double[]) array)[i] = (double) v;
            // PyTorch converts integers to float through double as well
            case FLOAT32 -> ((float[]) array)[i] = (float) (double) v;
            case FLOAT16, BFLOAT16 -> ((short[]) array)[i] = ReducedFloats.to(dtype, (float) (double) v);
        }
    }

    /** Stores a floating value as {@code dtype} stores it (integers truncate toward zero, bool is {@code v != 0}). */
    static void setDouble(Object array, DType dtype, int i, double v) {
        switch (dtype) {
            case FLOAT64 -> ((double[]) array)[i] = v;
            case FLOAT32 -> ((float[]) array)[i] = (float) v;
            case FLOAT16, BFLOAT16 -> ((short[]) array)[i] = ReducedFloats.to(dtype, (float) v);
            case BOOL -> ((byte[]) array)[i] = (byte) (v != 0 ? 1 : 0); // NaN is true, as in C++
            default -> setLong(array, dtype, i, (long) v);
        }
    }
}
