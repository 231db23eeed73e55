package dev.jtorch.simd.gemm;

import dev.jtorch.spi.Strided;

/** Batched matrix multiply entry point of the CPU backend. Placeholder: the blocked GEMM replaces it. */
public final class Gemm {
    private Gemm() {}

    /**
     * {@code out[b] = a[b] @ bm[b]}; a [B,M,K], bm [B,K,N], out [B,M,N] contiguous; a and bm any strides.
     * dtypes are all FLOAT32, all FLOAT64 or all INT64.
     */
    public static void matmul(Strided a, Strided bm, Strided out, int threads, boolean simd) {
        throw new UnsupportedOperationException("gemm not implemented yet");
    }
}
