package dev.jtorch.simd.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 softmax and log-softmax of contiguous rows, as PyTorch's last-dim kernels: the maximum, then
 * exp(x - max) summed in float, then a multiplication by 1/sum (softmax) or x - max - log(sum) (log-softmax). Vector
 * API passes over a row that stays in L1; the exp pass is {@link SimdFloatRows#expShiftedSumNextMax} (the exp of the exp
 * kernel, inline, the same bits in every JIT tier), which also finds the next row's maximum. Accumulators are vectors,
 * reduced once per pass.
 */
final class SimdSoftmax {
    private SimdSoftmax() {}

    private static final VectorSpecies<Float> S = SimdMath.F;

    /**
     * Rows [r0, r1) of n elements from x[xb..] into y[yb..]: softmax, or log-softmax when {@code log}. Each row's
     * maximum is found while the row before it goes through the exp ({@link SimdFloatRows#expShiftedSumNextMax}), so
     * that its loads from memory overlap the exp's arithmetic; only the first row has a max pass of its own.
     */
    static void rows(float[] x, int xb, float[] y, int yb, int n, int r0, int r1, boolean log) {
        float[] nextMax = new float[1];
        float max = max(x, xb + r0 * n, n);
        for (int r = r0; r < r1; r++) {
            int p = xb + r * n, q = yb + r * n;
            float sum = r + 1 < r1
                    ? SimdFloatRows.expShiftedSumNextMax(x, p, max, y, q, n, p + n, nextMax)
                    : SimdFloatRows.expShiftedSum(x, p, max, y, q, n);
            // log-softmax: the exponentials went into y first, so that y's lines came from memory while the exp was
            // computed (and this pass finds them in L1), and are now overwritten
            if (log) shift(x, p, max, (float) Math.log(sum), y, q, n);
            else scale(y, q, 1f / sum, n);
            max = nextMax[0];
        }
    }

    /** The row's maximum; NaN if it holds one. */
    private static float max(float[] x, int p, int n) {
        FloatVector m0 = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY), m1 = m0;
        int i = 0, step = 2 * S.length(), bound = n / step * step;
        for (; i < bound; i += step) {
            m0 = m0.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, p + i));
            m1 = m1.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, p + i + S.length()));
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            m0 = m0.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, p + i, m).blend(Float.NEGATIVE_INFINITY, m.not()));
            if (i + S.length() < n) {
                VectorMask<Float> m2 = S.indexInRange(i + S.length(), n);
                m1 = m1.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, p + i + S.length(), m2).blend(Float.NEGATIVE_INFINITY, m2.not()));
            }
        }
        return m0.lanewise(VectorOperators.MAX, m1).reduceLanes(VectorOperators.MAX);
    }

    /** y = (x - a) - b over the row, in that order (x - a is exact near the maximum; a + b first would round). */
    private static void shift(float[] x, int p, float a, float b, float[] y, int q, int n) {
        int i = 0, bound = S.loopBound(n);
        for (; i < bound; i += S.length()) FloatVector.fromArray(S, x, p + i).sub(a).sub(b).intoArray(y, q + i);
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, p + i, m).sub(a).sub(b).intoArray(y, q + i, m);
        }
    }

    private static void scale(float[] y, int q, float f, int n) {
        int i = 0, bound = S.loopBound(n);
        for (; i < bound; i += S.length()) FloatVector.fromArray(S, y, q + i).mul(f).intoArray(y, q + i);
        for (; i < n; i++) y[q + i] *= f;
    }
}
