package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;

/**
 * What {@link RNNCell}, {@link LSTMCell} and {@link GRUCell} share, as PyTorch's {@code nn.RNNCellBase}:
 * parameters {@code weight_ih} (gates·H, I), {@code weight_hh} (gates·H, H), {@code bias_ih}, {@code bias_hh}
 * initialised U(-1/√H, 1/√H), and the checks of one step's input and state.
 */
public abstract class RNNCellBase extends Module {
    private final long inputSize;
    private final long hiddenSize;
    private final boolean bias;
    final Tensor weightIh;
    final Tensor weightHh;
    final Tensor biasIh;
    final Tensor biasHh;

    RNNCellBase(long inputSize, long hiddenSize, boolean bias, int gates) {
        if (inputSize < 0) throw new IllegalArgumentException("input_size must be non-negative, got " + inputSize);
        if (hiddenSize <= 0) throw new IllegalArgumentException("hidden_size must be greater than zero, got " + hiddenSize);
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.bias = bias;
        double bound = 1.0 / Math.sqrt(hiddenSize);
        weightIh = registerParameter("weight_ih", Torch.zeros(gates * hiddenSize, inputSize).uniform_(-bound, bound));
        weightHh = registerParameter("weight_hh", Torch.zeros(gates * hiddenSize, hiddenSize).uniform_(-bound, bound));
        biasIh = registerParameter("bias_ih", bias ? Torch.zeros(gates * hiddenSize).uniform_(-bound, bound) : null);
        biasHh = registerParameter("bias_hh", bias ? Torch.zeros(gates * hiddenSize).uniform_(-bound, bound) : null);
    }

    public long inputSize() { return inputSize; }

    public long hiddenSize() { return hiddenSize; }

    public boolean bias() { return bias; }

    /** The input as a batch (N, I): an unbatched (I) input gains a batch dim of 1. */
    Tensor batchedInput(Tensor input) {
        if (input.dim() != 1 && input.dim() != 2) {
            throw new IllegalArgumentException(typeName() + ": Expected input to be 1-D or 2-D but received "
                    + input.dim() + "-D tensor");
        }
        if (input.size(-1) != inputSize) {
            throw new IllegalArgumentException("input has inconsistent input_size: got " + input.size(-1)
                    + " expected " + inputSize);
        }
        return input.dim() == 1 ? input.unsqueeze(0) : input;
    }

    /** A state as a batch (N, H) matching the input; null means zeros. */
    Tensor batchedState(Tensor state, Tensor batchedInput, boolean inputBatched, String name) {
        if (state == null) return Torch.zeros(new long[]{batchedInput.size(0), hiddenSize}, batchedInput.dtype());
        if (state.dim() != (inputBatched ? 2 : 1)) {
            throw new IllegalArgumentException(typeName() + ": Expected " + name + " to be " + (inputBatched ? 2 : 1)
                    + "-D, got " + state.dim() + "-D instead");
        }
        Tensor s = inputBatched ? state : state.unsqueeze(0);
        if (s.size(0) != batchedInput.size(0)) {
            throw new IllegalArgumentException("Input batch size " + batchedInput.size(0) + " doesn't match hidden"
                    + name.substring(1) + " batch size " + s.size(0));
        }
        if (s.size(1) != hiddenSize) {
            throw new IllegalArgumentException("hidden" + name.substring(1) + " has inconsistent hidden_size: got "
                    + s.size(1) + ", expected " + hiddenSize);
        }
        return s;
    }

    Tensor inputProjection(Tensor batchedInput) {
        return RecurrentCells.project(batchedInput, weightIh, biasIh);
    }

    @Override
    protected String extraRepr() {
        return inputSize + ", " + hiddenSize + (bias ? "" : ", bias=False");
    }
}
