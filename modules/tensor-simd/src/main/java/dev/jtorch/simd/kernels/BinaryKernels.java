package dev.jtorch.simd.kernels;

import dev.jtorch.ops.BinaryOp;
import dev.jtorch.spi.Strided;

import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;

/** Scalar binary kernels (float32, float64, int64; comparisons and logical ops write bool), clamp and where. */
public final class BinaryKernels {
    private BinaryKernels() {}

    @FunctionalInterface
    public interface DoublePredicate2 {
        boolean test(double a, double b);
    }

    @FunctionalInterface
    public interface LongPredicate2 {
        boolean test(long a, long b);
    }

    public static void binary(BinaryOp op, Strided a, Strided b, Strided out) {
        if (a.dtype() == dev.jtorch.DType.INT64 && dividesIntegers(op)) checkNoZeroDivisor(b);
        if (!op.producesBool() && floatOneRow(a, b, out, 1)) {
            // as the SIMD kernels do: the one row without building the walk
            int n = (int) out.numel(), p = Host.base(a), r = Host.base(b), q = Host.base(out);
            if (out.dtype() == dev.jtorch.DType.FLOAT32) {
                DoubleBinaryOperator f = floatFn(op);
                float[] x1 = (float[]) Host.array(a), x2 = (float[]) Host.array(b), y = (float[]) Host.array(out);
                for (int i = 0; i < n; i++) y[q + i] = (float) f.applyAsDouble(x1[p + i], x2[r + i]);
            } else {
                DoubleBinaryOperator f = doubleFn(op);
                double[] x1 = (double[]) Host.array(a), x2 = (double[]) Host.array(b), y = (double[]) Host.array(out);
                for (int i = 0; i < n; i++) y[q + i] = f.applyAsDouble(x1[p + i], x2[r + i]);
            }
            return;
        }
        Loop loop = Loop.over(out.shape(), out, a, b);
        Object xa = Host.array(a), xb = Host.array(b), oa = Host.array(out);
        int so = loop.innerStride(0), sa = loop.innerStride(1), sb = loop.innerStride(2);
        if (op.producesBool()) {
            byte[] y = (byte[]) oa;
            switch (a.dtype()) {
                case FLOAT64 -> {
                    DoublePredicate2 f = doublePredicate(op);
                    double[] x1 = (double[]) xa, x2 = (double[]) xb;
                    loop.forEach((off, n) -> {
                        for (int i = 0, p = off[1], r = off[2], q = off[0]; i < n; i++, p += sa, r += sb, q += so) {
                            y[q] = (byte) (f.test(x1[p], x2[r]) ? 1 : 0);
                        }
                    });
                }
                case FLOAT32 -> {
                    DoublePredicate2 f = doublePredicate(op);
                    float[] x1 = (float[]) xa, x2 = (float[]) xb;
                    loop.forEach((off, n) -> {
                        for (int i = 0, p = off[1], r = off[2], q = off[0]; i < n; i++, p += sa, r += sb, q += so) {
                            y[q] = (byte) (f.test(x1[p], x2[r]) ? 1 : 0);
                        }
                    });
                }
                case INT64 -> {
                    LongPredicate2 f = longPredicate(op);
                    long[] x1 = (long[]) xa, x2 = (long[]) xb;
                    loop.forEach((off, n) -> {
                        for (int i = 0, p = off[1], r = off[2], q = off[0]; i < n; i++, p += sa, r += sb, q += so) {
                            y[q] = (byte) (f.test(x1[p], x2[r]) ? 1 : 0);
                        }
                    });
                }
                default -> throw unsupported(op, a);
            }
            return;
        }
        switch (a.dtype()) {
            case FLOAT64 -> {
                DoubleBinaryOperator f = doubleFn(op);
                double[] x1 = (double[]) xa, x2 = (double[]) xb, y = (double[]) oa;
                loop.forEach((off, n) -> {
                    for (int i = 0, p = off[1], r = off[2], q = off[0]; i < n; i++, p += sa, r += sb, q += so) {
                        y[q] = f.applyAsDouble(x1[p], x2[r]);
                    }
                });
            }
            case FLOAT32 -> {
                DoubleBinaryOperator f = floatFn(op);
                float[] x1 = (float[]) xa, x2 = (float[]) xb, y = (float[]) oa;
                loop.forEach((off, n) -> {
                    for (int i = 0, p = off[1], r = off[2], q = off[0]; i < n; i++, p += sa, r += sb, q += so) {
                        y[q] = (float) f.applyAsDouble(x1[p], x2[r]);
                    }
                });
            }
            case INT64 -> {
                LongBinaryOperator f = longFn(op);
                long[] x1 = (long[]) xa, x2 = (long[]) xb, y = (long[]) oa;
                loop.forEach((off, n) -> {
                    for (int i = 0, p = off[1], r = off[2], q = off[0]; i < n; i++, p += sa, r += sb, q += so) {
                        y[q] = f.applyAsLong(x1[p], x2[r]);
                    }
                });
            }
            default -> throw unsupported(op, a);
        }
    }

    /** Float operands and output of one dtype whose walk would be one row ({@link Loop#oneRow}). */
    static boolean floatOneRow(Strided a, Strided b, Strided out, int threads) {
        dev.jtorch.DType t = out.dtype();
        return (t == dev.jtorch.DType.FLOAT32 || t == dev.jtorch.DType.FLOAT64) && a.dtype() == t && b.dtype() == t
                && Loop.oneRow(threads, out, a, b);
    }

    private static IllegalArgumentException unsupported(BinaryOp op, Strided a) {
        return new IllegalArgumentException("binary " + op + ": unsupported compute dtype " + a.dtype());
    }

    static boolean dividesIntegers(BinaryOp op) {
        return op == BinaryOp.DIV || op == BinaryOp.DIV_TRUNC || op == BinaryOp.DIV_FLOOR || op == BinaryOp.REMAINDER
                || op == BinaryOp.FMOD;
    }

    /** Integer division by zero is an error in PyTorch; checked before anything is written. */
    static void checkNoZeroDivisor(Strided b) {
        long[] x = (long[]) Host.array(b);
        Loop loop = Loop.over(b.shape(), b);
        int s = loop.innerStride(0);
        loop.forEach((off, n) -> {
            for (int i = 0, p = off[0]; i < n; i++, p += s) if (x[p] == 0) throw new ArithmeticException("ZeroDivisionError");
        });
    }

    // ---------------------------------------------------------------- op tables

    public static DoubleBinaryOperator doubleFn(BinaryOp op) {
        return switch (op) {
            case ADD -> Double::sum;
            case SUB -> (a, b) -> a - b;
            case MUL -> (a, b) -> a * b;
            case DIV -> (a, b) -> a / b;
            case DIV_TRUNC -> (a, b) -> ScalarMath.trunc(a / b);
            case DIV_FLOOR -> ScalarMath::divFloor;
            case REMAINDER -> ScalarMath::remainder;
            case FMOD -> (a, b) -> a % b;    // Java's % on doubles is C's fmod: exact, the sign of a
            case POW -> ScalarMath::pow;
            case ATAN2 -> Math::atan2;
            case HYPOT -> Math::hypot;
            case COPYSIGN -> Math::copySign;
            case MAXIMUM -> BinaryKernels::maximum;
            case MINIMUM -> BinaryKernels::minimum;
            default -> throw new IllegalArgumentException(op + " is not defined for floating dtypes");
        };
    }

    /**
     * float32 forms over float values widened to double; the result is rounded to float once. For
     * +, -, *, / and the rest this equals float arithmetic; the rounding divisions use float steps.
     */
    public static DoubleBinaryOperator floatFn(BinaryOp op) {
        return switch (op) {
            case DIV_TRUNC -> (a, b) -> ScalarMath.trunc((float) (a / b));
            case DIV_FLOOR -> (a, b) -> ScalarMath.divFloor((float) a, (float) b);
            default -> doubleFn(op);
        };
    }

    public static LongBinaryOperator longFn(BinaryOp op) {
        return switch (op) {
            case ADD -> Long::sum;
            case SUB -> (a, b) -> a - b;
            case MUL -> (a, b) -> a * b;
            case DIV, DIV_TRUNC -> (a, b) -> a / b;
            case DIV_FLOOR -> Math::floorDiv;
            case REMAINDER -> Math::floorMod;
            case FMOD -> (a, b) -> a % b;
            case POW -> ScalarMath::powi;
            case MAXIMUM -> Math::max;
            case MINIMUM -> Math::min;
            case BITWISE_AND -> (a, b) -> a & b;
            case BITWISE_OR -> (a, b) -> a | b;
            case BITWISE_XOR -> (a, b) -> a ^ b;
            default -> throw new IllegalArgumentException(op + " does not produce int64");
        };
    }

    /** NaN-propagating; on ties (0.0 vs -0.0) the first operand wins, as PyTorch's CPU kernel. */
    public static double maximum(double a, double b) {
        if (a != a || b != b) return a + b;
        return a < b ? b : a;
    }

    public static double minimum(double a, double b) {
        if (a != a || b != b) return a + b;
        return b < a ? b : a;
    }

    public static DoublePredicate2 doublePredicate(BinaryOp op) {
        return switch (op) {
            case EQ -> (a, b) -> a == b;
            case NE -> (a, b) -> a != b;
            case LT -> (a, b) -> a < b;
            case LE -> (a, b) -> a <= b;
            case GT -> (a, b) -> a > b;
            case GE -> (a, b) -> a >= b;
            case LOGICAL_AND -> (a, b) -> a != 0 && b != 0;
            case LOGICAL_OR -> (a, b) -> a != 0 || b != 0;
            case LOGICAL_XOR -> (a, b) -> (a != 0) != (b != 0);
            default -> throw new IllegalArgumentException(op + " does not produce bool");
        };
    }

    public static LongPredicate2 longPredicate(BinaryOp op) {
        return switch (op) {
            case EQ -> (a, b) -> a == b;
            case NE -> (a, b) -> a != b;
            case LT -> (a, b) -> a < b;
            case LE -> (a, b) -> a <= b;
            case GT -> (a, b) -> a > b;
            case GE -> (a, b) -> a >= b;
            case LOGICAL_AND -> (a, b) -> a != 0 && b != 0;
            case LOGICAL_OR -> (a, b) -> a != 0 || b != 0;
            case LOGICAL_XOR -> (a, b) -> (a != 0) != (b != 0);
            default -> throw new IllegalArgumentException(op + " does not produce bool");
        };
    }

    // ---------------------------------------------------------------- clamp, where

    /**
     * {@code min(max(x, lo), hi)} with C++'s std::max/std::min: a NaN input stays NaN, a NaN bound is
     * ignored, and lo &gt; hi gives hi everywhere (PyTorch's results).
     */
    public static void clamp(Strided in, Double min, Double max, Strided out) {
        Loop loop = Loop.over(out.shape(), out, in);
        Object ia = Host.array(in), oa = Host.array(out);
        int so = loop.innerStride(0), si = loop.innerStride(1);
        boolean hasLo = min != null, hasHi = max != null;
        switch (in.dtype()) {
            case FLOAT64 -> {
                double lo = hasLo ? min : 0, hi = hasHi ? max : 0;
                double[] x = (double[]) ia, y = (double[]) oa;
                loop.forEach((off, n) -> {
                    for (int i = 0, p = off[1], q = off[0]; i < n; i++, p += si, q += so) {
                        double v = x[p];
                        if (hasLo && v < lo) v = lo;
                        if (hasHi && hi < v) v = hi;
                        y[q] = v;
                    }
                });
            }
            case FLOAT32 -> {
                float lo = hasLo ? (float) (double) min : 0, hi = hasHi ? (float) (double) max : 0;
                float[] x = (float[]) ia, y = (float[]) oa;
                loop.forEach((off, n) -> {
                    for (int i = 0, p = off[1], q = off[0]; i < n; i++, p += si, q += so) {
                        float v = x[p];
                        if (hasLo && v < lo) v = lo;
                        if (hasHi && hi < v) v = hi;
                        y[q] = v;
                    }
                });
            }
            case INT64 -> {
                long lo = hasLo ? (long) (double) min : 0, hi = hasHi ? (long) (double) max : 0;
                long[] x = (long[]) ia, y = (long[]) oa;
                loop.forEach((off, n) -> {
                    for (int i = 0, p = off[1], q = off[0]; i < n; i++, p += si, q += so) {
                        long v = x[p];
                        if (hasLo && v < lo) v = lo;
                        if (hasHi && hi < v) v = hi;
                        y[q] = v;
                    }
                });
            }
            default -> throw new IllegalArgumentException("clamp: unsupported compute dtype " + in.dtype());
        }
    }

    /** {@code out = cond ? a : b} for any dtype of a/b/out; cond is bool. */
    /** {@code out = self <= threshold ? 0 : grad}, float32 or float64 (the threshold rounded to the dtype). */
    public static void thresholdBackward(Strided grad, Strided self, double threshold, Strided out) {
        Loop loop = Loop.over(out.shape(), out, grad, self);
        int so = loop.innerStride(0), sg = loop.innerStride(1), ss = loop.innerStride(2);
        Object oa = Host.array(out), ga = Host.array(grad), sa = Host.array(self);
        switch (oa) {
            case float[] y -> {
                float[] g = (float[]) ga, s = (float[]) sa;
                float t = (float) threshold;
                loop.forEach((off, n) -> {
                    for (int i = 0, q = off[0], pg = off[1], ps = off[2]; i < n; i++, q += so, pg += sg, ps += ss) {
                        y[q] = s[ps] <= t ? 0f : g[pg];
                    }
                });
            }
            case double[] y -> {
                double[] g = (double[]) ga, s = (double[]) sa;
                loop.forEach((off, n) -> {
                    for (int i = 0, q = off[0], pg = off[1], ps = off[2]; i < n; i++, q += so, pg += sg, ps += ss) {
                        y[q] = s[ps] <= threshold ? 0d : g[pg];
                    }
                });
            }
            default -> throw new IllegalArgumentException("threshold_backward: unsupported compute dtype " + out.dtype());
        }
    }

    public static void where(Strided cond, Strided a, Strided b, Strided out) {
        Loop loop = Loop.over(out.shape(), out, cond, a, b);
        byte[] c = (byte[]) Host.array(cond);
        Object xa = Host.array(a), xb = Host.array(b), oa = Host.array(out);
        int so = loop.innerStride(0), sc = loop.innerStride(1), sa = loop.innerStride(2), sb = loop.innerStride(3);
        loop.forEach((off, n) -> whereRow(c, off[1], sc, xa, off[2], sa, xb, off[3], sb, oa, off[0], so, n));
    }

    private static void whereRow(byte[] c, int pc, int sc, Object xa, int pa, int sa, Object xb, int pb, int sb,
                                 Object oa, int q, int so, int n) {
        switch (oa) {
            case float[] y -> { float[] u = (float[]) xa, v = (float[]) xb;
                for (int i = 0; i < n; i++, pc += sc, pa += sa, pb += sb, q += so) y[q] = c[pc] != 0 ? u[pa] : v[pb]; }
            case double[] y -> { double[] u = (double[]) xa, v = (double[]) xb;
                for (int i = 0; i < n; i++, pc += sc, pa += sa, pb += sb, q += so) y[q] = c[pc] != 0 ? u[pa] : v[pb]; }
            case long[] y -> { long[] u = (long[]) xa, v = (long[]) xb;
                for (int i = 0; i < n; i++, pc += sc, pa += sa, pb += sb, q += so) y[q] = c[pc] != 0 ? u[pa] : v[pb]; }
            case int[] y -> { int[] u = (int[]) xa, v = (int[]) xb;
                for (int i = 0; i < n; i++, pc += sc, pa += sa, pb += sb, q += so) y[q] = c[pc] != 0 ? u[pa] : v[pb]; }
            case short[] y -> { short[] u = (short[]) xa, v = (short[]) xb;
                for (int i = 0; i < n; i++, pc += sc, pa += sa, pb += sb, q += so) y[q] = c[pc] != 0 ? u[pa] : v[pb]; }
            case byte[] y -> { byte[] u = (byte[]) xa, v = (byte[]) xb;
                for (int i = 0; i < n; i++, pc += sc, pa += sa, pb += sb, q += so) y[q] = c[pc] != 0 ? u[pa] : v[pb]; }
            default -> throw new IllegalArgumentException("not a primitive array: " + oa.getClass());
        }
    }
}
