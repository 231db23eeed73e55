package dev.jtorch.nn;

/** Pads the last two dims by repeating their edges, as PyTorch's {@code nn.ReplicationPad2d}. */
public class ReplicationPad2d extends PadNd {
    public ReplicationPad2d(long... padding) { super(padding, 2, "replicate", 0); }
}
