package dev.jtorch.nn;

import dev.jtorch.Tensor;

/** PyTorch's {@code nn.LSTMCell}: one LSTM step (gates i, f, g, o in the weights, in that order). */
public class LSTMCell extends RNNCellBase {
    public LSTMCell(long inputSize, long hiddenSize) { this(inputSize, hiddenSize, true); }

    public LSTMCell(long inputSize, long hiddenSize, boolean bias) { super(inputSize, hiddenSize, bias, 4); }

    /** One step from {@code (h0, c0)} ((N, H) each, or (H) for an unbatched (I) input; both null for zeros). */
    public LstmState forward(Tensor input, Tensor h0, Tensor c0) {
        if ((h0 == null) != (c0 == null)) throw new IllegalArgumentException("LSTMCell: give both h_0 and c_0, or neither");
        Tensor x = batchedInput(input);
        boolean batched = input.dim() == 2;
        Tensor h = batchedState(h0, x, batched, "hx");
        Tensor c = batchedState(c0, x, batched, "cx");
        Tensor[] next = RecurrentCells.lstm(inputProjection(x), h, c, weightHh, biasHh);
        return batched ? new LstmState(next[0], next[1]) : new LstmState(next[0].squeeze(0), next[1].squeeze(0));
    }

    /** One step from zero states; returns h' only (use the three-argument form for c'). */
    @Override
    public Tensor forward(Tensor input) { return forward(input, null, null).h(); }
}
