package dev.jtorch.nn.functional;

/**
 * {@code torch.nn.functional}: stateless forms of the layers, activations and losses. Each section
 * delegates to a class of its own family; this class only gathers the names PyTorch users look for.
 */
public final class F {
    private F() {}

    // ---- activations and softmax (Activations)

    // ---- losses (Losses)

    // ---- linear, dropout, embedding, one-hot, padding, interpolation, distances (Basic)

    // ---- convolution and pooling (Convolutions, Pooling)

    // ---- normalization (Normalization)

    // ---- attention (Attention)
}
