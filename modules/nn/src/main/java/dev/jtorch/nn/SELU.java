package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** scale·elu(x, alpha) with the self-normalising constants, as PyTorch's {@code nn.SELU}. */
public class SELU extends Module {
    @Override
    public Tensor forward(Tensor input) { return F.selu(input); }
}
