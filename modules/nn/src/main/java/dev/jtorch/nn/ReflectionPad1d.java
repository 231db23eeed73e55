package dev.jtorch.nn;

/** Pads the last dim with its reflection, as PyTorch's {@code nn.ReflectionPad1d}. */
public class ReflectionPad1d extends PadNd {
    public ReflectionPad1d(long... padding) { super(padding, 1, "reflect", 0); }
}
