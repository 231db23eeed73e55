package dev.jtorch.nn;

import dev.jtorch.Tensor;

/** Returns its input, as PyTorch's {@code nn.Identity} (a placeholder, e.g. for a removed head). */
public class Identity extends Module {
    @Override
    public Tensor forward(Tensor input) { return input; }
}
