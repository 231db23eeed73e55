package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** x − tanh(x), as PyTorch's {@code nn.Tanhshrink}. */
public class Tanhshrink extends Module {
    @Override
    public Tensor forward(Tensor input) { return F.tanhshrink(input); }
}
