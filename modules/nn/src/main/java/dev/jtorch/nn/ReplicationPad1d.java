package dev.jtorch.nn;

/** Pads the last dim by repeating its edge, as PyTorch's {@code nn.ReplicationPad1d}. */
public class ReplicationPad1d extends PadNd {
    public ReplicationPad1d(long... padding) { super(padding, 1, "replicate", 0); }
}
