package dev.jtorch.nn.functional;

import dev.jtorch.Tensor;

/**
 * What multi-head attention returns, as PyTorch's {@code (attn_output, attn_output_weights)} pair:
 * {@code weights} is null when they were not asked for ({@code need_weights=False}).
 */
public record AttentionOutput(Tensor output, Tensor weights) {}
