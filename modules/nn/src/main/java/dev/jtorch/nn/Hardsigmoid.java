package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** relu6(x + 3)/6, as PyTorch's {@code nn.Hardsigmoid}. */
public class Hardsigmoid extends Module {
    @Override
    public Tensor forward(Tensor input) { return F.hardsigmoid(input); }
}
