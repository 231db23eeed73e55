package dev.jtorch.nn;

/** Pads the last two dims with zeros, as PyTorch's {@code nn.ZeroPad2d}. */
public class ZeroPad2d extends PadNd {
    public ZeroPad2d(long... padding) { super(padding, 2, "constant", 0); }
}
