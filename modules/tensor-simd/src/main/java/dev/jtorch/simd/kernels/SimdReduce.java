package dev.jtorch.simd.kernels;

import dev.jtorch.ops.ReduceOp;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API row reductions for {@link ReduceKernels}: a contiguous row folded into one value
 * (accumulating in vector registers and reducing the lanes once at the end), and a contiguous run
 * of accumulators updated from a contiguous row ("vertical" reduction over an outer dim). float32
 * widens to double lanes, so sums keep the scalar kernel's accuracy.
 */
final class SimdReduce {
    private SimdReduce() {}

    private static final VectorSpecies<Float> F = SimdMath.F;
    private static final VectorSpecies<Double> D = SimdMath.D;
    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;
    /** Double lanes of the float vectors' size: widening one float vector fills two of them (parts 0 and 1). */
    private static final VectorSpecies<Double> FD = VectorSpecies.of(double.class, VectorShape.forBitSize(F.vectorBitSize()));
    /** float64 sums add blocks of this many elements in vector lanes; block sums are added with compensation. */
    private static final int BLOCK = 2048;

    // ---------------------------------------------------------------- one row to one value

    static double rowFloats(ReduceOp op, float[] x, int p, int n) {
        if (op == ReduceOp.SUM) return sumFloats(x, p, n);
        DoubleVector acc = DoubleVector.broadcast(FD, ReduceKernels.identity(op));
        DoubleVector acc2 = acc;
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, x, p + i);
            acc = combine(op, acc, (DoubleVector) v.convertShape(VectorOperators.F2D, FD, 0));
            acc2 = combine(op, acc2, (DoubleVector) v.convertShape(VectorOperators.F2D, FD, 1));
        }
        double r = lanes(op, combine(op, acc, acc2));
        for (; i < n; i++) r = ReduceKernels.combine(op, r, x[p + i]);
        return r;
    }

    private static double sumFloats(float[] x, int p, int n) {
        DoubleVector a0 = DoubleVector.zero(FD), a1 = a0, a2 = a0, a3 = a0;
        int i = 0, step = 2 * F.length(), bound = n - n % step;
        for (; i < bound; i += step) {
            FloatVector u = FloatVector.fromArray(F, x, p + i), v = FloatVector.fromArray(F, x, p + i + F.length());
            a0 = a0.add(u.convertShape(VectorOperators.F2D, FD, 0));
            a1 = a1.add(u.convertShape(VectorOperators.F2D, FD, 1));
            a2 = a2.add(v.convertShape(VectorOperators.F2D, FD, 0));
            a3 = a3.add(v.convertShape(VectorOperators.F2D, FD, 1));
        }
        double r = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) r += x[p + i];
        return r;
    }

    static double rowDoubles(ReduceOp op, double[] x, int p, int n) {
        if (op == ReduceOp.SUM) return sumDoubles(x, p, n);
        DoubleVector acc = DoubleVector.broadcast(D, ReduceKernels.identity(op));
        int i = 0, bound = D.loopBound(n);
        for (; i < bound; i += D.length()) acc = combine(op, acc, DoubleVector.fromArray(D, x, p + i));
        double r = lanes(op, acc);
        for (; i < n; i++) r = ReduceKernels.combine(op, r, x[p + i]);
        return r;
    }

    /** Blocks summed in four vector accumulators, block sums added with Kahan compensation. */
    private static double sumDoubles(double[] x, int p, int n) {
        double total = 0, comp = 0;
        for (int start = 0; start < n; start += BLOCK) {
            int len = Math.min(BLOCK, n - start), base = p + start;
            DoubleVector a0 = DoubleVector.zero(D), a1 = a0, a2 = a0, a3 = a0;
            int i = 0, step = 4 * D.length(), bound = len - len % step;
            for (; i < bound; i += step) {
                a0 = a0.add(DoubleVector.fromArray(D, x, base + i));
                a1 = a1.add(DoubleVector.fromArray(D, x, base + i + D.length()));
                a2 = a2.add(DoubleVector.fromArray(D, x, base + i + 2 * D.length()));
                a3 = a3.add(DoubleVector.fromArray(D, x, base + i + 3 * D.length()));
            }
            double s = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
            for (; i < len; i++) s += x[base + i];
            double y = s - comp, t = total + y;
            comp = (t - total) - y;
            total = t;
        }
        return total;
    }

    static long rowLongs(ReduceOp op, long[] x, int p, int n) {
        LongVector acc = LongVector.broadcast(L, ReduceKernels.identityLong(op));
        int i = 0, bound = L.loopBound(n);
        for (; i < bound; i += L.length()) acc = combine(op, acc, LongVector.fromArray(L, x, p + i));
        long r = acc.reduceLanes(switch (op) {
            case SUM -> VectorOperators.ADD;
            case PROD -> VectorOperators.MUL;
            case MAX -> VectorOperators.MAX;
            default -> VectorOperators.MIN;
        });
        for (; i < n; i++) r = ReduceKernels.combine(op, r, x[p + i]);
        return r;
    }

    // ---------------------------------------------------------------- runs of accumulators

    /** {@code acc[pa + i] = op(acc[pa + i], x[p + i])} for i in [0, n). */
    static void accumulateFloats(ReduceOp op, double[] acc, int pa, float[] x, int p, int n) {
        int i = 0, bound = F.loopBound(n), half = FD.length();
        for (; i < bound; i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, x, p + i);
            combine(op, DoubleVector.fromArray(FD, acc, pa + i), (DoubleVector) v.convertShape(VectorOperators.F2D, FD, 0))
                    .intoArray(acc, pa + i);
            combine(op, DoubleVector.fromArray(FD, acc, pa + i + half), (DoubleVector) v.convertShape(VectorOperators.F2D, FD, 1))
                    .intoArray(acc, pa + i + half);
        }
        for (; i < n; i++) acc[pa + i] = ReduceKernels.combine(op, acc[pa + i], x[p + i]);
    }

    static void accumulateDoubles(ReduceOp op, double[] acc, int pa, double[] x, int p, int n) {
        int i = 0, bound = D.loopBound(n);
        for (; i < bound; i += D.length()) {
            combine(op, DoubleVector.fromArray(D, acc, pa + i), DoubleVector.fromArray(D, x, p + i)).intoArray(acc, pa + i);
        }
        for (; i < n; i++) acc[pa + i] = ReduceKernels.combine(op, acc[pa + i], x[p + i]);
    }

    static void accumulateLongs(ReduceOp op, long[] acc, int pa, long[] x, int p, int n) {
        int i = 0, bound = L.loopBound(n);
        for (; i < bound; i += L.length()) {
            combine(op, LongVector.fromArray(L, acc, pa + i), LongVector.fromArray(L, x, p + i)).intoArray(acc, pa + i);
        }
        for (; i < n; i++) acc[pa + i] = ReduceKernels.combine(op, acc[pa + i], x[p + i]);
    }

    // ---------------------------------------------------------------- lane rules

    /** As {@link ReduceKernels#combine}: NaN wins, ties take the later value. */
    private static DoubleVector combine(ReduceOp op, DoubleVector acc, DoubleVector v) {
        return switch (op) {
            case SUM -> acc.add(v);
            case PROD -> acc.mul(v);
            case MAX -> acc.blend(v, v.compare(VectorOperators.GE, acc).or(v.test(VectorOperators.IS_NAN))
                    .andNot(acc.test(VectorOperators.IS_NAN)));
            default -> acc.blend(v, v.compare(VectorOperators.LE, acc).or(v.test(VectorOperators.IS_NAN))
                    .andNot(acc.test(VectorOperators.IS_NAN)));
        };
    }

    private static LongVector combine(ReduceOp op, LongVector acc, LongVector v) {
        return switch (op) {
            case SUM -> acc.add(v);
            case PROD -> acc.mul(v);
            case MAX -> acc.max(v);
            default -> acc.min(v);
        };
    }

    private static double lanes(ReduceOp op, DoubleVector acc) {
        double r = ReduceKernels.identity(op);
        for (int j = 0; j < acc.length(); j++) r = ReduceKernels.combine(op, r, acc.lane(j));
        return r;
    }

}
