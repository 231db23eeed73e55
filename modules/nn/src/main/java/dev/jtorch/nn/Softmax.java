package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** exp(x) / Σ exp(x) along {@code dim}, as PyTorch's {@code nn.Softmax}. */
public class Softmax extends Module {
    public final int dim;

    public Softmax(int dim) { this.dim = dim; }

    @Override
    public Tensor forward(Tensor input) { return F.softmax(input, dim); }

    @Override
    protected String extraRepr() { return "dim=" + dim; }
}
