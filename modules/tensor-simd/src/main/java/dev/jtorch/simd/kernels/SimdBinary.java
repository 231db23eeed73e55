package dev.jtorch.simd.kernels;

import dev.jtorch.DType;
import dev.jtorch.ops.BinaryOp;
import dev.jtorch.spi.Strided;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * Vector API binary kernels and clamp. A row is vectorised when the output has stride 1 and each
 * input has stride 1 or 0 (a broadcast scalar); this covers contiguous operands, scalar operands
 * and row broadcasts, because the {@link Loop} walks broadcast dims outside the contiguous ones.
 * Other rows, and the ops without a vector form (integer division, pow, floor division,
 * remainder), run the scalar code.
 */
final class SimdBinary {
    private SimdBinary() {}

    private static final VectorSpecies<Float> F = SimdMath.F;
    private static final VectorSpecies<Double> D = SimdMath.D;

    private static boolean vectorRow(int so, int sa, int sb) {
        return so == 1 && (sa == 0 || sa == 1) && (sb == 0 || sb == 1);
    }

    /** Below this many elements a strided operand is read in place; above, it is first copied into memory order. */
    static final long STAGE_MIN = 1 << 16;

    /** Returns false when the op/dtype has no vector form (the caller runs the scalar kernel). */
    static boolean binary(BinaryOp op, Strided a, Strided b, Strided out, int threads) {
        DType t = a.dtype();
        if (!op.producesBool() && BinaryKernels.floatOneRow(a, b, out, threads)) {
            // the one row the walk would make, without making the walk (as SimdUnary does)
            int n = (int) out.numel();
            SimdFloatRows.Binary floats = t == DType.FLOAT32 ? SimdFloatRows.binary(op) : null;
            if (floats != null) {
                floats.run((float[]) Host.array(a), Host.base(a), 1, (float[]) Host.array(b), Host.base(b), 1,
                        (float[]) Host.array(out), Host.base(out), n);
                return true;
            }
            SimdDoubleRows.Binary doubles = t == DType.FLOAT64 ? SimdDoubleRows.binary(op) : null;
            if (doubles != null) {
                doubles.run((double[]) Host.array(a), Host.base(a), 1, (double[]) Host.array(b), Host.base(b), 1,
                        (double[]) Host.array(out), Host.base(out), n);
                return true;
            }
        }
        Loop loop = Loop.over(out.shape(), out, a, b);
        int so = loop.innerStride(0), sa = loop.innerStride(1), sb = loop.innerStride(2);
        if (so == 1 && !vectorRow(so, sa, sb) && (t == DType.FLOAT32 || t == DType.FLOAT64) && out.numel() >= STAGE_MIN) {
            // A transposed operand read along the output's rows misses the cache at every element; the tiled copy
            // (CopyKernels) reads it tile by tile, then the rows are contiguous vectors: ~3x faster for a.t() + b.
            Strided a2 = staged(a, sa, out, threads), b2 = staged(b, sb, out, threads);
            if (a2 != a || b2 != b) return binary(op, a2, b2, out, threads);
        }
        Object xa = Host.array(a), xb = Host.array(b), oa = Host.array(out);
        boolean vec = vectorRow(so, sa, sb);
        SimdFloatRows.Pair pair = vec && t == DType.FLOAT32 && rowsInPairs(loop) ? SimdFloatRows.pair(op) : null;
        if (pair != null) {
            twoRowsAtATime(pair, SimdFloatRows.binary(op), loop, (float[]) xa, (float[]) xb, (float[]) oa, threads);
            return true;
        }
        Loop.Row row = op.producesBool() ? compareRow(op, t, xa, xb, (byte[]) oa, so, sa, sb, vec)
                : arithmeticRow(op, t, xa, xb, oa, so, sa, sb, vec);
        if (row == null) return false;
        Parallel.forEach(loop, threads, row);
        return true;
    }

    /**
     * Rows of this many floats and more (and under the long-row streams' threshold), two rows or more of them:
     * run two rows side by side. One row at a time is a single stream for the memory system, which does not reach
     * the machine's bandwidth (a 4096x4096 + row broadcast add into out=: 7.75 -> 5.16 ms).
     */
    static final int PAIR_FROM = 256;

    private static boolean rowsInPairs(Loop loop) {
        return loop.rank() == 2 && loop.size(0) >= 2 && loop.innerSize() >= PAIR_FROM
                && loop.innerSize() < SimdFloatRows.STREAMS_FROM;
    }

    /**
     * Rows (2k, 2k+1) side by side, pairs split across threads; an odd last row and the rows' heads and tails one at
     * a time. The head (up to lanes-1 elements) brings the first row's output to a vector-size boundary, so that no
     * vector of the pair loop straddles two cache lines (see {@link SimdMath#lineLead}).
     */
    private static void twoRowsAtATime(SimdFloatRows.Pair pair, SimdFloatRows.Binary one, Loop loop, float[] x, float[] z,
                                       float[] y, int threads) {
        int rows = loop.size(0), n = loop.innerSize(), pairs = rows / 2;
        int sa = loop.innerStride(1), sb = loop.innerStride(2);
        long ro = loop.stride(0, 0), ra = loop.stride(1, 0), rb = loop.stride(2, 0);
        int bo = loop.base(0), ba = loop.base(1), bb = loop.base(2);
        int parts = Math.max(1, Math.min(pairs, Parallel.parts(loop.numel(), threads)));
        Parallel.run(parts, t -> {
            for (int k = (int) ((long) pairs * t / parts); k < (long) pairs * (t + 1) / parts; k++) {
                int r = 2 * k;
                int q = (int) (bo + r * ro), p = (int) (ba + r * ra), s = (int) (bb + r * rb);
                int q2 = (int) (q + ro), p2 = (int) (p + ra), s2 = (int) (s + rb);
                int head = SimdMath.lineLead(q), h = (n - head) / F.length() * F.length();
                if (head > 0) {
                    one.run(x, p, sa, z, s, sb, y, q, head);
                    one.run(x, p2, sa, z, s2, sb, y, q2, head);
                }
                pair.run(x, p + head * sa, p2 + head * sa, sa, z, s + head * sb, s2 + head * sb, sb, y, q + head, q2 + head, h);
                int done = head + h;
                if (done < n) {
                    one.run(x, p + done * sa, sa, z, s + done * sb, sb, y, q + done, n - done);
                    one.run(x, p2 + done * sa, sa, z, s2 + done * sb, sb, y, q2 + done, n - done);
                }
            }
        });
        if (rows % 2 == 1) {
            int r = rows - 1;
            one.run(x, (int) (ba + r * ra), sa, z, (int) (bb + r * rb), sb, y, (int) (bo + r * ro), n);
        }
    }

    /** A contiguous copy of operand {@code x} when it is strided (inner stride not 0 or 1) and not broadcast; else x. */
    private static Strided staged(Strided x, int innerStride, Strided out, int threads) {
        if (innerStride == 0 || innerStride == 1 || x.numel() != out.numel()) return x;
        Strided c = Host.allocate(x.dtype(), x.shape());
        CopyKernels.copy(x, c, SimdTranspose.ENABLED, threads);
        return c;
    }

    private static Loop.Row arithmeticRow(BinaryOp op, DType t, Object xa, Object xb, Object oa, int so, int sa, int sb, boolean vec) {
        switch (t) {
            case FLOAT32 -> {
                SimdFloatRows.Binary vector = SimdFloatRows.binary(op);
                if (vector == null) return null;
                float[] x1 = (float[]) xa, x2 = (float[]) xb, y = (float[]) oa;
                DoubleBinaryOperator f = BinaryKernels.floatFn(op);
                return (off, n) -> {
                    if (vec) vector.run(x1, off[1], sa, x2, off[2], sb, y, off[0], n);
                    else for (int i = 0, p = off[1], r = off[2], q = off[0]; i < n; i++, p += sa, r += sb, q += so) {
                        y[q] = (float) f.applyAsDouble(x1[p], x2[r]);
                    }
                };
            }
            case FLOAT64 -> {
                SimdDoubleRows.Binary vector = SimdDoubleRows.binary(op);
                if (vector == null) return null;
                double[] x1 = (double[]) xa, x2 = (double[]) xb, y = (double[]) oa;
                DoubleBinaryOperator f = BinaryKernels.doubleFn(op);
                return (off, n) -> {
                    if (vec) vector.run(x1, off[1], sa, x2, off[2], sb, y, off[0], n);
                    else for (int i = 0, p = off[1], r = off[2], q = off[0]; i < n; i++, p += sa, r += sb, q += so) {
                        y[q] = f.applyAsDouble(x1[p], x2[r]);
                    }
                };
            }
            case INT64 -> {
                SimdLongRows.Binary vector = SimdLongRows.binary(op);
                if (vector == null) return null;
                long[] x1 = (long[]) xa, x2 = (long[]) xb, y = (long[]) oa;
                LongBinaryOperator f = BinaryKernels.longFn(op);
                return (off, n) -> {
                    if (vec) vector.run(x1, off[1], sa, x2, off[2], sb, y, off[0], n);
                    else for (int i = 0, p = off[1], r = off[2], q = off[0]; i < n; i++, p += sa, r += sb, q += so) {
                        y[q] = f.applyAsLong(x1[p], x2[r]);
                    }
                };
            }
            default -> { return null; }
        }
    }

    private static Loop.Row compareRow(BinaryOp op, DType t, Object xa, Object xb, byte[] y, int so, int sa, int sb, boolean vec) {
        switch (t) {
            case FLOAT32 -> {
                SimdFloatRows.Compare vector = SimdFloatRows.compare(op);
                if (vector == null) return null;
                float[] x1 = (float[]) xa, x2 = (float[]) xb;
                BinaryKernels.DoublePredicate2 f = BinaryKernels.doublePredicate(op);
                return (off, n) -> {
                    if (vec) vector.run(x1, off[1], sa, x2, off[2], sb, y, off[0], n);
                    else for (int i = 0, p = off[1], r = off[2], q = off[0]; i < n; i++, p += sa, r += sb, q += so) {
                        y[q] = (byte) (f.test(x1[p], x2[r]) ? 1 : 0);
                    }
                };
            }
            case FLOAT64 -> {
                SimdDoubleRows.Compare vector = SimdDoubleRows.compare(op);
                if (vector == null) return null;
                double[] x1 = (double[]) xa, x2 = (double[]) xb;
                BinaryKernels.DoublePredicate2 f = BinaryKernels.doublePredicate(op);
                return (off, n) -> {
                    if (vec) vector.run(x1, off[1], sa, x2, off[2], sb, y, off[0], n);
                    else for (int i = 0, p = off[1], r = off[2], q = off[0]; i < n; i++, p += sa, r += sb, q += so) {
                        y[q] = (byte) (f.test(x1[p], x2[r]) ? 1 : 0);
                    }
                };
            }
            case INT64 -> {
                SimdLongRows.Compare vector = SimdLongRows.compare(op);
                if (vector == null) return null;
                long[] x1 = (long[]) xa, x2 = (long[]) xb;
                BinaryKernels.LongPredicate2 f = BinaryKernels.longPredicate(op);
                return (off, n) -> {
                    if (vec) vector.run(x1, off[1], sa, x2, off[2], sb, y, off[0], n);
                    else for (int i = 0, p = off[1], r = off[2], q = off[0]; i < n; i++, p += sa, r += sb, q += so) {
                        y[q] = (byte) (f.test(x1[p], x2[r]) ? 1 : 0);
                    }
                };
            }
            default -> { return null; }
        }
    }

    // ---------------------------------------------------------------- clamp

    /** Same rule as the scalar clamp: lo first, then hi; NaN inputs stay NaN and NaN bounds are ignored. */
    static boolean clamp(Strided in, Double min, Double max, Strided out, int threads) {
        DType t = in.dtype();
        if (t != DType.FLOAT32 && t != DType.FLOAT64) return false;
        Loop loop = Loop.over(out.shape(), out, in);
        int so = loop.innerStride(0), si = loop.innerStride(1);
        if (so != 1 || si != 1) return false;
        boolean hasLo = min != null, hasHi = max != null;
        if (t == DType.FLOAT32) {
            float lo = hasLo ? (float) (double) min : 0, hi = hasHi ? (float) (double) max : 0;
            float[] x = (float[]) Host.array(in), y = (float[]) Host.array(out);
            Parallel.forEach(loop, threads, (off, n) -> {
                int p = off[1], q = off[0], i = 0, bound = F.loopBound(n);
                for (; i < bound; i += F.length()) clampF(FloatVector.fromArray(F, x, p + i), hasLo, lo, hasHi, hi).intoArray(y, q + i);
                if (i < n) {
                    VectorMask<Float> m = F.indexInRange(i, n);
                    clampF(FloatVector.fromArray(F, x, p + i, m), hasLo, lo, hasHi, hi).intoArray(y, q + i, m);
                }
            });
        } else {
            double lo = hasLo ? min : 0, hi = hasHi ? max : 0;
            double[] x = (double[]) Host.array(in), y = (double[]) Host.array(out);
            Parallel.forEach(loop, threads, (off, n) -> {
                int p = off[1], q = off[0], i = 0, bound = D.loopBound(n);
                for (; i < bound; i += D.length()) clampD(DoubleVector.fromArray(D, x, p + i), hasLo, lo, hasHi, hi).intoArray(y, q + i);
                if (i < n) {
                    VectorMask<Double> m = D.indexInRange(i, n);
                    clampD(DoubleVector.fromArray(D, x, p + i, m), hasLo, lo, hasHi, hi).intoArray(y, q + i, m);
                }
            });
        }
        return true;
    }

    private static FloatVector clampF(FloatVector v, boolean hasLo, float lo, boolean hasHi, float hi) {
        if (hasLo) v = v.blend(lo, v.compare(VectorOperators.LT, lo));
        if (hasHi) v = v.blend(hi, v.compare(VectorOperators.GT, hi));
        return v;
    }

    private static DoubleVector clampD(DoubleVector v, boolean hasLo, double lo, boolean hasHi, double hi) {
        if (hasLo) v = v.blend(lo, v.compare(VectorOperators.LT, lo));
        if (hasHi) v = v.blend(hi, v.compare(VectorOperators.GT, hi));
        return v;
    }
}
