package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** x / (1 + |x|), as PyTorch's {@code nn.Softsign}. */
public class Softsign extends Module {
    @Override
    public Tensor forward(Tensor input) { return F.softsign(input); }
}
