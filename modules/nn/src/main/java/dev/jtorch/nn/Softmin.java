package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** softmax(−x) along dim, as PyTorch's {@code nn.Softmin}. */
public class Softmin extends Module {
    public final int dim;

    public Softmin(int dim) { this.dim = dim; }

    @Override
    public Tensor forward(Tensor input) { return F.softmin(input, dim); }

    @Override
    protected String extraRepr() { return "dim=" + dim; }
}
