package dev.jtorch.nn;

/** Base class of every layer, as PyTorch's {@code nn.Module} (placeholder: the nn issue fills it in). */
public abstract class Module {
}
