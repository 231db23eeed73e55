package dev.jtorch.ops;

/** Elementwise primitives with two inputs of one compute type, broadcast to the output's shape. */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, DIV_TRUNC, DIV_FLOOR, REMAINDER, FMOD, POW, ATAN2, HYPOT, COPYSIGN, MAXIMUM, MINIMUM,
    BITWISE_AND, BITWISE_OR, BITWISE_XOR,
    LOGICAL_AND, LOGICAL_OR, LOGICAL_XOR,
    EQ, NE, LT, LE, GT, GE;

    /** Comparisons and logical ops write a bool output. */
    public boolean producesBool() {
        return switch (this) {
            case LOGICAL_AND, LOGICAL_OR, LOGICAL_XOR, EQ, NE, LT, LE, GT, GE -> true;
            default -> false;
        };
    }
}
