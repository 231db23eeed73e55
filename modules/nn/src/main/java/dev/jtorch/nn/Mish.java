package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** x·tanh(softplus(x)), as PyTorch's {@code nn.Mish}. */
public class Mish extends Module {
    @Override
    public Tensor forward(Tensor input) { return F.mish(input); }
}
