/**
 * The autograd engine: PyTorch's dynamic graph for jtorch tensors. tensor.api finds it through
 * {@link dev.jtorch.spi.AutogradHook}; users call {@link dev.jtorch.autograd.Autograd#grad},
 * write {@link dev.jtorch.autograd.Function}s and check gradients with {@link dev.jtorch.autograd.GradCheck}.
 */
module dev.jtorch.autograd {
    requires transitive dev.jtorch.tensor.api;

    exports dev.jtorch.autograd;

    provides dev.jtorch.spi.AutogradHook with dev.jtorch.autograd.AutogradProvider;
}
