package dev.jtorch;

/** Float16 and bfloat16 bit patterns to and from float32, rounding to nearest even as c10 does. */
final class ReducedFloats {
    private ReducedFloats() {}

    static short toHalf(float f) { return Float.floatToFloat16(f); }

    static float fromHalf(short bits) { return Float.float16ToFloat(bits); }

    static short toBFloat16(float f) {
        if (Float.isNaN(f)) return (short) 0x7FC0; // c10's canonical quiet NaN
        int u = Float.floatToRawIntBits(f);
        int bias = ((u >>> 16) & 1) + 0x7FFF;
        return (short) ((u + bias) >>> 16);
    }

    static float fromBFloat16(short bits) { return Float.intBitsToFloat((bits & 0xFFFF) << 16); }

    /** The 16-bit pattern of {@code f} in a reduced float type. */
    static short to(DType dtype, float f) { return dtype == DType.BFLOAT16 ? toBFloat16(f) : toHalf(f); }

    static float from(DType dtype, short bits) { return dtype == DType.BFLOAT16 ? fromBFloat16(bits) : fromHalf(bits); }

    /** {@code f} rounded to the reduced type and back: what storing in that type keeps. */
    static float round(DType dtype, float f) { return from(dtype, to(dtype, f)); }
}
