package dev.jtorch.simd.kernels;

import dev.jtorch.DType;
import dev.jtorch.spi.Strided;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API {@code where} for float32, float64 and int64 rows: the output has stride 1, the
 * condition and both inputs stride 1 or 0. The bool condition becomes a lane mask, through a byte
 * vector when a byte species with as many lanes exists, else bit by bit.
 */
final class SimdWhere {
    private SimdWhere() {}

    private static final VectorSpecies<Float> F = SimdMath.F;
    private static final VectorSpecies<Double> D = SimdMath.D;
    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Byte> BF = F.length() >= 8 ? VectorSpecies.of(byte.class, VectorShape.forBitSize(F.length() * 8)) : null;

    static boolean where(Strided cond, Strided a, Strided b, Strided out, int threads) {
        DType t = out.dtype();
        if (t != DType.FLOAT32 && t != DType.FLOAT64 && t != DType.INT64) return false;
        Loop loop = Loop.over(out.shape(), out, cond, a, b);
        int so = loop.innerStride(0), sc = loop.innerStride(1), sa = loop.innerStride(2), sb = loop.innerStride(3);
        if (so != 1 || sc > 1 || sa > 1 || sb > 1 || sc < 0 || sa < 0 || sb < 0) return false;
        byte[] c = (byte[]) Host.array(cond);
        Object xa = Host.array(a), xb = Host.array(b), oa = Host.array(out);
        Loop.Row row = switch (t) {
            case FLOAT32 -> (off, n) -> floats(c, off[1], sc, (float[]) xa, off[2], sa, (float[]) xb, off[3], sb, (float[]) oa, off[0], n);
            case FLOAT64 -> (off, n) -> doubles(c, off[1], sc, (double[]) xa, off[2], sa, (double[]) xb, off[3], sb, (double[]) oa, off[0], n);
            default -> (off, n) -> longs(c, off[1], sc, (long[]) xa, off[2], sa, (long[]) xb, off[3], sb, (long[]) oa, off[0], n);
        };
        Parallel.forEach(loop, threads, row);
        return true;
    }

    /** Bits of the bool bytes c[pc + j*sc] for j < count, as a lane mask. */
    private static long bits(byte[] c, int pc, int sc, int count) {
        long m = 0;
        for (int j = 0; j < count; j++) if (c[pc + j * sc] != 0) m |= 1L << j;
        return m;
    }

    private static void floats(byte[] c, int pc, int sc, float[] x, int pa, int sa, float[] z, int pb, int sb, float[] y, int q, int n) {
        FloatVector ca = FloatVector.broadcast(F, x[pa]), cb = FloatVector.broadcast(F, z[pb]);
        VectorMask<Float> cm = VectorMask.fromLong(F, c[pc] != 0 ? -1L : 0L);
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += F.length()) {
            VectorMask<Float> m = sc == 0 ? cm : BF != null
                    ? ByteVector.fromArray(BF, c, pc + i).compare(VectorOperators.NE, (byte) 0).cast(F)
                    : VectorMask.fromLong(F, bits(c, pc + i, 1, F.length()));
            FloatVector u = sa == 0 ? ca : FloatVector.fromArray(F, x, pa + i);
            FloatVector v = sb == 0 ? cb : FloatVector.fromArray(F, z, pb + i);
            v.blend(u, m).intoArray(y, q + i);
        }
        for (; i < n; i++) y[q + i] = c[pc + i * sc] != 0 ? x[pa + i * sa] : z[pb + i * sb];
    }

    private static void doubles(byte[] c, int pc, int sc, double[] x, int pa, int sa, double[] z, int pb, int sb, double[] y, int q, int n) {
        DoubleVector ca = DoubleVector.broadcast(D, x[pa]), cb = DoubleVector.broadcast(D, z[pb]);
        VectorMask<Double> cm = VectorMask.fromLong(D, c[pc] != 0 ? -1L : 0L);
        int i = 0, bound = D.loopBound(n);
        for (; i < bound; i += D.length()) {
            VectorMask<Double> m = sc == 0 ? cm : VectorMask.fromLong(D, bits(c, pc + i, 1, D.length()));
            DoubleVector u = sa == 0 ? ca : DoubleVector.fromArray(D, x, pa + i);
            DoubleVector v = sb == 0 ? cb : DoubleVector.fromArray(D, z, pb + i);
            v.blend(u, m).intoArray(y, q + i);
        }
        for (; i < n; i++) y[q + i] = c[pc + i * sc] != 0 ? x[pa + i * sa] : z[pb + i * sb];
    }

    private static void longs(byte[] c, int pc, int sc, long[] x, int pa, int sa, long[] z, int pb, int sb, long[] y, int q, int n) {
        LongVector ca = LongVector.broadcast(L, x[pa]), cb = LongVector.broadcast(L, z[pb]);
        VectorMask<Long> cm = VectorMask.fromLong(L, c[pc] != 0 ? -1L : 0L);
        int i = 0, bound = L.loopBound(n);
        for (; i < bound; i += L.length()) {
            VectorMask<Long> m = sc == 0 ? cm : VectorMask.fromLong(L, bits(c, pc + i, 1, L.length()));
            LongVector u = sa == 0 ? ca : LongVector.fromArray(L, x, pa + i);
            LongVector v = sb == 0 ? cb : LongVector.fromArray(L, z, pb + i);
            v.blend(u, m).intoArray(y, q + i);
        }
        for (; i < n; i++) y[q + i] = c[pc + i * sc] != 0 ? x[pa + i * sa] : z[pb + i * sb];
    }
}
