package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** Zeroes whole channels of [N, C, L] or [C, L] with probability p in training, as PyTorch's {@code nn.Dropout1d}. */
public class Dropout1d extends DropoutNd {
    public Dropout1d() { this(0.5); }

    public Dropout1d(double p) { super(p); }

    @Override
    public Tensor forward(Tensor input) { return F.dropout1d(input, p, isTraining()); }
}
