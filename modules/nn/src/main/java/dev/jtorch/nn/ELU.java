package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** x for x &gt; 0, alpha·(eˣ − 1) otherwise, as PyTorch's {@code nn.ELU}. */
public class ELU extends Module {
    public final double alpha;

    public ELU() { this(1.0); }

    public ELU(double alpha) { this.alpha = alpha; }

    @Override
    public Tensor forward(Tensor input) { return F.elu(input, alpha); }

    @Override
    protected String extraRepr() { return "alpha=" + py(alpha); }
}
