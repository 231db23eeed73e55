package dev.jtorch;

/**
 * The Box-Muller transform PyTorch's AVX2 CPU kernel applies to float32 tensors of 16 or more
 * elements ({@code normal_fill_16_AVX2}), reproduced lane by lane so that the results match bit
 * for bit: log, sin and cos are the Cephes-style polynomial approximations of
 * {@code avx_mathfun.h}, and the multiply-adds are fused exactly where the compiled kernel
 * (GCC, {@code -mfma}) fuses them.
 */
final class BoxMullerAvx2 {
    private BoxMullerAvx2() {}

    // Constants are written as C wrote them: a double literal rounded to float.
    private static final float SQRTHF = (float) 0.707106781186547524;
    private static final float LOG_P0 = (float) 7.0376836292E-2;
    private static final float LOG_P1 = (float) -1.1514610310E-1;
    private static final float LOG_P2 = (float) 1.1676998740E-1;
    private static final float LOG_P3 = (float) -1.2420140846E-1;
    private static final float LOG_P4 = (float) 1.4249322787E-1;
    private static final float LOG_P5 = (float) -1.6668057665E-1;
    private static final float LOG_P6 = (float) 2.0000714765E-1;
    private static final float LOG_P7 = (float) -2.4999993993E-1;
    private static final float LOG_P8 = (float) 3.3333331174E-1;
    private static final float LOG_Q1 = (float) -2.12194440e-4;
    private static final float LOG_Q2 = (float) 0.693359375;
    private static final float MINUS_DP1 = (float) -0.78515625;
    private static final float MINUS_DP2 = (float) -2.4187564849853515625e-4;
    private static final float MINUS_DP3 = (float) -3.77489497744594108e-8;
    private static final float SINCOF_P0 = (float) -1.9515295891E-4;
    private static final float SINCOF_P1 = (float) 8.3321608736E-3;
    private static final float SINCOF_P2 = (float) -1.6666654611E-1;
    private static final float COSCOF_P0 = (float) 2.443315711809948E-005;
    private static final float COSCOF_P1 = (float) -1.388731625493765E-003;
    private static final float COSCOF_P2 = (float) 4.166664568298827E-002;
    private static final float FOUR_OVER_PI = (float) 1.27323954473516;
    private static final float TWO_PI = (float) (2.0 * Math.PI);
    private static final float MIN_NORMAL = Float.MIN_NORMAL;

    /**
     * Replaces the 16 uniforms at {@code data[o..o+16)} with normals: lane j pairs
     * {@code u1 = 1 - data[o+j]} (radius) with {@code u2 = data[o+j+8]} (angle).
     */
    static void fill16(float[] data, int o, float mean, float std) {
        for (int j = 0; j < 8; j++) {
            float u1 = 1f - data[o + j];
            float theta = TWO_PI * data[o + j + 8];
            float radius = (float) Math.sqrt(-2f * log(u1));
            data[o + j] = Math.fma(radius * cos(theta), std, mean);
            data[o + j + 8] = Math.fma(radius * sin(theta), std, mean);
        }
    }

    /** avx_mathfun's log256_ps for one lane (NaN for x &le; 0). */
    static float log(float x) {
        boolean invalid = x <= 0;
        x = Math.max(x, MIN_NORMAL);
        int bits = Float.floatToRawIntBits(x);
        float e = (float) ((bits >>> 23) - 0x7f) + 1f;
        x = Float.intBitsToFloat((bits & ~0x7f800000) | Float.floatToRawIntBits(0.5f)); // mantissa in [0.5, 1)
        if (x < SQRTHF) {
            e -= 1f;
            x = (x - 1f) + x;
        } else {
            x = x - 1f;
        }
        float z = x * x;
        float y = Math.fma(LOG_P0, x, LOG_P1);
        y = Math.fma(y, x, LOG_P2);
        y = Math.fma(y, x, LOG_P3);
        y = Math.fma(y, x, LOG_P4);
        y = Math.fma(y, x, LOG_P5);
        y = Math.fma(y, x, LOG_P6);
        y = Math.fma(y, x, LOG_P7);
        y = Math.fma(y, x, LOG_P8);
        y = y * x;
        y = Math.fma(y, z, e * LOG_Q1);
        y = Math.fma(-z, 0.5f, y);
        x = x + y;
        x = Math.fma(e, LOG_Q2, x);
        return invalid ? Float.NaN : x;
    }

    static float sin(float x) { return sinCos(x, true); }

    static float cos(float x) { return sinCos(x, false); }

    /** avx_mathfun's sincos256_ps for one lane; {@code wantSin} picks the output. */
    private static float sinCos(float xin, boolean wantSin) {
        int signSin = Float.floatToRawIntBits(xin) & 0x80000000;
        float x = Math.abs(xin);
        int j = ((int) (x * FOUR_OVER_PI) + 1) & ~1; // octant, rounded up to even
        float y = (float) j;
        signSin ^= (j & 4) << 29;
        boolean sinPoly = (j & 2) == 0; // which polynomial gives the sine
        int signCos = (~(j - 2) & 4) << 29;
        // extended-precision reduction x - j * pi/4
        x = Math.fma(y, MINUS_DP1, x);
        x = Math.fma(y, MINUS_DP2, x);
        x = Math.fma(y, MINUS_DP3, x);
        float z = x * x;

        float c = Math.fma(COSCOF_P0, z, COSCOF_P1);
        c = Math.fma(c, z, COSCOF_P2);
        c = c * z;
        c = Math.fma(c, z, -(z * 0.5f));
        c = c + 1f;

        float s = Math.fma(SINCOF_P0, z, SINCOF_P1);
        s = Math.fma(s, z, SINCOF_P2);
        s = s * z;
        s = Math.fma(s, x, x);

        // the kernel selects by masking and adding 0 to the chosen value; -0 + 0 = +0 matters for the sign
        float sinOut = sinPoly ? s + 0f : 0f + c;
        float cosOut = sinPoly ? (c - 0f) + (s - s) : (c - c) + (s - 0f);
        float r = wantSin ? sinOut : cosOut;
        return Float.intBitsToFloat(Float.floatToRawIntBits(r) ^ (wantSin ? signSin : signCos));
    }
}
