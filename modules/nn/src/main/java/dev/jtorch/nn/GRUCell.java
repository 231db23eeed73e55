package dev.jtorch.nn;

import dev.jtorch.Tensor;

/** PyTorch's {@code nn.GRUCell}: one GRU step (gates r, z, n in the weights, in that order). */
public class GRUCell extends RNNCellBase {
    public GRUCell(long inputSize, long hiddenSize) { this(inputSize, hiddenSize, true); }

    public GRUCell(long inputSize, long hiddenSize, boolean bias) { super(inputSize, hiddenSize, bias, 3); }

    /** One step from {@code hx} ((N, H), or (H) for an unbatched (I) input; null for zeros). */
    public Tensor forward(Tensor input, Tensor hx) {
        Tensor x = batchedInput(input);
        Tensor h = batchedState(hx, x, input.dim() == 2, "hx");
        Tensor next = RecurrentCells.gru(inputProjection(x), h, weightHh, biasHh);
        return input.dim() == 2 ? next : next.squeeze(0);
    }

    @Override
    public Tensor forward(Tensor input) { return forward(input, null); }
}
