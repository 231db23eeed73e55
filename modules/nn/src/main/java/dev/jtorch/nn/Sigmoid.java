package dev.jtorch.nn;

import dev.jtorch.Tensor;

/** 1 / (1 + e⁻ˣ), as PyTorch's {@code nn.Sigmoid}. */
public class Sigmoid extends Module {
    @Override
    public Tensor forward(Tensor input) { return input.sigmoid(); }
}
