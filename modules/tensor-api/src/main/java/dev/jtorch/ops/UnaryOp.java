package dev.jtorch.ops;

/** Elementwise primitives with one input. Kernels compute them in float32, float64 or int64. */
public enum UnaryOp {
    ABS, NEG, SIGN, EXP, EXP2, EXPM1, LOG, LOG1P, LOG2, LOG10, SQRT, RSQRT, SQUARE, RECIPROCAL,
    SIN, COS, TAN, ASIN, ACOS, ATAN, SINH, COSH, TANH, ASINH, ACOSH, ATANH,
    SIGMOID, RELU, GELU, SILU, ERF, ERFC, ERFINV, FLOOR, CEIL, ROUND, TRUNC,
    LOGICAL_NOT, BITWISE_NOT;

    /** True when the op is defined only for floating inputs (integers are promoted to the default float type). */
    public boolean floatOnly() {
        return switch (this) {
            case EXP, EXP2, EXPM1, LOG, LOG1P, LOG2, LOG10, SQRT, RSQRT, RECIPROCAL, SIN, COS, TAN, ASIN, ACOS, ATAN,
                 SINH, COSH, TANH, ASINH, ACOSH, ATANH, SIGMOID, GELU, SILU, ERF, ERFC, ERFINV -> true;
            default -> false;
        };
    }
}
