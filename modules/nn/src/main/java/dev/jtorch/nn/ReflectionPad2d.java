package dev.jtorch.nn;

/** Pads the last two dims with their reflection, as PyTorch's {@code nn.ReflectionPad2d}. */
public class ReflectionPad2d extends PadNd {
    public ReflectionPad2d(long... padding) { super(padding, 2, "reflect", 0); }
}
