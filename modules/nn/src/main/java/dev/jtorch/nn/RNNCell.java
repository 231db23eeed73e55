package dev.jtorch.nn;

import dev.jtorch.Tensor;

/** PyTorch's {@code nn.RNNCell}: one step h' = tanh(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh) (or relu). */
public class RNNCell extends RNNCellBase {
    private final String nonlinearity;

    public RNNCell(long inputSize, long hiddenSize) { this(inputSize, hiddenSize, true, "tanh"); }

    /** @param nonlinearity "tanh" or "relu" */
    public RNNCell(long inputSize, long hiddenSize, boolean bias, String nonlinearity) {
        super(inputSize, hiddenSize, bias, 1);
        if (!"tanh".equals(nonlinearity) && !"relu".equals(nonlinearity)) {
            throw new IllegalArgumentException("Unknown nonlinearity: " + nonlinearity);
        }
        this.nonlinearity = nonlinearity;
    }

    public String nonlinearity() { return nonlinearity; }

    /** One step from {@code hx} ((N, H), or (H) for an unbatched (I) input; null for zeros). */
    public Tensor forward(Tensor input, Tensor hx) {
        Tensor x = batchedInput(input);
        Tensor h = batchedState(hx, x, input.dim() == 2, "hx");
        Tensor next = RecurrentCells.rnn(inputProjection(x), h, weightHh, biasHh, nonlinearity.equals("relu"));
        return input.dim() == 2 ? next : next.squeeze(0);
    }

    @Override
    public Tensor forward(Tensor input) { return forward(input, null); }

    @Override
    protected String extraRepr() {
        return super.extraRepr() + (nonlinearity.equals("tanh") ? "" : ", nonlinearity=" + nonlinearity);
    }
}
