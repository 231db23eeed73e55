package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** max(0, x) + min(0, alpha·(exp(x/alpha) − 1)), as PyTorch's {@code nn.CELU}. */
public class CELU extends Module {
    public final double alpha;

    public CELU() { this(1.0); }

    public CELU(double alpha) { this.alpha = alpha; }

    @Override
    public Tensor forward(Tensor input) { return F.celu(input, alpha); }

    @Override
    protected String extraRepr() { return "alpha=" + py(alpha); }
}
