package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** x·relu6(x + 3)/6, as PyTorch's {@code nn.Hardswish}. */
public class Hardswish extends Module {
    @Override
    public Tensor forward(Tensor input) { return F.hardswish(input); }
}
