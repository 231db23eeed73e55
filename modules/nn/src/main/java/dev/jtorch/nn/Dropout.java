package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** Zeroes elements with probability p in training mode (scaling the rest by 1/(1-p)); the identity in eval mode. */
public class Dropout extends DropoutNd {
    public Dropout() { this(0.5); }

    public Dropout(double p) { super(p); }

    @Override
    public Tensor forward(Tensor input) { return F.dropout(input, p, isTraining()); }
}
