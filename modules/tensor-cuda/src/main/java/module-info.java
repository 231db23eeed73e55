/**
 * The CUDA backend: the CUDA runtime, cuBLAS and the driver API through Panama FFM, a caching device allocator, and
 * our kernels (PTX built from {@code native/}). Exports nothing; it provides {@link dev.jtorch.spi.Backend}. Calling
 * native code needs {@code --enable-native-access=dev.jtorch.tensor.cuda} (without it the JDK prints a warning).
 */
module dev.jtorch.tensor.cuda {
    requires dev.jtorch.tensor.api;

    provides dev.jtorch.spi.Backend with dev.jtorch.cuda.CudaBackend;
}
