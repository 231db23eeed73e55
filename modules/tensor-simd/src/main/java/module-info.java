/**
 * The CPU backend: Vector API kernels with scalar reference kernels beside them. Exports nothing;
 * it provides {@link dev.jtorch.spi.Backend}. {@code -Djtorch.simd=false} switches SIMD off.
 */
module dev.jtorch.tensor.simd {
    requires dev.jtorch.tensor.api;
    requires jdk.incubator.vector;

    provides dev.jtorch.spi.Backend with dev.jtorch.simd.CpuBackend;
}
