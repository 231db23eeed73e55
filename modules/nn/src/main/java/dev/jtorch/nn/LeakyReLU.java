package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** x for x &gt; 0, negativeSlope·x otherwise, as PyTorch's {@code nn.LeakyReLU}. */
public class LeakyReLU extends Module {
    public final double negativeSlope;

    public LeakyReLU() { this(0.01); }

    public LeakyReLU(double negativeSlope) { this.negativeSlope = negativeSlope; }

    @Override
    public Tensor forward(Tensor input) { return F.leakyRelu(input, negativeSlope); }

    @Override
    protected String extraRepr() { return "negative_slope=" + py(negativeSlope); }
}
