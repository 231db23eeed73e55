package dev.jtorch.simd.kernels;

import dev.jtorch.ops.UnaryOp;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The float rows whose lane code is a long block (exp, log, erf and what is built on them) run their last, partial
 * vector in a method of their own. That tail must give the same bits as the vector loop: an element's result may not
 * depend on where in a row it falls. Each row is cut into pieces shorter than a vector (all tail) and compared bit by
 * bit with one long row (all vector loop but its end).
 */
class RowTailBitsTest {
    private static final int L = SimdMath.F.length();

    /** Every 9973rd float bit pattern (both signs, subnormals, infinities, NaNs), then the clamps' edges. */
    private static float[] sweep() {
        float[] edges = {0f, -0f, 87f, -87f, 87.00001f, -87.00001f, 88.72283f, 88.7229f, 89f, 89.5f, -103.97208f,
                -104f, -104.5f, -150f, Float.MIN_VALUE, Float.MAX_VALUE, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.NaN, 1f, -1f, 3.9192059f, -3.9192059f};
        int n = (int) ((1L << 32) / 9973) + 1;
        float[] x = new float[n + edges.length * 3];
        for (int i = 0; i < n; i++) x[i] = Float.intBitsToFloat((int) (i * 9973L));
        // each edge once alone and once beside ordinary values, so both roads of the exp block take it
        for (int e = 0; e < edges.length; e++) {
            x[n + 3 * e] = edges[e];
            x[n + 3 * e + 1] = 0.5f;
            x[n + 3 * e + 2] = -2f;
        }
        return x;
    }

    @TestFactory
    Stream<DynamicTest> unaryTailsMatchTheVectorLoop() {
        float[] x = sweep();
        return Stream.of(UnaryOp.EXP, UnaryOp.LOG, UnaryOp.SIGMOID, UnaryOp.SILU, UnaryOp.TANH, UnaryOp.ERF,
                UnaryOp.GELU).map(op -> DynamicTest.dynamicTest(op.name(), () -> {
            SimdFloatRows.Unary row = SimdFloatRows.unary(op);
            float[] whole = new float[x.length];
            row.run(x, 0, whole, 0, x.length);
            for (int k = 1; k < L; k++) {
                float[] pieces = new float[x.length];
                for (int s = 0; s < x.length; s += k) row.run(x, s, pieces, s, Math.min(k, x.length - s));
                for (int i = 0; i < x.length; i++) {
                    if (Float.floatToRawIntBits(pieces[i]) != Float.floatToRawIntBits(whole[i])) {
                        fail(op + "(" + x[i] + ") in a tail of " + k + ": " + pieces[i] + ", in the vector loop "
                                + whole[i]);
                    }
                }
            }
        }));
    }

    /**
     * softmax's exp pass: a row shorter than a vector (all tail) against the same row padded to a full vector with
     * -inf, whose exp is 0: the same exps and the same sum, to the bit.
     */
    @Test
    void softmaxExpTailMatchesTheVectorLoop() {
        float[] values = sweep();
        float[] nextMax = new float[1];
        for (int k = 1; k < L; k++) {
            for (int s = 0; s + k <= values.length; s += 97 * k) {
                float[] row = Arrays.copyOfRange(values, s, s + k);
                float c = 0f;
                for (float v : row) if (v > c) c = v; // a shift of at least every element, as softmax's maximum
                float[] padded = Arrays.copyOf(row, L);
                Arrays.fill(padded, k, L, Float.NEGATIVE_INFINITY);
                float[] yTail = new float[k], yFull = new float[L];
                float sumTail = SimdFloatRows.expShiftedSum(row, 0, c, yTail, 0, k, 0, nextMax);
                float sumFull = SimdFloatRows.expShiftedSum(padded, 0, c, yFull, 0, L, 0, nextMax);
                for (int i = 0; i < k; i++) {
                    assertEquals(Float.floatToRawIntBits(yFull[i]), Float.floatToRawIntBits(yTail[i]),
                            "exp(" + row[i] + " - " + c + ") in a tail of " + k);
                }
                assertEquals(Float.floatToRawIntBits(sumFull), Float.floatToRawIntBits(sumTail),
                        "sum of " + Arrays.toString(row));

                // along a dim that is not the last: each column its own shift and running sum
                float[] cs = new float[L], sums = new float[L], sumsFull = new float[L];
                Arrays.fill(cs, c);
                Arrays.fill(sums, 1f);
                Arrays.fill(sumsFull, 1f);
                SimdFloatRows.expShiftedAccumulate(row, 0, cs, 0, yTail, 0, sums, 0, k);
                SimdFloatRows.expShiftedAccumulate(padded, 0, cs, 0, yFull, 0, sumsFull, 0, L);
                for (int i = 0; i < k; i++) {
                    assertEquals(Float.floatToRawIntBits(yFull[i]), Float.floatToRawIntBits(yTail[i]),
                            "exp(" + row[i] + " - " + c + "), accumulated, in a tail of " + k);
                    assertEquals(Float.floatToRawIntBits(sumsFull[i]), Float.floatToRawIntBits(sums[i]),
                            "1 + exp(" + row[i] + " - " + c + ") in a tail of " + k);
                }
            }
        }
    }
}
