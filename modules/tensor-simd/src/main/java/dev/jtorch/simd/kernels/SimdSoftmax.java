package dev.jtorch.simd.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 softmax and log-softmax, as PyTorch's kernels: the maximum, then exp(x - max) summed in float, then a
 * multiplication by 1/sum (softmax) or x - max - log(sum) (log-softmax). Along the last dim, Vector API passes over a
 * row that stays in L1; the exp pass is {@link SimdFloatRows#expShiftedSum} (the exp of the exp kernel, inline, the
 * same bits in every JIT tier), which also finds the next row's maximum; accumulators are vectors, reduced once per
 * pass. Along another dim, vectors run across the columns, in blocks ({@link #columns}).
 */
final class SimdSoftmax {
    private SimdSoftmax() {}

    private static final VectorSpecies<Float> S = SimdMath.F;

    /**
     * Rows [r0, r1) of n elements from x[xb..] into y[yb..]: softmax, or log-softmax when {@code log}. Each row's
     * maximum is found while the row before it goes through the exp ({@link SimdFloatRows#expShiftedSum}), so
     * that its loads from memory overlap the exp's arithmetic; only the first row has a max pass of its own.
     */
    static void rows(float[] x, int xb, float[] y, int yb, int n, int r0, int r1, boolean log) {
        float[] nextMax = new float[1];
        float max = max(x, xb + r0 * n, n);
        for (int r = r0; r < r1; r++) {
            int p = xb + r * n, q = yb + r * n;
            float sum = SimdFloatRows.expShiftedSum(x, p, max, y, q, n, r + 1 < r1 ? p + n : p, nextMax);
            // log-softmax: the exponentials went into y first, so that y's lines came from memory while the exp was
            // computed (and this pass finds them in L1), and are now overwritten
            if (log) shift(x, p, max, (float) Math.log(sum), y, q, n);
            else scale(y, q, 1f / sum, n);
            max = nextMax[0];
        }
    }

    /**
     * The most columns handled together along a dim that is not the last (their maxima, sums and factors: three
     * arrays of up to 16 KiB). Wide blocks: each pass then reads long contiguous runs, which the prefetchers follow;
     * blocks narrow enough to keep a long dim's block in L2 were slower (4096 x 1024 along dim 0: 256 columns 6.6 ms,
     * 16 columns 21 ms, whole rows 6.1 ms).
     */
    static final int COLUMNS = 4096;

    /**
     * Columns per block: all of them up to {@link #COLUMNS}, fewer (whole vectors) where that leaves fewer blocks
     * than parts (along dim 0 of a matrix there is one outer slice). A column's result does not depend on its block.
     */
    static int columnBlock(int inner, int outer, int parts) {
        int w = Math.min(COLUMNS, inner);
        if ((long) outer * ((inner + w - 1) / w) < parts) {
            int perSlice = (parts + outer - 1) / outer, lanes = S.length();
            w = Math.min(inner, Math.max(lanes, ((inner + perSlice - 1) / perSlice + lanes - 1) / lanes * lanes));
        }
        return w;
    }

    /**
     * Along a dim that is not the last: x seen as [outer, n, inner] from xb (y alike from yb), column blocks
     * [u0, u1) of all outer * ceil(inner / width) blocks of width columns ({@link #columnBlock}). Each block goes
     * over its n rows three times (a row of the block is contiguous): the maxima (NaN skipped: a NaN column sums to
     * NaN anyway), the exponentials and their sums, then the scaling; vectors run along the columns, so every sum is
     * added in the order of the rows, the same at every thread count.
     */
    static void columns(float[] x, int xb, float[] y, int yb, int n, int inner, int width, int u0, int u1, boolean log) {
        int blocks = (inner + width - 1) / width;
        float[] max = new float[width], sum = new float[width], f = new float[width];
        for (int u = u0; u < u1; u++) {
            int o = u / blocks, j0 = u % blocks * width, w = Math.min(width, inner - j0);
            int p = xb + o * n * inner + j0, q = yb + o * n * inner + j0;
            java.util.Arrays.fill(max, 0, w, Float.NEGATIVE_INFINITY);
            java.util.Arrays.fill(sum, 0, w, 0f);
            for (int k = 0; k < n; k++) maxInto(x, p + k * inner, max, w);
            for (int k = 0; k < n; k++) SimdFloatRows.expShiftedAccumulate(x, p + k * inner, max, 0, y, q + k * inner, sum, 0, w);
            for (int j = 0; j < w; j++) f[j] = log ? (float) Math.log(sum[j]) : 1f / sum[j];
            for (int k = 0; k < n; k++) {
                if (log) shift(x, p + k * inner, max, f, y, q + k * inner, w);
                else scale(y, q + k * inner, f, w);
            }
        }
    }

    /** m[i] = max(m[i], x[p + i]) over n, NaN skipped. */
    private static void maxInto(float[] x, int p, float[] m, int n) {
        int i = 0, bound = S.loopBound(n);
        for (; i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, p + i), c = FloatVector.fromArray(S, m, i);
            c.blend(v, v.compare(VectorOperators.GT, c)).intoArray(m, i);
        }
        for (; i < n; i++) if (x[p + i] > m[i]) m[i] = x[p + i];
    }

    /** y = (x - a) - b element by element (a and b per column), in the order of the row form of shift. */
    private static void shift(float[] x, int p, float[] a, float[] b, float[] y, int q, int n) {
        int i = 0, bound = S.loopBound(n);
        for (; i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, p + i).sub(FloatVector.fromArray(S, a, i)).sub(FloatVector.fromArray(S, b, i)).intoArray(y, q + i);
        }
        for (; i < n; i++) y[q + i] = (x[p + i] - a[i]) - b[i];
    }

    /** y *= f element by element. */
    private static void scale(float[] y, int q, float[] f, int n) {
        int i = 0, bound = S.loopBound(n);
        for (; i < bound; i += S.length()) FloatVector.fromArray(S, y, q + i).mul(FloatVector.fromArray(S, f, i)).intoArray(y, q + i);
        for (; i < n; i++) y[q + i] *= f[i];
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
        for (; i < n; i++) y[q + i] = (x[p + i] - a) - b; // the same two roundings as the lanes above
    }

    private static void scale(float[] y, int q, float f, int n) {
        int i = 0, bound = S.loopBound(n);
        for (; i < bound; i += S.length()) FloatVector.fromArray(S, y, q + i).mul(f).intoArray(y, q + i);
        for (; i < n; i++) y[q + i] *= f;
    }
}
