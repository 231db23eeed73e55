package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** log(sigmoid(x)), finite for every x, as PyTorch's {@code nn.LogSigmoid}. */
public class LogSigmoid extends Module {
    @Override
    public Tensor forward(Tensor input) { return F.logsigmoid(input); }
}
