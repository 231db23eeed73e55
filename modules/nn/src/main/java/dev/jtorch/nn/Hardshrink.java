package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** x where |x| &gt; lambd, else 0, as PyTorch's {@code nn.Hardshrink}. */
public class Hardshrink extends Module {
    public final double lambd;

    public Hardshrink() { this(0.5); }

    public Hardshrink(double lambd) { this.lambd = lambd; }

    @Override
    public Tensor forward(Tensor input) { return F.hardshrink(input, lambd); }

    @Override
    protected String extraRepr() { return py(lambd); }
}
