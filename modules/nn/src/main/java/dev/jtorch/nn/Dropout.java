package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** Zeroes elements with probability p in training mode (scaling the rest by 1/(1-p)); the identity in eval mode. */
public class Dropout extends Module {
    public final double p;

    public Dropout() { this(0.5); }

    public Dropout(double p) {
        if (p < 0 || p > 1) throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + py(p));
        this.p = p;
    }

    @Override
    public Tensor forward(Tensor input) { return F.dropout(input, p, isTraining()); }

    @Override
    protected String extraRepr() { return "p=" + py(p) + ", inplace=False"; }
}
