/** Optimizers ({@code dev.jtorch.optim}) and learning-rate schedulers ({@code dev.jtorch.optim.scheduler}), as PyTorch's {@code torch.optim}. */
module dev.jtorch.optim {
    requires transitive dev.jtorch.tensor.api;
    requires transitive dev.jtorch.autograd;

    exports dev.jtorch.optim;
    exports dev.jtorch.optim.scheduler;
}
