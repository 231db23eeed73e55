/**
 * The demo: trains a Fashion-MNIST classifier with jtorch ({@code ./jt demo}). It compiles against the API modules
 * only; the CPU backend ({@code dev.jtorch.tensor.simd}) and the autograd engine are found at run time as services
 * ({@code uses dev.jtorch.spi.Backend} and {@code AutogradHook} in tensor.api) when they are on the module path.
 */
module dev.jtorch.demo {
    requires dev.jtorch.tensor.api;
    requires dev.jtorch.nn;
    requires dev.jtorch.optim;
    requires dev.jtorch.data;
}
