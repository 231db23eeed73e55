package dev.jtorch.nn.init;

/** {@code torch.nn.init} (placeholder: the nn issue fills it in). */
public final class Init {
    private Init() {}
}
