package dev.jtorch.nn;

import dev.jtorch.Tensor;

/**
 * PyTorch's {@code nn.LSTM}: gates i, f, g, o (in that order in the weights), c_t = f·c_{t-1} + i·g,
 * h_t = o·tanh(c_t); stacked and bidirectional as {@link RNN}. ({@code proj_size} is not supported.)
 */
public class LSTM extends RNNBase {
    public LSTM(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, 1, true, false, 0.0, false);
    }

    public LSTM(long inputSize, long hiddenSize, int numLayers) {
        this(inputSize, hiddenSize, numLayers, true, false, 0.0, false);
    }

    public LSTM(long inputSize, long hiddenSize, int numLayers, boolean bias, boolean batchFirst, double dropout,
                boolean bidirectional) {
        super(RecurrentMode.LSTM, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional);
    }

    /** Runs the sequence from {@code (h0, c0)} (each (L·D, N, H), or (L·D, H) unbatched; both null for zeros). */
    public LstmOutput forward(Tensor input, Tensor h0, Tensor c0) {
        RecurrentStack.Result r = runLayers(input, h0, c0);
        return new LstmOutput(r.output(), r.hN(), r.cN());
    }

    /** The output sequence only, from zero states. */
    @Override
    public Tensor forward(Tensor input) { return forward(input, null, null).output(); }
}
