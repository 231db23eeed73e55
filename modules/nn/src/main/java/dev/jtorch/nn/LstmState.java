package dev.jtorch.nn;

import dev.jtorch.Tensor;

/** The hidden and cell state of an {@link LSTMCell}, as PyTorch's {@code (h, c)} pair. */
public record LstmState(Tensor h, Tensor c) {}
