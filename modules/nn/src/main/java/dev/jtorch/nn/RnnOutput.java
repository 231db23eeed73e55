package dev.jtorch.nn;

import dev.jtorch.Tensor;

/** What {@link RNN} and {@link GRU} return, as PyTorch's {@code (output, h_n)}. */
public record RnnOutput(Tensor output, Tensor hN) {}
