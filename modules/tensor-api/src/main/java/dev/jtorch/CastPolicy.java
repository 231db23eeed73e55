package dev.jtorch;

/**
 * What {@link Autocast} does to an op's floating-point inputs, as PyTorch's autocast kernels
 * ({@code aten/src/ATen/autocast_mode.cpp}). Only inputs on the autocast device that are floating point
 * and not float64 are "eligible"; the others are passed through untouched.
 */
public enum CastPolicy {
    /** Eligible inputs are cast to the autocast dtype (bfloat16 on the CPU, float16 on CUDA by default). */
    LOWER_PRECISION_FP,
    /** Eligible inputs are cast to float32. */
    FP32,
    /** Eligible inputs are cast to the widest of their dtypes and the autocast dtype. */
    PROMOTE,
    /** Refused under autocast with PyTorch's explanation. */
    BANNED,
    /**
     * Not cast: the op is a composite and the ops it is built from are autocast one by one
     * (PyTorch's ops that have no autocast kernel and decompose, e.g. {@code einsum} on the CPU).
     */
    FALLTHROUGH,
    /**
     * Not cast, and nothing inside it is cast either: PyTorch runs it as one kernel in its inputs' dtypes.
     * (jtorch builds some of these from ops that autocast would otherwise cast, e.g. {@code dot} from {@code mm}.)
     */
    UNCHANGED
}
