package dev.jtorch.simd.kernels;

import dev.jtorch.DType;
import dev.jtorch.ops.UnaryOp;
import dev.jtorch.spi.Strided;

import java.util.function.DoubleUnaryOperator;
import java.util.function.LongUnaryOperator;

/** Scalar unary kernels in float32, float64 and int64; LOGICAL_NOT reads any dtype and writes bool. */
public final class UnaryKernels {
    private UnaryKernels() {}

    public static void unary(UnaryOp op, Strided in, Strided out) {
        if (in.dtype() == out.dtype() && Loop.oneRow(1, out, in)) {
            // as the SIMD kernels do: the one row without building the walk
            int n = (int) out.numel(), p = Host.base(in), q = Host.base(out);
            if (in.dtype() == DType.FLOAT32) {
                FloatFn f = floatFn(op);
                float[] x = (float[]) Host.array(in), y = (float[]) Host.array(out);
                for (int i = 0; i < n; i++) y[q + i] = f.apply(x[p + i]);
                return;
            }
            if (in.dtype() == DType.FLOAT64) {
                DoubleUnaryOperator f = doubleFn(op);
                double[] x = (double[]) Host.array(in), y = (double[]) Host.array(out);
                for (int i = 0; i < n; i++) y[q + i] = f.applyAsDouble(x[p + i]);
                return;
            }
        }
        Loop loop = Loop.over(out.shape(), out, in);
        Object ia = Host.array(in), oa = Host.array(out);
        int so = loop.innerStride(0), si = loop.innerStride(1);
        if (op == UnaryOp.LOGICAL_NOT) {
            byte[] y = (byte[]) oa;
            DType t = in.dtype();
            byte[] mask = new byte[Math.max(loop.innerSize(), 1)];
            loop.forEach((off, n) -> {
                Rows.truth(ia, t, off[1], si, n, mask);
                for (int i = 0, q = off[0]; i < n; i++, q += so) y[q] = (byte) (1 - mask[i]);
            });
            return;
        }
        switch (in.dtype()) {
            case FLOAT64 -> {
                DoubleUnaryOperator f = doubleFn(op);
                double[] x = (double[]) ia, y = (double[]) oa;
                loop.forEach((off, n) -> {
                    for (int i = 0, p = off[1], q = off[0]; i < n; i++, p += si, q += so) y[q] = f.applyAsDouble(x[p]);
                });
            }
            case FLOAT32 -> {
                FloatFn f = floatFn(op);
                float[] x = (float[]) ia, y = (float[]) oa;
                loop.forEach((off, n) -> {
                    for (int i = 0, p = off[1], q = off[0]; i < n; i++, p += si, q += so) y[q] = f.apply(x[p]);
                });
            }
            case INT64 -> {
                LongUnaryOperator f = longFn(op);
                long[] x = (long[]) ia, y = (long[]) oa;
                loop.forEach((off, n) -> {
                    for (int i = 0, p = off[1], q = off[0]; i < n; i++, p += si, q += so) y[q] = f.applyAsLong(x[p]);
                });
            }
            default -> throw new IllegalArgumentException("unary " + op + ": unsupported compute dtype " + in.dtype());
        }
    }

    @FunctionalInterface
    public interface FloatFn {
        float apply(float x);
    }

    /** The op in double precision. */
    public static DoubleUnaryOperator doubleFn(UnaryOp op) {
        return switch (op) {
            case ABS -> Math::abs;
            case NEG -> x -> -x;
            case SIGN -> x -> (x > 0 ? 1 : 0) - (x < 0 ? 1 : 0);
            case EXP -> Math::exp;
            case EXP2 -> ScalarMath::exp2;
            case EXPM1 -> Math::expm1;
            case LOG -> Math::log;
            case LOG1P -> Math::log1p;
            case LOG2 -> ScalarMath::log2;
            case LOG10 -> Math::log10;
            case SQRT -> Math::sqrt;
            case RSQRT -> x -> 1 / Math.sqrt(x);
            case SQUARE -> x -> x * x;
            case RECIPROCAL -> x -> 1 / x;
            case SIN -> Math::sin;
            case COS -> Math::cos;
            case TAN -> Math::tan;
            case ASIN -> Math::asin;
            case ACOS -> Math::acos;
            case ATAN -> Math::atan;
            case SINH -> Math::sinh;
            case COSH -> Math::cosh;
            case TANH -> Math::tanh;
            case ASINH -> ScalarMath::asinh;
            case ACOSH -> ScalarMath::acosh;
            case ATANH -> ScalarMath::atanh;
            case SIGMOID -> ScalarMath::sigmoid;
            case RELU -> x -> x < 0 ? 0.0 : x;
            case GELU -> ScalarMath::gelu;
            case SILU -> ScalarMath::silu;
            case ERF -> ScalarMath::erf;
            case ERFC -> ScalarMath::erfc;
            case ERFINV -> ScalarMath::erfinv;
            case FLOOR -> Math::floor;
            case CEIL -> Math::ceil;
            case ROUND -> Math::rint;
            case TRUNC -> ScalarMath::trunc;
            case LOGICAL_NOT, BITWISE_NOT -> throw new IllegalArgumentException(op + " is not defined for floating dtypes");
        };
    }

    /** The op for float32: computed in double and rounded once, except the activations built from float steps. */
    public static FloatFn floatFn(UnaryOp op) {
        return switch (op) {
            case ABS -> Math::abs;
            case NEG -> x -> -x;
            case SQUARE -> x -> x * x;
            case RECIPROCAL -> x -> 1f / x;
            case RELU -> x -> x < 0 ? 0f : x;
            case SIGMOID -> ScalarMath::sigmoid;
            case GELU -> ScalarMath::gelu;
            case SILU -> ScalarMath::silu;
            default -> {
                DoubleUnaryOperator d = doubleFn(op);
                yield x -> (float) d.applyAsDouble(x);
            }
        };
    }

    public static LongUnaryOperator longFn(UnaryOp op) {
        return switch (op) {
            case ABS -> Math::abs;
            case NEG -> x -> -x;
            case SIGN -> Long::signum;
            case SQUARE -> x -> x * x;
            case RELU -> x -> Math.max(x, 0);
            case FLOOR, CEIL, ROUND, TRUNC -> x -> x;
            case BITWISE_NOT -> x -> ~x;
            default -> throw new IllegalArgumentException(op + " is not defined for int64 (the dispatcher computes it in a floating type)");
        };
    }
}
