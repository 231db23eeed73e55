package dev.jtorch;

/** Copies between tensors and Java arrays. */
final class Interop {
    private Interop() {}

    private static UnsupportedOperationException todo() { return new UnsupportedOperationException("interop: not implemented yet"); }

    static float[] toFloatArray(Tensor t) { throw todo(); }

    static double[] toDoubleArray(Tensor t) { throw todo(); }

    static long[] toLongArray(Tensor t) { throw todo(); }

    static int[] toIntArray(Tensor t) { throw todo(); }

    static boolean[] toBooleanArray(Tensor t) { throw todo(); }

    static Object toNestedArray(Tensor t) { throw todo(); }

    /** A tensor from a (nested) Java primitive array or boxed scalar, dtype inferred as PyTorch would; dtype may be null. */
    static Tensor fromNested(Object data, DType dtype) { throw todo(); }
}
