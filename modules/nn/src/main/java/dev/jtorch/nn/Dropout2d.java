package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** Zeroes whole channels of [N, C, H, W] or [C, H, W] with probability p in training, as PyTorch's {@code nn.Dropout2d}. */
public class Dropout2d extends DropoutNd {
    public Dropout2d() { this(0.5); }

    public Dropout2d(double p) { super(p); }

    @Override
    public Tensor forward(Tensor input) { return F.dropout2d(input, p, isTraining()); }
}
