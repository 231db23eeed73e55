package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** Max pooling to a fixed output size, as PyTorch's {@code nn.AdaptiveMaxPool2d} (values only). */
public class AdaptiveMaxPool2d extends AdaptivePool2d {
    public AdaptiveMaxPool2d(long... outputSize) { super(outputSize); }

    @Override
    public Tensor forward(Tensor input) { return F.adaptiveMaxPool2d(input, outputSize); }
}
