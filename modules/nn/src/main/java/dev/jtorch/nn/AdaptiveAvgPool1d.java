package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/** Average pooling of [N, C, L] or [C, L] to a fixed length, as PyTorch's {@code nn.AdaptiveAvgPool1d}. */
public class AdaptiveAvgPool1d extends Module {
    public final long outputSize;

    public AdaptiveAvgPool1d(long outputSize) { this.outputSize = outputSize; }

    @Override
    public Tensor forward(Tensor input) { return F.adaptiveAvgPool1d(input, outputSize); }

    @Override
    protected String extraRepr() { return "output_size=" + outputSize; }
}
