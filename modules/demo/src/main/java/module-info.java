/**
 * A short tour of jtorch's tensor API. It needs only the API; the CPU backend
 * ({@code dev.jtorch.tensor.simd}) is found at run time through {@code uses dev.jtorch.spi.Backend}
 * (service binding resolves it when it is on the module path).
 */
module dev.jtorch.demo {
    requires dev.jtorch.tensor.api;
}
