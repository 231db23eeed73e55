package dev.jtorch.simd.kernels;

import dev.jtorch.DType;

/**
 * Scalar conversions between dtypes, as PyTorch's C++ casts behave on x86-64: floats truncate toward
 * zero; a float that is NaN or out of range becomes the integer's minimum (what cvttss2si/cvttsd2si
 * give), narrow integers take the low bits of the int32 conversion, and bool is "non-zero".
 */
public final class Convert {
    private Convert() {}

    private static final double TWO_63 = 0x1p63;

    /** float → int64. */
    public static long toInt64(double v) {
        return v >= -TWO_63 && v < TWO_63 ? (long) v : Long.MIN_VALUE;
    }

    /** float → int32 (also the first step of float → int16/int8/uint8). */
    public static int toInt32(double v) {
        return v > -2147483649.0 && v < 2147483648.0 ? (int) v : Integer.MIN_VALUE;
    }

    /** float32 → bfloat16 bits, rounding to nearest even. */
    public static short toBFloat16(float f) {
        if (f != f) return (short) 0x7FC0;
        int bits = Float.floatToRawIntBits(f);
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }

    public static float fromBFloat16(short bits) { return Float.intBitsToFloat(bits << 16); }

    /**
     * The element bits for {@code value} cast to {@code dtype}: float bits for FLOAT32, double bits for
     * FLOAT64, 16-bit patterns for the half types, the integer value (to be narrowed) otherwise.
     */
    public static long rawFromDouble(DType dtype, double value) {
        return switch (dtype) {
            case FLOAT32 -> Float.floatToRawIntBits((float) value);
            case FLOAT64 -> Double.doubleToRawLongBits(value);
            case FLOAT16 -> Float.floatToFloat16((float) value);
            case BFLOAT16 -> toBFloat16((float) value);
            case INT64 -> toInt64(value);
            case INT32, INT16, INT8, UINT8 -> toInt32(value);
            case BOOL -> value != 0 ? 1 : 0;
        };
    }

    /** As {@link #rawFromDouble} for an exact integer value. */
    public static long rawFromLong(DType dtype, long value) {
        return switch (dtype) {
            case FLOAT32 -> Float.floatToRawIntBits((float) value);
            case FLOAT64 -> Double.doubleToRawLongBits((double) value);
            case FLOAT16 -> Float.floatToFloat16((float) value);
            case BFLOAT16 -> toBFloat16((float) value);
            case INT64, INT32, INT16, INT8, UINT8 -> value;
            case BOOL -> value != 0 ? 1 : 0;
        };
    }
}
