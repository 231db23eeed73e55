package dev.jtorch.nn;

import dev.jtorch.Tensor;

/**
 * PyTorch's {@code nn.GRU}: gates r, z and the candidate n (in that order in the weights),
 * h_t = (1 - z)·n + z·h_{t-1}; stacked and bidirectional as {@link RNN}.
 */
public class GRU extends RNNBase {
    public GRU(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, 1, true, false, 0.0, false);
    }

    public GRU(long inputSize, long hiddenSize, int numLayers) {
        this(inputSize, hiddenSize, numLayers, true, false, 0.0, false);
    }

    public GRU(long inputSize, long hiddenSize, int numLayers, boolean bias, boolean batchFirst, double dropout,
               boolean bidirectional) {
        super(RecurrentMode.GRU, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional);
    }

    /** Runs the sequence from {@code h0} ((L·D, N, H), or (L·D, H) unbatched; null for zeros). */
    public RnnOutput forward(Tensor input, Tensor h0) {
        RecurrentStack.Result r = runLayers(input, h0, null);
        return new RnnOutput(r.output(), r.hN());
    }

    /** The output sequence only, from a zero state. */
    @Override
    public Tensor forward(Tensor input) { return forward(input, null).output(); }
}
