package dev.jtorch.nn;

import dev.jtorch.Tensor;

/**
 * PyTorch's {@code nn.RNN}: h_t = tanh(x_t·W_ihᵀ + b_ih + h_{t-1}·W_hhᵀ + b_hh) (or relu), stacked
 * {@code numLayers} deep, optionally in both directions. Input (T, N, input_size), (N, T, input_size) when
 * batch-first, or unbatched (T, input_size).
 */
public class RNN extends RNNBase {
    private final String nonlinearity;

    public RNN(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, 1, "tanh", true, false, 0.0, false);
    }

    public RNN(long inputSize, long hiddenSize, int numLayers) {
        this(inputSize, hiddenSize, numLayers, "tanh", true, false, 0.0, false);
    }

    /** @param nonlinearity "tanh" or "relu" */
    public RNN(long inputSize, long hiddenSize, int numLayers, String nonlinearity, boolean bias, boolean batchFirst,
               double dropout, boolean bidirectional) {
        super(modeOf(nonlinearity), inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional);
        this.nonlinearity = nonlinearity;
    }

    private static RecurrentMode modeOf(String nonlinearity) {
        return switch (nonlinearity) {
            case "tanh" -> RecurrentMode.RNN_TANH;
            case "relu" -> RecurrentMode.RNN_RELU;
            case null, default -> throw new IllegalArgumentException("Unknown nonlinearity '" + nonlinearity + "'");
        };
    }

    public String nonlinearity() { return nonlinearity; }

    /** Runs the sequence from {@code h0} ((L·D, N, H), or (L·D, H) unbatched; null for zeros). */
    public RnnOutput forward(Tensor input, Tensor h0) {
        RecurrentStack.Result r = runLayers(input, h0, null);
        return new RnnOutput(r.output(), r.hN());
    }

    /** The output sequence only, from a zero state (so the layer can sit in a Sequential). */
    @Override
    public Tensor forward(Tensor input) { return forward(input, null).output(); }
}
