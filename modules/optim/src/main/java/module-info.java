/** Optimizers ({@code dev.jtorch.optim}), learning-rate schedulers ({@code dev.jtorch.optim.scheduler}) and {@code GradScaler} ({@code dev.jtorch.optim.amp}), as PyTorch's {@code torch.optim} and {@code torch.amp}. */
module dev.jtorch.optim {
    requires transitive dev.jtorch.tensor.api;
    requires transitive dev.jtorch.autograd;

    exports dev.jtorch.optim;
    exports dev.jtorch.optim.scheduler;
    exports dev.jtorch.optim.amp;
}
