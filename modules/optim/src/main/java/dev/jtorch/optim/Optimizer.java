package dev.jtorch.optim;

/** Base class of the optimizers, as PyTorch's {@code torch.optim.Optimizer} (placeholder: the nn issue fills it in). */
public abstract class Optimizer {
}
