package dev.jtorch.nn;

import dev.jtorch.Tensor;

/** What {@link LSTM} returns, as PyTorch's {@code (output, (h_n, c_n))}. */
public record LstmOutput(Tensor output, Tensor hN, Tensor cN) {}
