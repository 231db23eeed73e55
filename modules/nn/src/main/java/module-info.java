/**
 * Neural-network layers ({@code dev.jtorch.nn}), their functional forms ({@code dev.jtorch.nn.functional.F})
 * and initialisers ({@code dev.jtorch.nn.init.Init}), as PyTorch's {@code torch.nn}.
 */
module dev.jtorch.nn {
    requires transitive dev.jtorch.tensor.api;
    requires transitive dev.jtorch.autograd;

    exports dev.jtorch.nn;
    exports dev.jtorch.nn.functional;
    exports dev.jtorch.nn.init;
}
