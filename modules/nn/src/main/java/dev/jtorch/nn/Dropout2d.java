package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** Zeroes whole channels of [N, C, H, W] or [C, H, W] with probability p in training, as PyTorch's {@code nn.Dropout2d}. */
public class Dropout2d extends Module {
    public final double p;

    public Dropout2d() { this(0.5); }

    public Dropout2d(double p) {
        if (p < 0 || p > 1) throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + py(p));
        this.p = p;
    }

    @Override
    public Tensor forward(Tensor input) { return F.dropout2d(input, p, isTraining()); }

    @Override
    protected String extraRepr() { return "p=" + py(p) + ", inplace=False"; }
}
