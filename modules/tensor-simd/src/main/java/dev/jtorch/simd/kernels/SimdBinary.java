package dev.jtorch.simd.kernels;

import dev.jtorch.DType;
import dev.jtorch.ops.BinaryOp;
import dev.jtorch.spi.Strided;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
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
    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;
    // Byte species with as many lanes as F / D / L, for storing comparison masks as bools (null if none exists).
    private static final VectorSpecies<Byte> BF = bytesFor(F.length());
    private static final VectorSpecies<Byte> BD = bytesFor(D.length());
    private static final VectorSpecies<Byte> BL = bytesFor(L.length());

    private static VectorSpecies<Byte> bytesFor(int lanes) {
        return lanes >= 8 ? VectorSpecies.of(byte.class, VectorShape.forBitSize(lanes * 8)) : null;
    }

    static boolean supports(BinaryOp op, DType t) {
        if (op.producesBool()) return t == DType.FLOAT32 || t == DType.FLOAT64 || t == DType.INT64;
        return switch (t) {
            case FLOAT32, FLOAT64 -> switch (op) {
                case ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM, DIV_TRUNC -> true;
                default -> false;
            };
            case INT64 -> switch (op) {
                case ADD, SUB, MUL, MAXIMUM, MINIMUM, BITWISE_AND, BITWISE_OR, BITWISE_XOR -> true;
                default -> false;
            };
            default -> false;
        };
    }

    private static boolean vectorRow(int so, int sa, int sb) {
        return so == 1 && (sa == 0 || sa == 1) && (sb == 0 || sb == 1);
    }

    /** Returns false when the op/dtype has no vector form (the caller runs the scalar kernel). */
    static boolean binary(BinaryOp op, Strided a, Strided b, Strided out, int threads) {
        DType t = a.dtype();
        if (!supports(op, t)) return false;
        Loop loop = Loop.over(out.shape(), out, a, b);
        int so = loop.innerStride(0), sa = loop.innerStride(1), sb = loop.innerStride(2);
        boolean vec = vectorRow(so, sa, sb);
        Object xa = Host.array(a), xb = Host.array(b), oa = Host.array(out);
        Loop.Row row;
        if (op.producesBool()) {
            byte[] y = (byte[]) oa;
            row = switch (t) {
                case FLOAT32 -> {
                    float[] x1 = (float[]) xa, x2 = (float[]) xb;
                    BinaryKernels.DoublePredicate2 f = BinaryKernels.doublePredicate(op);
                    yield (off, n) -> {
                        if (vec) compareFloats(op, x1, off[1], sa, x2, off[2], sb, y, off[0], n);
                        else for (int i = 0, p = off[1], r = off[2], q = off[0]; i < n; i++, p += sa, r += sb, q += so) {
                            y[q] = (byte) (f.test(x1[p], x2[r]) ? 1 : 0);
                        }
                    };
                }
                case FLOAT64 -> {
                    double[] x1 = (double[]) xa, x2 = (double[]) xb;
                    BinaryKernels.DoublePredicate2 f = BinaryKernels.doublePredicate(op);
                    yield (off, n) -> {
                        if (vec) compareDoubles(op, x1, off[1], sa, x2, off[2], sb, y, off[0], n);
                        else for (int i = 0, p = off[1], r = off[2], q = off[0]; i < n; i++, p += sa, r += sb, q += so) {
                            y[q] = (byte) (f.test(x1[p], x2[r]) ? 1 : 0);
                        }
                    };
                }
                default -> {
                    long[] x1 = (long[]) xa, x2 = (long[]) xb;
                    BinaryKernels.LongPredicate2 f = BinaryKernels.longPredicate(op);
                    yield (off, n) -> {
                        if (vec) compareLongs(op, x1, off[1], sa, x2, off[2], sb, y, off[0], n);
                        else for (int i = 0, p = off[1], r = off[2], q = off[0]; i < n; i++, p += sa, r += sb, q += so) {
                            y[q] = (byte) (f.test(x1[p], x2[r]) ? 1 : 0);
                        }
                    };
                }
            };
        } else {
            row = switch (t) {
                case FLOAT32 -> {
                    float[] x1 = (float[]) xa, x2 = (float[]) xb, y = (float[]) oa;
                    DoubleBinaryOperator f = BinaryKernels.floatFn(op);
                    yield (off, n) -> {
                        if (vec) floatRow(op, x1, off[1], sa, x2, off[2], sb, y, off[0], n);
                        else for (int i = 0, p = off[1], r = off[2], q = off[0]; i < n; i++, p += sa, r += sb, q += so) {
                            y[q] = (float) f.applyAsDouble(x1[p], x2[r]);
                        }
                    };
                }
                case FLOAT64 -> {
                    double[] x1 = (double[]) xa, x2 = (double[]) xb, y = (double[]) oa;
                    DoubleBinaryOperator f = BinaryKernels.doubleFn(op);
                    yield (off, n) -> {
                        if (vec) doubleRow(op, x1, off[1], sa, x2, off[2], sb, y, off[0], n);
                        else for (int i = 0, p = off[1], r = off[2], q = off[0]; i < n; i++, p += sa, r += sb, q += so) {
                            y[q] = f.applyAsDouble(x1[p], x2[r]);
                        }
                    };
                }
                default -> {
                    long[] x1 = (long[]) xa, x2 = (long[]) xb, y = (long[]) oa;
                    LongBinaryOperator f = BinaryKernels.longFn(op);
                    yield (off, n) -> {
                        if (vec) longRow(op, x1, off[1], sa, x2, off[2], sb, y, off[0], n);
                        else for (int i = 0, p = off[1], r = off[2], q = off[0]; i < n; i++, p += sa, r += sb, q += so) {
                            y[q] = f.applyAsLong(x1[p], x2[r]);
                        }
                    };
                }
            };
        }
        Parallel.forEach(loop, threads, row);
        return true;
    }

    // ---------------------------------------------------------------- float32

    static void floatRow(BinaryOp op, float[] x, int p, int sa, float[] z, int r, int sb, float[] y, int q, int n) {
        FloatVector ca = FloatVector.broadcast(F, x[p]), cb = FloatVector.broadcast(F, z[r]);
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += F.length()) {
            FloatVector va = sa == 0 ? ca : FloatVector.fromArray(F, x, p + i);
            FloatVector vb = sb == 0 ? cb : FloatVector.fromArray(F, z, r + i);
            arith(op, va, vb).intoArray(y, q + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector va = sa == 0 ? ca : FloatVector.fromArray(F, x, p + i, m);
            FloatVector vb = sb == 0 ? cb : FloatVector.fromArray(F, z, r + i, m);
            arith(op, va, vb).intoArray(y, q + i, m);
        }
    }

    private static FloatVector arith(BinaryOp op, FloatVector a, FloatVector b) {
        return switch (op) {
            case ADD -> a.add(b);
            case SUB -> a.sub(b);
            case MUL -> a.mul(b);
            case DIV -> a.div(b);
            case MAXIMUM -> SimdMath.maximum(a, b);
            case MINIMUM -> SimdMath.minimum(a, b);
            default -> SimdMath.trunc(a.div(b)); // DIV_TRUNC
        };
    }

    static void compareFloats(BinaryOp op, float[] x, int p, int sa, float[] z, int r, int sb, byte[] y, int q, int n) {
        FloatVector ca = FloatVector.broadcast(F, x[p]), cb = FloatVector.broadcast(F, z[r]);
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += F.length()) {
            FloatVector va = sa == 0 ? ca : FloatVector.fromArray(F, x, p + i);
            FloatVector vb = sb == 0 ? cb : FloatVector.fromArray(F, z, r + i);
            VectorMask<Float> m = compare(op, va, vb);
            if (BF != null) ByteVector.zero(BF).blend((byte) 1, m.cast(BF)).intoArray(y, q + i);
            else storeBits(m.toLong(), y, q + i, F.length());
        }
        if (i < n) {
            VectorMask<Float> in = F.indexInRange(i, n);
            FloatVector va = sa == 0 ? ca : FloatVector.fromArray(F, x, p + i, in);
            FloatVector vb = sb == 0 ? cb : FloatVector.fromArray(F, z, r + i, in);
            storeBits(compare(op, va, vb).toLong(), y, q + i, n - i);
        }
    }

    private static VectorMask<Float> compare(BinaryOp op, FloatVector a, FloatVector b) {
        return switch (op) {
            case EQ -> a.compare(VectorOperators.EQ, b);
            case NE -> a.compare(VectorOperators.NE, b);
            case LT -> a.compare(VectorOperators.LT, b);
            case LE -> a.compare(VectorOperators.LE, b);
            case GT -> a.compare(VectorOperators.GT, b);
            case GE -> a.compare(VectorOperators.GE, b);
            case LOGICAL_AND -> a.compare(VectorOperators.NE, 0f).and(b.compare(VectorOperators.NE, 0f));
            case LOGICAL_OR -> a.compare(VectorOperators.NE, 0f).or(b.compare(VectorOperators.NE, 0f));
            default -> a.compare(VectorOperators.NE, 0f).xor(b.compare(VectorOperators.NE, 0f)); // LOGICAL_XOR
        };
    }

    /** Writes the low {@code count} bits of a lane mask as bytes 0/1. */
    private static void storeBits(long bits, byte[] y, int q, int count) {
        for (int j = 0; j < count; j++) y[q + j] = (byte) ((bits >>> j) & 1);
    }

    // ---------------------------------------------------------------- float64

    static void doubleRow(BinaryOp op, double[] x, int p, int sa, double[] z, int r, int sb, double[] y, int q, int n) {
        DoubleVector ca = DoubleVector.broadcast(D, x[p]), cb = DoubleVector.broadcast(D, z[r]);
        int i = 0, bound = D.loopBound(n);
        for (; i < bound; i += D.length()) {
            DoubleVector va = sa == 0 ? ca : DoubleVector.fromArray(D, x, p + i);
            DoubleVector vb = sb == 0 ? cb : DoubleVector.fromArray(D, z, r + i);
            arith(op, va, vb).intoArray(y, q + i);
        }
        if (i < n) {
            VectorMask<Double> m = D.indexInRange(i, n);
            DoubleVector va = sa == 0 ? ca : DoubleVector.fromArray(D, x, p + i, m);
            DoubleVector vb = sb == 0 ? cb : DoubleVector.fromArray(D, z, r + i, m);
            arith(op, va, vb).intoArray(y, q + i, m);
        }
    }

    private static DoubleVector arith(BinaryOp op, DoubleVector a, DoubleVector b) {
        return switch (op) {
            case ADD -> a.add(b);
            case SUB -> a.sub(b);
            case MUL -> a.mul(b);
            case DIV -> a.div(b);
            case MAXIMUM -> SimdMath.maximum(a, b);
            case MINIMUM -> SimdMath.minimum(a, b);
            default -> SimdMath.trunc(a.div(b));
        };
    }

    static void compareDoubles(BinaryOp op, double[] x, int p, int sa, double[] z, int r, int sb, byte[] y, int q, int n) {
        DoubleVector ca = DoubleVector.broadcast(D, x[p]), cb = DoubleVector.broadcast(D, z[r]);
        int i = 0, bound = D.loopBound(n);
        for (; i < bound; i += D.length()) {
            DoubleVector va = sa == 0 ? ca : DoubleVector.fromArray(D, x, p + i);
            DoubleVector vb = sb == 0 ? cb : DoubleVector.fromArray(D, z, r + i);
            VectorMask<Double> m = compare(op, va, vb);
            if (BD != null) ByteVector.zero(BD).blend((byte) 1, m.cast(BD)).intoArray(y, q + i);
            else storeBits(m.toLong(), y, q + i, D.length());
        }
        if (i < n) {
            VectorMask<Double> in = D.indexInRange(i, n);
            DoubleVector va = sa == 0 ? ca : DoubleVector.fromArray(D, x, p + i, in);
            DoubleVector vb = sb == 0 ? cb : DoubleVector.fromArray(D, z, r + i, in);
            storeBits(compare(op, va, vb).toLong(), y, q + i, n - i);
        }
    }

    private static VectorMask<Double> compare(BinaryOp op, DoubleVector a, DoubleVector b) {
        return switch (op) {
            case EQ -> a.compare(VectorOperators.EQ, b);
            case NE -> a.compare(VectorOperators.NE, b);
            case LT -> a.compare(VectorOperators.LT, b);
            case LE -> a.compare(VectorOperators.LE, b);
            case GT -> a.compare(VectorOperators.GT, b);
            case GE -> a.compare(VectorOperators.GE, b);
            case LOGICAL_AND -> a.compare(VectorOperators.NE, 0.0).and(b.compare(VectorOperators.NE, 0.0));
            case LOGICAL_OR -> a.compare(VectorOperators.NE, 0.0).or(b.compare(VectorOperators.NE, 0.0));
            default -> a.compare(VectorOperators.NE, 0.0).xor(b.compare(VectorOperators.NE, 0.0));
        };
    }

    // ---------------------------------------------------------------- int64

    static void longRow(BinaryOp op, long[] x, int p, int sa, long[] z, int r, int sb, long[] y, int q, int n) {
        LongVector ca = LongVector.broadcast(L, x[p]), cb = LongVector.broadcast(L, z[r]);
        int i = 0, bound = L.loopBound(n);
        for (; i < bound; i += L.length()) {
            LongVector va = sa == 0 ? ca : LongVector.fromArray(L, x, p + i);
            LongVector vb = sb == 0 ? cb : LongVector.fromArray(L, z, r + i);
            arith(op, va, vb).intoArray(y, q + i);
        }
        if (i < n) {
            VectorMask<Long> m = L.indexInRange(i, n);
            LongVector va = sa == 0 ? ca : LongVector.fromArray(L, x, p + i, m);
            LongVector vb = sb == 0 ? cb : LongVector.fromArray(L, z, r + i, m);
            arith(op, va, vb).intoArray(y, q + i, m);
        }
    }

    private static LongVector arith(BinaryOp op, LongVector a, LongVector b) {
        return switch (op) {
            case ADD -> a.add(b);
            case SUB -> a.sub(b);
            case MUL -> a.mul(b);
            case MAXIMUM -> a.max(b);
            case MINIMUM -> a.min(b);
            case BITWISE_AND -> a.and(b);
            case BITWISE_OR -> a.or(b);
            default -> a.lanewise(VectorOperators.XOR, b);
        };
    }

    static void compareLongs(BinaryOp op, long[] x, int p, int sa, long[] z, int r, int sb, byte[] y, int q, int n) {
        LongVector ca = LongVector.broadcast(L, x[p]), cb = LongVector.broadcast(L, z[r]);
        int i = 0, bound = L.loopBound(n);
        for (; i < bound; i += L.length()) {
            LongVector va = sa == 0 ? ca : LongVector.fromArray(L, x, p + i);
            LongVector vb = sb == 0 ? cb : LongVector.fromArray(L, z, r + i);
            VectorMask<Long> m = compare(op, va, vb);
            if (BL != null) ByteVector.zero(BL).blend((byte) 1, m.cast(BL)).intoArray(y, q + i);
            else storeBits(m.toLong(), y, q + i, L.length());
        }
        if (i < n) {
            VectorMask<Long> in = L.indexInRange(i, n);
            LongVector va = sa == 0 ? ca : LongVector.fromArray(L, x, p + i, in);
            LongVector vb = sb == 0 ? cb : LongVector.fromArray(L, z, r + i, in);
            storeBits(compare(op, va, vb).toLong(), y, q + i, n - i);
        }
    }

    private static VectorMask<Long> compare(BinaryOp op, LongVector a, LongVector b) {
        return switch (op) {
            case EQ -> a.compare(VectorOperators.EQ, b);
            case NE -> a.compare(VectorOperators.NE, b);
            case LT -> a.compare(VectorOperators.LT, b);
            case LE -> a.compare(VectorOperators.LE, b);
            case GT -> a.compare(VectorOperators.GT, b);
            case GE -> a.compare(VectorOperators.GE, b);
            case LOGICAL_AND -> a.compare(VectorOperators.NE, 0L).and(b.compare(VectorOperators.NE, 0L));
            case LOGICAL_OR -> a.compare(VectorOperators.NE, 0L).or(b.compare(VectorOperators.NE, 0L));
            default -> a.compare(VectorOperators.NE, 0L).xor(b.compare(VectorOperators.NE, 0L));
        };
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
