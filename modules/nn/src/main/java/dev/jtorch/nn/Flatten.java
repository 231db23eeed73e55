package dev.jtorch.nn;

import dev.jtorch.Tensor;

/** Flattens dims {@code startDim..endDim} (default 1..-1, keeping the batch), as PyTorch's {@code nn.Flatten}. */
public class Flatten extends Module {
    public final int startDim, endDim;

    public Flatten() { this(1, -1); }

    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    @Override
    public Tensor forward(Tensor input) { return input.flatten(startDim, endDim); }

    @Override
    protected String extraRepr() { return "start_dim=" + startDim + ", end_dim=" + endDim; }
}
