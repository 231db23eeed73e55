package dev.jtorch.simd.kernels;

import dev.jtorch.DType;
import dev.jtorch.ops.UnaryOp;
import dev.jtorch.spi.Strided;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.function.DoubleUnaryOperator;

/**
 * Vector API unary kernels for float32 and float64 rows of stride 1 (other rows run the scalar
 * loop). The row tail is one masked vector step, so every element goes through the same lane code.
 */
final class SimdUnary {
    private SimdUnary() {}

    private static final VectorSpecies<Float> F = SimdMath.F;
    private static final VectorSpecies<Double> D = SimdMath.D;
    private static final float SQRT1_2F = (float) ScalarMath.SQRT1_2;

    static boolean supports(UnaryOp op, DType t) {
        if (t == DType.FLOAT32) return op != UnaryOp.LOG2 && op != UnaryOp.LOGICAL_NOT && op != UnaryOp.BITWISE_NOT;
        if (t == DType.FLOAT64) {
            return switch (op) {
                case LOG2, GELU, ERF, LOGICAL_NOT, BITWISE_NOT -> false;
                default -> true;
            };
        }
        return false;
    }

    /** Returns false when the op/dtype has no vector form (the caller runs the scalar kernel). */
    static boolean unary(UnaryOp op, Strided in, Strided out, int threads) {
        if (!supports(op, in.dtype()) || out.dtype() != in.dtype()) return false;
        Loop loop = Loop.over(out.shape(), out, in);
        int so = loop.innerStride(0), si = loop.innerStride(1);
        if (in.dtype() == DType.FLOAT32) {
            float[] x = (float[]) Host.array(in), y = (float[]) Host.array(out);
            UnaryKernels.FloatFn f = UnaryKernels.floatFn(op);
            Parallel.forEach(loop, threads, (off, n) -> {
                if (so == 1 && si == 1) floatRow(op, x, off[1], y, off[0], n);
                else for (int i = 0, p = off[1], q = off[0]; i < n; i++, p += si, q += so) y[q] = f.apply(x[p]);
            });
        } else {
            double[] x = (double[]) Host.array(in), y = (double[]) Host.array(out);
            DoubleUnaryOperator f = UnaryKernels.doubleFn(op);
            Parallel.forEach(loop, threads, (off, n) -> {
                if (so == 1 && si == 1) doubleRow(op, x, off[1], y, off[0], n);
                else for (int i = 0, p = off[1], q = off[0]; i < n; i++, p += si, q += so) y[q] = f.applyAsDouble(x[p]);
            });
        }
        return true;
    }

    // ---------------------------------------------------------------- float32

    static void floatRow(UnaryOp op, float[] x, int p, float[] y, int q, int n) {
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += F.length()) apply(op, FloatVector.fromArray(F, x, p + i)).intoArray(y, q + i);
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            apply(op, FloatVector.fromArray(F, x, p + i, m)).intoArray(y, q + i, m);
        }
    }

    /** Split in groups so that each switch stays small enough for the JIT to inline into the loop. */
    private static FloatVector apply(UnaryOp op, FloatVector v) {
        return switch (op) {
            case ABS, NEG, SIGN, SQUARE, SQRT, RSQRT, RECIPROCAL, RELU -> simple(op, v);
            case FLOOR, CEIL, ROUND, TRUNC -> rounding(op, v);
            default -> transcendental(op, v);
        };
    }

    private static FloatVector simple(UnaryOp op, FloatVector v) {
        return switch (op) {
            case ABS -> v.abs();
            case NEG -> v.neg();
            case SIGN -> v.broadcast(0f).blend(1f, v.compare(VectorOperators.GT, 0f))
                    .sub(v.broadcast(0f).blend(1f, v.compare(VectorOperators.LT, 0f)));
            case SQUARE -> v.mul(v);
            case SQRT -> v.sqrt();
            case RSQRT -> v.broadcast(1f).div(v.sqrt());
            case RECIPROCAL -> v.broadcast(1f).div(v);
            default -> v.blend(0f, v.compare(VectorOperators.LT, 0f)); // RELU: -0.0 and NaN pass through
        };
    }

    private static FloatVector rounding(UnaryOp op, FloatVector v) {
        return switch (op) {
            case FLOOR -> SimdMath.floor(v);
            case CEIL -> SimdMath.ceil(v);
            case ROUND -> SimdMath.rint(v);
            default -> SimdMath.trunc(v);
        };
    }

    private static FloatVector transcendental(UnaryOp op, FloatVector v) {
        return switch (op) {
            case EXP -> v.lanewise(VectorOperators.EXP);
            case EXPM1 -> v.lanewise(VectorOperators.EXPM1);
            case LOG -> v.lanewise(VectorOperators.LOG);
            case LOG1P -> v.lanewise(VectorOperators.LOG1P);
            case SIN -> v.lanewise(VectorOperators.SIN);
            case COS -> v.lanewise(VectorOperators.COS);
            case TAN -> v.lanewise(VectorOperators.TAN);
            case TANH -> v.lanewise(VectorOperators.TANH);
            case SIGMOID -> v.broadcast(1f).div(v.neg().lanewise(VectorOperators.EXP).add(1f));
            case SILU -> v.div(v.neg().lanewise(VectorOperators.EXP).add(1f));
            case ERF -> SimdMath.erf(v);
            case GELU -> v.mul(0.5f).mul(SimdMath.erf(v.mul(SQRT1_2F)).add(1f));
            default -> throw new IllegalArgumentException("no vector form for " + op);
        };
    }

    // ---------------------------------------------------------------- float64

    static void doubleRow(UnaryOp op, double[] x, int p, double[] y, int q, int n) {
        int i = 0, bound = D.loopBound(n);
        for (; i < bound; i += D.length()) apply(op, DoubleVector.fromArray(D, x, p + i)).intoArray(y, q + i);
        if (i < n) {
            VectorMask<Double> m = D.indexInRange(i, n);
            apply(op, DoubleVector.fromArray(D, x, p + i, m)).intoArray(y, q + i, m);
        }
    }

    private static DoubleVector apply(UnaryOp op, DoubleVector v) {
        return switch (op) {
            case ABS, NEG, SIGN, SQUARE, SQRT, RSQRT, RECIPROCAL, RELU -> simple(op, v);
            case FLOOR, CEIL, ROUND, TRUNC -> rounding(op, v);
            default -> transcendental(op, v);
        };
    }

    private static DoubleVector simple(UnaryOp op, DoubleVector v) {
        return switch (op) {
            case ABS -> v.abs();
            case NEG -> v.neg();
            case SIGN -> v.broadcast(0.0).blend(1.0, v.compare(VectorOperators.GT, 0.0))
                    .sub(v.broadcast(0.0).blend(1.0, v.compare(VectorOperators.LT, 0.0)));
            case SQUARE -> v.mul(v);
            case SQRT -> v.sqrt();
            case RSQRT -> v.broadcast(1.0).div(v.sqrt());
            case RECIPROCAL -> v.broadcast(1.0).div(v);
            default -> v.blend(0.0, v.compare(VectorOperators.LT, 0.0));
        };
    }

    private static DoubleVector rounding(UnaryOp op, DoubleVector v) {
        return switch (op) {
            case FLOOR -> SimdMath.floor(v);
            case CEIL -> SimdMath.ceil(v);
            case ROUND -> SimdMath.rint(v);
            default -> SimdMath.trunc(v);
        };
    }

    private static DoubleVector transcendental(UnaryOp op, DoubleVector v) {
        return switch (op) {
            case EXP -> v.lanewise(VectorOperators.EXP);
            case EXPM1 -> v.lanewise(VectorOperators.EXPM1);
            case LOG -> v.lanewise(VectorOperators.LOG);
            case LOG1P -> v.lanewise(VectorOperators.LOG1P);
            case SIN -> v.lanewise(VectorOperators.SIN);
            case COS -> v.lanewise(VectorOperators.COS);
            case TAN -> v.lanewise(VectorOperators.TAN);
            case TANH -> v.lanewise(VectorOperators.TANH);
            case SIGMOID -> v.broadcast(1.0).div(v.neg().lanewise(VectorOperators.EXP).add(1.0));
            case SILU -> v.div(v.neg().lanewise(VectorOperators.EXP).add(1.0));
            default -> throw new IllegalArgumentException("no vector form for " + op);
        };
    }
}
