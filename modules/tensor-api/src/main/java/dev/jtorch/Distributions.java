package dev.jtorch;

/**
 * PyTorch's CPU sampling formulas ({@code DistributionsHelper.h}, {@code TransformationHelper.h},
 * the CPU {@code DistributionTemplates.h}) on flat arrays. Every method draws from a generator
 * whose lock the caller holds.
 */
final class Distributions {
    private Distributions() {}

    private static final double TWO_PI = 2.0 * Math.PI;

    // ---------------------------------------------------------------- uniform

    /** U[0, 1) for float: the low 24 bits of a 32-bit draw. */
    static float uniformFloat(Generator g) { return (g.random() & 0xFFFFFF) * 0x1p-24f; }

    /** U[0, 1) for double: the low 53 bits of a 64-bit draw. */
    static double uniformDouble(Generator g) { return (g.random64() & ((1L << 53) - 1)) * 0x1p-53; }

    /** U[0, 1) for a 16-bit float: as many bits as its significand (11 for float16, 8 for bfloat16). */
    static float uniformReduced(Generator g, DType dtype) {
        int digits = dtype == DType.BFLOAT16 ? 8 : 11;
        return (g.random() & ((1 << digits) - 1)) * (1f / (1 << digits));
    }

    static void uniform(float[] out, float from, float to, Generator g) {
        float range = to - from;
        for (int i = 0; i < out.length; i++) out[i] = Math.fma(uniformFloat(g), range, from);
    }

    static void uniform(double[] out, double from, double to, Generator g) {
        double range = to - from;
        for (int i = 0; i < out.length; i++) out[i] = Math.fma(uniformDouble(g), range, from);
    }

    /** float16/bfloat16 bits: bounds and their difference are rounded to the type first, the sample is float. */
    static void uniform(short[] out, DType dtype, double from, double to, Generator g) {
        float lo = ReducedFloats.round(dtype, (float) from);
        float range = ReducedFloats.round(dtype, ReducedFloats.round(dtype, (float) to) - lo);
        for (int i = 0; i < out.length; i++) out[i] = ReducedFloats.to(dtype, Math.fma(uniformReduced(g, dtype), range, lo));
    }

    // ---------------------------------------------------------------- normal

    /** One N(mean, std^2) sample by Box-Muller in double, keeping the second sample for the next call. */
    static double normal(double mean, double std, Generator g) {
        if (g.hasNextDoubleNormal()) return Math.fma(g.takeNextDoubleNormal(), std, mean);
        double u1 = uniformDouble(g);
        double u2 = uniformDouble(g);
        double r = Math.sqrt(-2.0 * Math.log(1.0 - u2));
        double theta = TWO_PI * u1;
        g.setNextDoubleNormal(r * Math.sin(theta));
        return Math.fma(r * Math.cos(theta), std, mean);
    }

    /**
     * PyTorch's {@code normal_fill} for float32 (contiguous, at least 16 elements): uniforms for
     * every element first, then Box-Muller in blocks of 16; a ragged tail redraws the last 16.
     */
    static void normalFill(float[] data, float mean, float std, Generator g) {
        int n = data.length;
        for (int i = 0; i < n; i++) data[i] = uniformFloat(g);
        for (int i = 0; i + 16 <= n; i += 16) BoxMullerAvx2.fill16(data, i, mean, std);
        if (n % 16 != 0) {
            for (int i = n - 16; i < n; i++) data[i] = uniformFloat(g);
            BoxMullerAvx2.fill16(data, n - 16, mean, std);
        }
    }

    /** {@code normal_fill} for float64, with the scalar Box-Muller of the kernel. */
    static void normalFill(double[] data, double mean, double std, Generator g) {
        int n = data.length;
        for (int i = 0; i < n; i++) data[i] = uniformDouble(g);
        for (int i = 0; i + 16 <= n; i += 16) fill16(data, i, mean, std);
        if (n % 16 != 0) {
            for (int i = n - 16; i < n; i++) data[i] = uniformDouble(g);
            fill16(data, n - 16, mean, std);
        }
    }

    private static void fill16(double[] d, int o, double mean, double std) {
        for (int j = 0; j < 8; j++) {
            double u1 = 1 - d[o + j];
            double u2 = d[o + j + 8];
            double radius = Math.sqrt(-2 * Math.log(u1));
            double theta = TWO_PI * u2;
            d[o + j] = Math.fma(radius * Math.cos(theta), std, mean);
            d[o + j + 8] = Math.fma(radius * Math.sin(theta), std, mean);
        }
    }

    /**
     * {@code normal_fill} for float16/bfloat16: the kernel keeps its intermediates in the 16-bit
     * type. float16 arithmetic runs in float; c10's bfloat16 operators and math functions round
     * every result back to bfloat16.
     */
    static void normalFill(short[] data, DType dtype, double mean, double std, Generator g) {
        int n = data.length;
        float[] u = new float[n];
        for (int i = 0; i < n; i++) u[i] = uniformReduced(g, dtype);
        float m = ReducedFloats.round(dtype, (float) mean);
        float s = ReducedFloats.round(dtype, (float) std);
        for (int i = 0; i + 16 <= n; i += 16) fill16(u, i, dtype, m, s);
        if (n % 16 != 0) {
            for (int i = n - 16; i < n; i++) u[i] = uniformReduced(g, dtype);
            fill16(u, n - 16, dtype, m, s);
        }
        for (int i = 0; i < n; i++) data[i] = ReducedFloats.to(dtype, u[i]);
    }

    private static void fill16(float[] d, int o, DType dtype, float mean, float std) {
        boolean bf16 = dtype == DType.BFLOAT16;
        for (int j = 0; j < 8; j++) {
            float u1 = ReducedFloats.round(dtype, 1f - d[o + j]);
            float u2 = d[o + j + 8];
            float theta = ReducedFloats.round(dtype, (float) (TWO_PI * u2));
            if (bf16) {
                float log = bf16((float) Math.log(u1));
                float radius = bf16((float) Math.sqrt(bf16(-2f * log)));
                d[o + j] = bf16(bf16(bf16(radius * bf16((float) Math.cos(theta))) * std) + mean);
                d[o + j + 8] = bf16(bf16(bf16(radius * bf16((float) Math.sin(theta))) * std) + mean);
            } else {
                float radius = ReducedFloats.round(dtype, (float) Math.sqrt(-2f * (float) Math.log(u1)));
                d[o + j] = ReducedFloats.round(dtype, Math.fma(radius * (float) Math.cos(theta), std, mean));
                d[o + j + 8] = ReducedFloats.round(dtype, Math.fma(radius * (float) Math.sin(theta), std, mean));
            }
        }
    }

    private static float bf16(float f) { return ReducedFloats.round(DType.BFLOAT16, f); }

    // ---------------------------------------------------------------- integers

    /**
     * A uniform integer in [base, base + range) where range is read as unsigned: 64-bit draws when
     * the range needs them and the type can hold them, else 32-bit draws, reduced modulo range.
     */
    static long fromTo(long range, long base, boolean wide, Generator g) {
        long v = wide && Long.compareUnsigned(range, 1L << 32) >= 0 ? g.random64() : g.random() & 0xFFFFFFFFL;
        return Long.remainderUnsigned(v, range) + base;
    }

    /** PyTorch's randperm on the CPU: a Fisher-Yates shuffle with 32-bit draws. */
    static long[] permutation(int n, Generator g) {
        long[] r = new long[n];
        for (int i = 0; i < n; i++) r[i] = i;
        for (int i = 0; i < n - 1; i++) {
            int z = (int) ((g.random() & 0xFFFFFFFFL) % (n - i));
            long t = r[i];
            r[i] = r[z + i];
            r[z + i] = t;
        }
        return r;
    }
}
