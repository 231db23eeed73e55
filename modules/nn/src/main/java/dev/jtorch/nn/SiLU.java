package dev.jtorch.nn;

import dev.jtorch.Tensor;

/** x·sigmoid(x), as PyTorch's {@code nn.SiLU}. */
public class SiLU extends Module {
    @Override
    public Tensor forward(Tensor input) { return input.silu(); }
}
