package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** x − lambd above lambd, x + lambd below −lambd, 0 between, as PyTorch's {@code nn.Softshrink}. */
public class Softshrink extends Module {
    public final double lambd;

    public Softshrink() { this(0.5); }

    public Softshrink(double lambd) { this.lambd = lambd; }

    @Override
    public Tensor forward(Tensor input) { return F.softshrink(input, lambd); }

    @Override
    protected String extraRepr() { return py(lambd); }
}
